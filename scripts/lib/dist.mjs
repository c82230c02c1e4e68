// The built gadgets in dist/: what they are (from dist/Gadgets-definition.txt and
// dist/Gadget-descriptions.json) and whether dist/ is what
// src/ builds to, for scripts/start.mjs (rebuild if not) and scripts/deploy.mjs (refuse if not).
// Compares byte for byte, like test/unit/dist.test.ts: the banner names a hash of the build inputs,
// which is the same in every clone.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
 * The build function of the repository at `root` (its own build.mjs, so a clone builds with its own).
 *
 * @param {string} root
 * @return {Promise<Function>} build( outDir )
 */
async function loadBuild( root ) {
	const { build } = await import( pathToFileURL( path.join( root, 'build.mjs' ) ).href );
	return build;
}

/**
 * Builds src/ into a temporary folder and names the files of `root`/dist that differ from it (or are
 * missing). An empty list means dist/ is fresh.
 *
 * @param {string} root Repository root.
 * @return {Promise<string[]>}
 */
export async function staleDistFiles( root ) {
	const build = await loadBuild( root );
	const outDir = await mkdtemp( path.join( os.tmpdir(), 'tokencache-build-' ) );
	try {
		await build( outDir );
		const stale = [];
		for ( const file of ( await readdir( outDir ) ).sort() ) {
			const fresh = await readFile( path.join( outDir, file ), 'utf8' );
			const committed = await readFile( path.join( root, 'dist', file ), 'utf8' ).catch( () => undefined );
			if ( committed !== fresh ) {
				stale.push( file );
			}
		}
		return stale;
	} finally {
		await rm( outDir, { recursive: true, force: true } );
	}
}

/**
 * Rebuilds `root`/dist from src/ (what `npm run build` does).
 *
 * @param {string} root
 */
export async function buildDist( root ) {
	const build = await loadBuild( root );
	await build( path.join( root, 'dist' ) );
}

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
 * @return {Promise<DistGadgets>}
 */
export async function readGadgetsIn( dir ) {
	const text = await readFile( path.join( dir, 'Gadgets-definition.txt' ), 'utf8' ).catch( () => '' );
	const lines = text.split( '\n' ).map( ( line ) => line.trim() )
		.filter( ( line ) => parseGadgetLine( line ) || parseSectionHeading( line ) !== undefined );
	const gadgets = lines.flatMap( ( line ) => parseGadgetLine( line ) ?? [] );
	if ( !gadgets.some( ( gadget ) => gadget.name === 'TokenCache' ) ) {
		throw new Error( 'dist/Gadgets-definition.txt is missing or has no "* TokenCache[…]" line: run npm run build' );
	}
	const descriptions = JSON.parse( await readFile( path.join( dir, 'Gadget-descriptions.json' ), 'utf8' ).catch( () => {
		throw new Error( 'dist/Gadget-descriptions.json is missing: run npm run build' );
	} ) );
	const files = await Promise.all( gadgets.flatMap( ( gadget ) => gadget.files ).map( async ( name ) => ( {
		name,
		text: await readFile( path.join( dir, name ), 'utf8' ).catch( () => {
			throw new Error( `dist/Gadgets-definition.txt names dist/${ name }, which is missing: run npm run build` );
		} )
	} ) ) );
	return { lines, files, descriptions };
}
