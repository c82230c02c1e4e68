// The built gadgets in dist/, as the scripts and tests that install or publish them read them: the
// definition lines (dist/Gadgets-definition.txt), the files they name and the description pages
// (dist/Gadget-descriptions.json).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli.mjs';
import { parseGadgetLine, parseSectionHeading } from './gadgetDefinitions.mjs';

/**
 * @typedef {Object} DistGadgets
 * @property {string[]} lines The definition page's lines: the section heading ("== developer ==")
 *   and the gadgets' lines, e.g. "* TokenCache[ResourceLoader|…]|TokenCache.js".
 * @property {{ name: string, text: string }[]} files Every file the lines name, in their order,
 *   e.g. TokenCache.js (the library) and TokenCacheDebug.js (the debug gadget).
 * @property {Object.<string, string>} descriptions The description pages by title, e.g.
 *   MediaWiki:Gadget-TokenCache, MediaWiki:Gadget-TokenCache/fr, MediaWiki:Gadget-section-developer.
 */

/**
 * Reads the gadgets of `root`/dist.
 *
 * @param {string} root
 * @return {Promise<DistGadgets>}
 */
export function readDistGadgets( root ) {
	return readGadgetsIn( path.join( root, 'dist' ) );
}

/**
 * Reads built gadgets from a folder laid out as dist/ is.
 *
 * @param {string} dir
 * @return {Promise<DistGadgets>} rejects with a CliError if a file is missing (not built)
 */
export async function readGadgetsIn( dir ) {
	const text = await readFile( path.join( dir, 'Gadgets-definition.txt' ), 'utf8' ).catch( () => '' );
	const lines = text.split( '\n' ).map( ( line ) => line.trim() )
		.filter( ( line ) => parseGadgetLine( line ) || parseSectionHeading( line ) !== undefined );
	const gadgets = lines.flatMap( ( line ) => parseGadgetLine( line ) ?? [] );
	if ( !gadgets.some( ( gadget ) => gadget.name === 'TokenCache' ) ) {
		throw new CliError( 'dist/Gadgets-definition.txt is missing or has no "* TokenCache[…]" line: run npm run build' );
	}
	const descriptions = JSON.parse( await readFile( path.join( dir, 'Gadget-descriptions.json' ), 'utf8' ).catch( () => {
		throw new CliError( 'dist/Gadget-descriptions.json is missing: run npm run build' );
	} ) );
	const files = await Promise.all( gadgets.flatMap( ( gadget ) => gadget.files ).map( async ( name ) => ( {
		name,
		text: await readFile( path.join( dir, name ), 'utf8' ).catch( () => {
			throw new CliError( `dist/Gadgets-definition.txt names dist/${ name }, which is missing: run npm run build` );
		} )
	} ) ) );
	return { lines, files, descriptions };
}
