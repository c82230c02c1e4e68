// @vitest-environment node
// The build runs esbuild, which needs Node's own TextEncoder; the gadget itself runs in a JSDOM window made here.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { buildDeclarations, buildScript, DEFINITION_LINE } from '../../build.mjs';
import { TOKEN_A, TOKEN_B, tokensAnswer, tokensQuery } from './support/fakeApi';
import { windowWithFakeMw } from './support/fakeMw';

const DIST = new URL( '../../dist/', import.meta.url );
const script = readFileSync( new URL( 'TokenCache.js', DIST ), 'utf8' );

/** The one banner line that names the source commit, which a clone may not be able to tell. */
function withoutCommit( text: string ): string {
	return text.replace( /source commit \S+/, 'source commit …' );
}

function loadInWindow( options: Parameters<typeof windowWithFakeMw>[ 0 ] = {} ) {
	const { window, fake } = windowWithFakeMw( options );
	return { window, fake, run: () => window.eval( script ) };
}

describe( 'the built gadget file', () => {
	it( 'matches a fresh build of src/ (run `npm run build` and commit dist/ if not)', async () => {
		// A boolean, not the two files: a minified line differing somewhere is unreadable as a diff.
		const fresh = await buildScript();
		expect( withoutCommit( script ) === withoutCommit( fresh ), 'dist/TokenCache.js is stale: run `npm run build`' ).toBe( true );
		expect( readFileSync( new URL( 'TokenCache.d.ts', DIST ), 'utf8' ) ).toBe( buildDeclarations() );
		expect( readFileSync( new URL( 'Gadgets-definition.txt', DIST ), 'utf8' ) ).toBe( DEFINITION_LINE + '\n' );
	}, 30000 );

	it( 'is ECMAScript 5, which MediaWiki 1.39 requires of gadgets', () => {
		expect( () => parse( script, { ecmaVersion: 5 } ) ).not.toThrow();
	} );

	it( 'is wrapped in nowiki guards and names its version and source', () => {
		const lines = script.trimEnd().split( '\n' );
		expect( lines[ 0 ] ).toBe( '// <nowiki>' );
		expect( lines[ lines.length - 1 ] ).toBe( '// </nowiki>' );
		const version = JSON.parse( readFileSync( new URL( '../../package.json', import.meta.url ), 'utf8' ) ).version;
		expect( lines[ 1 ] ).toMatch( new RegExp( '^/\\*! TokenCache ' + version.replace( /\./g, '\\.' ) + ', MIT, source commit [0-9a-f]{7,}' ) );
		expect( script ).toContain( 'edit the source repository' );
	} );

	it( 'stays within 4,096 bytes gzipped', () => {
		expect( gzipSync( script, { level: 9 } ).length ).toBeLessThanOrEqual( 4096 );
	} );

	it( 'defines no global but mw.libs.tokenCache when loaded as a plain script', () => {
		const { window, fake, run } = loadInWindow();
		const before = new Set( Object.getOwnPropertyNames( window ) );
		run();
		const added = Object.getOwnPropertyNames( window ).filter( ( name ) => !before.has( name ) );
		expect( added ).toEqual( [] );
		expect( Object.keys( fake.mw.libs as object ) ).toEqual( [ 'tokenCache' ] );
	} );

	it( 'announces itself on tokenCache.ready with the instance', () => {
		const { fake, run } = loadInWindow();
		run();
		const ready = fake.fired.filter( ( event ) => event.name === 'tokenCache.ready' );
		expect( ready ).toHaveLength( 1 );
		expect( ready[ 0 ].args[ 0 ] ).toBe( ( fake.mw.libs as Record<string, unknown> ).tokenCache );
	} );

	it( 'reuses the first instance when loaded twice', () => {
		const { fake, run } = loadInWindow();
		run();
		const first = ( fake.mw.libs as Record<string, unknown> ).tokenCache;
		run();
		expect( ( fake.mw.libs as Record<string, unknown> ).tokenCache ).toBe( first );
	} );

	it( 'exports the instance as module.exports when loaded as a package gadget', () => {
		const { window, fake } = loadInWindow();
		const module = { exports: {} };
		( window.eval( '(function (require, module, exports) {\n' + script + '\n})' ) as ( r: unknown, m: unknown, e: unknown ) => void )(
			null, module, module.exports );
		expect( module.exports ).toBe( ( fake.mw.libs as Record<string, unknown> ).tokenCache );
	} );

	it( 'serves the page\'s tokens, fetches others, and keeps mw.user.tokens fresh', async () => {
		const { fake, run } = loadInWindow( { userName: 'Alice', tokens: { csrfToken: TOKEN_A } } );
		fake.api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_B } ) );
		fake.api.expectPost( { action: 'edit', title: 'X', assert: 'user', assertuser: 'Alice', token: TOKEN_A },
			{ reject: [ 'badtoken', { error: { code: 'badtoken' } } ] } );
		fake.api.expectGet( tokensQuery( 'csrf|rollback' ), tokensAnswer( { csrf: TOKEN_B, rollback: TOKEN_B } ) );
		fake.api.expectPost( { action: 'edit', title: 'X', assert: 'user', assertuser: 'Alice', token: TOKEN_B },
			{ result: { edit: { result: 'Success' } } } );
		run();
		const cache = ( fake.mw.libs as Record<string, { getToken( t: string ): Promise<string>; postWithToken( t: string, p: object ): Promise<unknown> }> ).tokenCache;
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_B );
		await cache.postWithToken( 'csrf', { action: 'edit', title: 'X' } );
		expect( fake.userTokens.get( 'csrfToken' ) ).toBe( TOKEN_B );
		expect( fake.userTokens.has( 'rollbackToken' ) ).toBe( false );
		fake.api.verify();
	} );

	it( 'fires tokenCache.sessionLost when the session is gone', async () => {
		const { fake, run } = loadInWindow( { userName: 'Alice' } );
		fake.api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: '+\\' } ) );
		run();
		const cache = ( fake.mw.libs as Record<string, { getToken( t: string ): Promise<string> }> ).tokenCache;
		await expect( cache.getToken( 'csrf' ) ).rejects.toMatchObject( { code: 'sessionlost' } );
		expect( fake.fired.filter( ( event ) => event.name === 'tokenCache.sessionLost' ) ).toHaveLength( 1 );
	} );
} );
