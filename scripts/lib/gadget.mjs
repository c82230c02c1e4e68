// Installs the TokenCache gadget (and optional consumer gadgets) on a wiki from scripts/lib/wiki.mjs,
// by editing the wiki pages the Gadgets extension reads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @typedef {Object} ConsumerGadget A second gadget that uses TokenCache, as other gadgets will.
 * @property {string} name Gadget name; its code goes to MediaWiki:Gadget-<name>.js.
 * @property {string} code JavaScript source.
 * @property {string} [definition] Its Gadgets-definition line. Default: hidden, on by default,
 *   depending on ext.gadget.TokenCache.
 *
 * @typedef {Object} InstallOptions
 * @property {string} distFile The built gadget script (dist/TokenCache.js); the other files that the
 *   definition lines name (dist/TokenCache-panel.js) are read from the same folder.
 * @property {string} definitionFile The gadgets' definition lines (dist/Gadgets-definition.txt).
 * @property {ConsumerGadget[]} [consumerGadgets]
 */

/**
 * Writes MediaWiki:Gadget-TokenCache.js and every other file the definition lines name (the debug
 * panel), the consumer gadgets' pages and MediaWiki:Gadgets-definition (replacing the whole
 * definition page, so the wiki carries exactly these gadgets).
 *
 * @param {import('./wiki.mjs').Wiki} wiki
 * @param {InstallOptions} options
 */
export async function installTokenCache( wiki, { distFile, definitionFile, consumerGadgets = [] } ) {
	const definition = await readFile( definitionFile, 'utf8' );
	const lines = definition.split( '\n' ).filter( ( line ) => line.trim().startsWith( '*' ) );
	if ( !lines.some( ( line ) => /^\*\s*TokenCache\s*\[/.test( line ) ) ) {
		throw new Error( `${ definitionFile } has no "* TokenCache[...]" definition line` );
	}
	// SQLite serialises writes anyway: edit one page after the other.
	// "* Name[options]|a.js|b.css": the files are what follows the options.
	const files = lines.flatMap( ( line ) => line.slice( line.indexOf( ']' ) + 1 ).split( '|' ).map( ( name ) => name.trim() ).filter( Boolean ) );
	for ( const file of files ) {
		const code = await readFile( path.join( path.dirname( distFile ), file ), 'utf8' );
		await wiki.editPage( `MediaWiki:Gadget-${ file }`, code );
	}
	await wiki.editPage( 'MediaWiki:Gadget-TokenCache', 'TokenCache: one shared token layer for gadgets' );
	for ( const gadget of consumerGadgets ) {
		await wiki.editPage( `MediaWiki:Gadget-${ gadget.name }.js`, gadget.code );
		const options = 'ResourceLoader|hidden|default|dependencies=ext.gadget.TokenCache';
		lines.push( gadget.definition ?? `* ${ gadget.name }[${ options }]|${ gadget.name }.js` );
	}
	await wiki.editPage( 'MediaWiki:Gadgets-definition', `== TokenCache ==\n${ lines.join( '\n' ) }\n` );
}

/** The gadget name of a MediaWiki:Gadgets-definition line ("* Name[options]|files" or "* Name|files"). */
const DEFINITION_NAME = /^\s*\*\s*([^\s[|]+)\s*[[|]/;

/**
 * A MediaWiki:Gadgets-definition text with `line` in place of the line that defines the same gadget,
 * or added at the end; every other line is kept as it is.
 *
 * @param {string} text Current page text ('' for a missing page).
 * @param {string} line e.g. "* TokenCache[ResourceLoader|…]|TokenCache.js"
 * @return {string}
 */
export function withDefinitionLine( text, line ) {
	const name = DEFINITION_NAME.exec( line )?.[ 1 ];
	if ( !name ) {
		throw new Error( `not a gadget definition line: ${ line }` );
	}
	const lines = text.split( '\n' );
	const found = lines.flatMap( ( current, index ) => DEFINITION_NAME.exec( current )?.[ 1 ] === name ? [ index ] : [] );
	if ( found.length > 1 ) {
		throw new Error( `MediaWiki:Gadgets-definition defines ${ name } ${ found.length } times (lines ` +
			`${ found.map( ( index ) => index + 1 ).join( ', ' ) }): keep one by hand` );
	}
	if ( found.length === 1 ) {
		lines[ found[ 0 ] ] = line;
		return lines.join( '\n' );
	}
	const body = text.trimEnd();
	return body ? `${ body }\n${ line }` : line;
}
