// Installs the TokenCache gadget (and optional consumer gadgets) on a wiki from scripts/lib/wiki.mjs,
// by editing the wiki pages the Gadgets extension reads.
import { readFile } from 'node:fs/promises';

/**
 * @typedef {Object} ConsumerGadget A second gadget that uses TokenCache, as other gadgets will.
 * @property {string} name Gadget name; its code goes to MediaWiki:Gadget-<name>.js.
 * @property {string} code JavaScript source.
 * @property {string} [definition] Its Gadgets-definition line. Default: hidden, on by default,
 *   depending on ext.gadget.TokenCache.
 *
 * @typedef {Object} InstallOptions
 * @property {string} distFile The built gadget script (dist/TokenCache.js).
 * @property {string} definitionFile The gadget's definition line(s) (dist/Gadgets-definition.txt).
 * @property {ConsumerGadget[]} [consumerGadgets]
 */

/**
 * Writes MediaWiki:Gadget-TokenCache.js, the consumer gadgets' pages and MediaWiki:Gadgets-definition
 * (replacing the whole definition page, so the wiki carries exactly these gadgets).
 *
 * @param {import('./wiki.mjs').Wiki} wiki
 * @param {InstallOptions} options
 */
export async function installTokenCache( wiki, { distFile, definitionFile, consumerGadgets = [] } ) {
	const [ code, definition ] = await Promise.all( [ readFile( distFile, 'utf8' ), readFile( definitionFile, 'utf8' ) ] );
	const lines = definition.split( '\n' ).filter( ( line ) => line.trim().startsWith( '*' ) );
	if ( !lines.some( ( line ) => /^\*\s*TokenCache\s*\[/.test( line ) ) ) {
		throw new Error( `${ definitionFile } has no "* TokenCache[...]" definition line` );
	}
	// SQLite serialises writes anyway: edit one page after the other.
	await wiki.editPage( 'MediaWiki:Gadget-TokenCache.js', code );
	await wiki.editPage( 'MediaWiki:Gadget-TokenCache', 'TokenCache: one shared token layer for gadgets' );
	for ( const gadget of consumerGadgets ) {
		await wiki.editPage( `MediaWiki:Gadget-${ gadget.name }.js`, gadget.code );
		const options = 'ResourceLoader|hidden|default|dependencies=ext.gadget.TokenCache';
		lines.push( gadget.definition ?? `* ${ gadget.name }[${ options }]|${ gadget.name }.js` );
	}
	await wiki.editPage( 'MediaWiki:Gadgets-definition', `== TokenCache ==\n${ lines.join( '\n' ) }\n` );
}
