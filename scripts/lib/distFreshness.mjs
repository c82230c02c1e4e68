// Whether dist/ is what src/ builds to: npm start rebuilds it if not, deploy refuses to publish it.
// Compares byte for byte, like test/unit/dist.test.ts: the banner names a hash of the build inputs,
// which is the same in every clone.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository's build failed (src/ does not compile, or build.mjs cannot run); its message says why. */
export class BuildError extends Error {
	/**
	 * @param {string} message
	 * @param {{ cause: unknown }} options
	 */
	constructor( message, options ) {
		super( message, options );
		this.name = 'BuildError';
	}
}

/**
 * Builds src/ into `outDir` with the build function of the repository at `root` (its own build.mjs,
 * so a clone builds with its own), as `npm run build` would.
 *
 * @param {string} root
 * @param {string} outDir
 * @return {Promise<void>} rejects with a BuildError
 */
async function runBuild( root, outDir ) {
	try {
		const { build } = await import( pathToFileURL( path.join( root, 'build.mjs' ) ).href );
		await build( outDir );
	} catch ( error ) {
		throw new BuildError( /** @type {Error} */ ( error ).message, { cause: error } );
	}
}

/**
 * Builds src/ into a temporary folder and names the files of `root`/dist that differ from it (or are
 * missing). An empty list means dist/ is fresh.
 *
 * @param {string} root Repository root.
 * @return {Promise<string[]>} rejects with a BuildError if src/ does not build
 */
export async function staleDistFiles( root ) {
	const outDir = await mkdtemp( path.join( os.tmpdir(), 'tokencache-build-' ) );
	try {
		await runBuild( root, outDir );
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
 * @return {Promise<void>} rejects with a BuildError if src/ does not build
 */
export function buildDist( root ) {
	return runBuild( root, path.join( root, 'dist' ) );
}
