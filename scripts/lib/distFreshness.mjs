// Whether dist/ is what src/ builds to: npm start rebuilds it if not, deploy refuses to publish it.
// Compares byte for byte, like test/unit/dist.test.ts: the banner names a hash of the build inputs,
// which is the same in every clone.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
