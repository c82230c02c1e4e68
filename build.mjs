/**
 * Builds the gadget: esbuild bundles src/ into one script, SWC lowers it to ECMAScript 5 (MediaWiki
 * 1.39 rejects newer gadget syntax) and minifies it, and the result is wrapped so that it defines no
 * global of its own. Also writes the type declarations, and from gadgets.mjs the gadget definition lines
 * and description pages.
 *
 * Usage: node build.mjs [outDir]   (default: dist)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import swc from '@swc/wasm';
import ts from 'typescript';
import { definitionLines, descriptionPages } from './gadgets.mjs';

const root = dirname( fileURLToPath( import.meta.url ) );
const pkg = JSON.parse( readFileSync( join( root, 'package.json' ), 'utf8' ) );

/**
 * Output file → entry point: the library; the debug gadget (its link and panel); the shield's two files,
 * its guards for writes outside mw.Api's token methods first, then the shield of the token methods.
 */
export const ENTRIES = {
	'TokenCache.js': 'src/index.ts',
	'TokenCacheDebug.js': 'src/debugGadget.ts',
	'TokenCache-guards.js': 'src/shield/guardsEntry.ts',
	'TokenCache-shield.js': 'src/shield/entry.ts'
};

/**
 * Gzipped size budgets in bytes, held by test/unit/dist.test.ts and printed by the benchmark: the
 * library, loaded wherever a gadget uses it; the debug gadget, loaded with every page of those who chose
 * it; and the shield's two files, loaded with every page where it is on. The library's holds what its
 * public contract needs today (about 3,860) with a little room; the explicit store and refresh protocol
 * took most of what moving the debug link out of it saved (3,700 is the aim, not reached).
 */
export const GZIP_BUDGETS = {
	'TokenCache.js': 3900,
	'TokenCacheDebug.js': 2560,
	'TokenCache-guards.js': 3072,
	'TokenCache-shield.js': 2048
};

/**
 * Property names that never leave the library: its modules' own interfaces (the session, store, refresh
 * and fetch objects, the options the entry point passes; `token` is a cached slot's, never an answer's). They are shortened in TokenCache.js only. Never
 * list a name that code outside the bundle reads or writes: the public contract (src/publicTypes.ts, e.g.
 * `send`, `served`, `endpoint`), mw.Api and its answers (`tokens`, `result`, `status`), cross-tab messages.
 */
const LIBRARY_PRIVATE_PROPS = new RegExp( [
	'^(expectsUser|addAssertion|noteAnswer|epoch|lossFrom',
	'notAllowed|types|fetch|pageTokens|onSessionLost|onChange|requestTimeoutMs|resolveUrl',
	'userName|crossTab|listen|promise|token|refresh|discard|noteServed|view|generation|track)$'
].join( '|' ) );

/** The gadget definition lines, as dist/Gadgets-definition.txt holds them. */
export function definitionText() {
	return definitionLines().join( '\n' ) + '\n';
}

/** The description pages by title, as dist/Gadget-descriptions.json holds them. */
export function descriptionsText() {
	return JSON.stringify( descriptionPages(), null, '\t' ) + '\n';
}

/**
 * A short content hash of what one gadget file is built from: the version, the build script, the locked
 * compiler versions and every source file esbuild bundled for it. It names the source of a file without a
 * commit id, so a change and its rebuilt dist/ land in one commit, and a file whose inputs did not change
 * keeps its banner (and needs no new edit on the wiki).
 *
 * @param {string[]} bundledFiles Paths relative to the repository root, as esbuild's metafile lists them.
 * @return {string}
 */
function inputsHash( bundledFiles ) {
	const hash = createHash( 'sha256' ).update( pkg.version );
	for ( const file of [ 'build.mjs', 'package-lock.json', ...[ ...bundledFiles ].sort() ] ) {
		// Both the name and the content, each length-prefixed so that no two input sets hash alike.
		const content = readFileSync( join( root, file ) );
		hash.update( `${ file.length }:${ file }${ content.length }:` ).update( content );
	}
	return hash.digest( 'hex' ).slice( 0, 12 );
}

/**
 * The first lines of a gadget file.
 *
 * @param {string} name
 * @param {string} hash
 * @return {string[]}
 */
function bannerLines( name, hash ) {
	return [
		'// <nowiki>',
		`/*! ${ name } ${ pkg.version }, MIT, build ${ hash }. Generated file: edit the source repository, not this page. */`
	];
}

/**
 * One gadget file, e.g. `buildScript( 'TokenCache.js' )`; `minify: false` only to measure what
 * minifying saves (the benchmark's size figures).
 *
 * @param {string} fileName
 * @param {{ minify?: boolean }} [options]
 * @return {Promise<string>}
 */
export async function buildScript( fileName, { minify = true } = {} ) {
	const bundled = await esbuild.build( {
		entryPoints: [ join( root, ENTRIES[ fileName ] ) ],
		bundle: true,
		write: false,
		format: 'esm',
		target: 'es2017',
		charset: 'utf8',
		legalComments: 'none',
		metafile: true,
		absWorkingDir: root,
		define: { TOKENCACHE_VERSION: JSON.stringify( pkg.version ) },
		mangleProps: fileName === 'TokenCache.js' ? LIBRARY_PRIVATE_PROPS : undefined,
		// `module` is the package gadget's CommonJS module object, deliberately read from the enclosing scope.
		logOverride: { 'commonjs-variable-in-esm': 'silent' }
	} );
	const lowered = await swc.transform( bundled.outputFiles[ 0 ].text, {
		// ES5 syntax for browsers that all have Symbol-free typeof and plain instanceof: skipping those two
		// passes saves helper code that only matters for polyfilled Symbols.
		env: { targets: { ie: '11' }, exclude: [ 'transform-typeof-symbol' ] },
		jsc: {
			loose: true,
			parser: { syntax: 'ecmascript' },
			minify: minify ? { compress: { toplevel: true, passes: 3 }, mangle: { toplevel: true } } : undefined
		},
		minify: minify,
		isModule: false
	} );
	// Wrapped so that compiler helpers and our own names stay out of `window` when loaded as a plain script.
	const name = fileName.replace( '.js', '' );
	const hash = inputsHash( Object.keys( bundled.metafile.inputs ) );
	return [ ...bannerLines( name, hash ), '(function(){' + lowered.code.trim() + '})();', '// </nowiki>', '' ].join( '\n' );
}

export function buildDeclarations() {
	const source = readFileSync( join( root, 'src/publicTypes.ts' ), 'utf8' );
	const { outputText } = ts.transpileDeclaration( source, { compilerOptions: { strict: true } } );
	return [
		`// Types for mw.libs.tokenCache, TokenCache ${ pkg.version }. Generated from src/publicTypes.ts.`,
		outputText.trim(),
		'declare global {',
		'\tnamespace mw.libs {',
		'\t\t/** Present once the gadget ext.gadget.TokenCache has loaded (or `tokenCache.ready` fired). */',
		'\t\tlet tokenCache: TokenCache;',
		'\t}',
		'}',
		''
	].join( '\n' );
}

export async function build( outDir ) {
	mkdirSync( outDir, { recursive: true } );
	const sizes = [];
	for ( const fileName of Object.keys( ENTRIES ) ) {
		const script = await buildScript( fileName );
		writeFileSync( join( outDir, fileName ), script );
		sizes.push( `${ fileName }: ${ Buffer.byteLength( script ) } bytes` );
	}
	writeFileSync( join( outDir, 'TokenCache.d.ts' ), buildDeclarations() );
	writeFileSync( join( outDir, 'Gadgets-definition.txt' ), definitionText() );
	writeFileSync( join( outDir, 'Gadget-descriptions.json' ), descriptionsText() );
	return sizes;
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	const outDir = resolve( root, process.argv[ 2 ] || 'dist' );
	const sizes = await build( outDir );
	console.log( `built ${ outDir }: ${ sizes.join( ', ' ) }` );
}
