// How big the built gadgets are: each file in dist/ as committed, gzipped, and its source built without
// minifying (a build of its own, so this is the one place of the bench that runs build.mjs).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { buildScript, GZIP_BUDGETS } from '../build.mjs';

export interface SizeReport {
	/** e.g. dist/TokenCache.js */
	file: string;
	/** The same source built without minifying. */
	unminifiedBytes: number;
	rawBytes: number;
	gzipBytes: number;
	/** The banner's build hash, so a size can be matched to the code it measured. */
	source: string;
	/** What test/unit/dist.test.ts allows, gzipped. */
	budgetBytes: number;
}

/**
 * Size of the built gadget as committed (minified) and gzipped (zlib level 9), and of the same source
 * built without minifying.
 */
export async function measureSize( file: string ): Promise<SizeReport> {
	const code = readFileSync( file );
	const banner = /, build ([0-9a-f]+)\./.exec( code.toString( 'utf8', 0, 400 ) );
	const unminified = await buildScript( path.basename( file ), { minify: false } );
	return {
		file: `dist/${ path.basename( file ) }`,
		unminifiedBytes: Buffer.byteLength( unminified ),
		rawBytes: code.length,
		gzipBytes: gzipSync( code, { level: 9 } ).length,
		source: banner ? banner[ 1 ] : 'unknown',
		budgetBytes: ( GZIP_BUDGETS as Record<string, number> )[ path.basename( file ) ]
	};
}
