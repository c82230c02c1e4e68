// Installs the TokenCache gadgets (and optional consumer gadgets) on a wiki from scripts/lib/wiki.mjs,
// by editing the wiki pages the Gadgets extension reads, and merges definition lines into a wiki's own.
import { readGadgetsIn } from './dist.mjs';

/**
 * @typedef {Object} ConsumerGadget A gadget that uses TokenCache, as other gadgets will.
 * @property {string} name Gadget name; its code goes to MediaWiki:Gadget-<name>.js.
 * @property {string} code JavaScript source.
 * @property {string} definition Its Gadgets-definition line.
 *
 * @typedef {Object} InstallOptions
 * @property {string} distDir The built gadgets (dist/).
 * @property {ConsumerGadget[]} [consumerGadgets] Put in a section of their own, `== consumers ==`.
 */

/**
 * Installs the gadgets exactly as the README says: every file of dist/ that the definition lines name,
 * the description pages of dist/Gadget-descriptions.json, and MediaWiki:Gadgets-definition with the
 * lines of dist/Gadgets-definition.txt (replacing the whole page, so the wiki carries exactly these
 * gadgets), then the consumer gadgets.
 *
 * @param {import('./wiki.mjs').Wiki} wiki
 * @param {InstallOptions} options
 */
export async function installTokenCache( wiki, { distDir, consumerGadgets = [] } ) {
	const gadgets = await readGadgetsIn( distDir );
	const lines = [ ...gadgets.lines ];
	/** @type {Object.<string, string>} */
	const pages = {};
	for ( const file of gadgets.files ) {
		pages[ `MediaWiki:Gadget-${ file.name }` ] = file.text;
	}
	Object.assign( pages, gadgets.descriptions );
	if ( consumerGadgets.length ) {
		lines.push( '== consumers ==' );
	}
	for ( const gadget of consumerGadgets ) {
		pages[ `MediaWiki:Gadget-${ gadget.name }.js` ] = gadget.code;
		lines.push( gadget.definition );
	}
	// Last: a definition line never names a page that is not there yet.
	pages[ 'MediaWiki:Gadgets-definition' ] = lines.join( '\n' ) + '\n';
	await wiki.editPages( pages );
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

/** A section heading of MediaWiki:Gadgets-definition, e.g. "== developer ==". */
const SECTION_HEADING = /^\s*==\s*(.*?)\s*==\s*$/;

/**
 * A MediaWiki:Gadgets-definition text with `lines` merged in: a gadget the page defines already gets
 * its line replaced where it is (in whatever section the wiki keeps it); the others go to the end of
 * the section that `lines` starts with, which is added at the end of the page if missing. The lines
 * of `retired` gadgets are taken out; every other line is kept as it is.
 *
 * @param {string} text Current page text ('' for a missing page).
 * @param {string[]} lines e.g. [ "== developer ==", "* TokenCache[…]|TokenCache.js", … ]
 * @param {string[]} [retired] Names of gadgets whose lines go, e.g. [ "TokenCachePanel" ].
 * @return {string}
 */
export function withGadgetDefinitions( text, lines, retired = [] ) {
	const section = SECTION_HEADING.exec( lines[ 0 ] )?.[ 1 ];
	if ( !section ) {
		throw new Error( `the definition lines must start with a section heading, not: ${ lines[ 0 ] }` );
	}
	const nameOf = ( /** @type {string} */ line ) => DEFINITION_NAME.exec( line )?.[ 1 ];
	let current = text.split( '\n' ).filter( ( line ) => !retired.includes( nameOf( line ) ?? '' ) ).join( '\n' );
	const defined = new Set( current.split( '\n' ).map( nameOf ) );
	const missing = [];
	for ( const line of lines.slice( 1 ) ) {
		if ( defined.has( nameOf( line ) ) ) {
			current = withDefinitionLine( current, line );
		} else {
			missing.push( line );
		}
	}
	if ( !missing.length ) {
		return current;
	}
	const page = current.trimEnd() ? current.trimEnd().split( '\n' ) : [];
	const start = page.findIndex( ( line ) => SECTION_HEADING.exec( line )?.[ 1 ] === section );
	if ( start === -1 ) {
		return [ ...page, lines[ 0 ], ...missing ].join( '\n' );
	}
	// After the section's last non-empty line, before the next heading.
	let end = start + 1;
	while ( end < page.length && !SECTION_HEADING.test( page[ end ] ) ) {
		end++;
	}
	while ( end > start + 1 && !page[ end - 1 ].trim() ) {
		end--;
	}
	page.splice( end, 0, ...missing );
	return page.join( '\n' );
}
