// Installs the TokenCache gadgets (and optional consumer gadgets) on a wiki from scripts/lib/wiki.mjs,
// by editing the wiki pages the Gadgets extension reads; npm start writes the same gadget pages.
import { readGadgetsIn } from './distGadgets.mjs';
import { DEFINITIONS_PAGE } from './gadgetDefinitions.mjs';

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
 * The pages the built gadgets go to on a wiki: each file the definition lines name at
 * MediaWiki:Gadget-<file>, then the description pages.
 *
 * @param {import('./distGadgets.mjs').DistGadgets} gadgets
 * @return {Object.<string, string>} title → text
 */
export function gadgetPages( gadgets ) {
	/** @type {Object.<string, string>} */
	const pages = {};
	for ( const file of gadgets.files ) {
		pages[ `MediaWiki:Gadget-${ file.name }` ] = file.text;
	}
	return Object.assign( pages, gadgets.descriptions );
}

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
	const pages = gadgetPages( gadgets );
	if ( consumerGadgets.length ) {
		lines.push( '== consumers ==' );
	}
	for ( const gadget of consumerGadgets ) {
		pages[ `MediaWiki:Gadget-${ gadget.name }.js` ] = gadget.code;
		lines.push( gadget.definition );
	}
	// Last: a definition line never names a page that is not there yet.
	pages[ DEFINITIONS_PAGE ] = lines.join( '\n' ) + '\n';
	await wiki.editPages( pages );
}
