// @vitest-environment node
// The build runs esbuild, which needs Node's own TextEncoder; the gadget itself runs in a JSDOM window made here.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { buildDeclarations, buildScript, DEFINITION_LINES, ENTRIES } from '../../build.mjs';
import { TOKEN_A, TOKEN_B, tokensAnswer, tokensQuery } from './support/fakeApi';
import { windowWithFakeMw } from './support/fakeMw';

const DIST = new URL( '../../dist/', import.meta.url );
const FILES = Object.keys( ENTRIES );
const read = ( name: string ): string => readFileSync( new URL( name, DIST ), 'utf8' );
const script = read( 'TokenCache.js' );
const panelScript = read( 'TokenCache-panel.js' );
const shieldScript = read( 'TokenCache-shield.js' );
const gzipped = ( text: string ): number => gzipSync( text, { level: 9 } ).length;

function loadInWindow( options: Parameters<typeof windowWithFakeMw>[ 0 ] = {} ) {
	const loaded = windowWithFakeMw( options );
	return Object.assign( loaded, { run: () => loaded.window.eval( script ) } );
}

type Cache = { getToken( t: string ): Promise<string>; postWithToken( t: string, p: object ): Promise<unknown> };
const instanceIn = ( mw: Record<string, unknown> ): Cache => ( mw.libs as Record<string, Cache> ).tokenCache;

describe.each( FILES )( 'the built file %s', ( fileName ) => {
	const text = read( fileName );

	it( 'matches a fresh build of src/ (run `npm run build` and commit dist/ if not)', async () => {
		// A boolean, not the two files: a minified line differing somewhere is unreadable as a diff.
		const fresh = await buildScript( fileName );
		expect( text === fresh, 'dist/' + fileName + ' is stale: run `npm run build`' ).toBe( true );
	}, 30000 );

	it( 'is ECMAScript 5, which MediaWiki 1.39 requires of gadgets', () => {
		expect( () => parse( text, { ecmaVersion: 5 } ) ).not.toThrow();
	} );

	it( 'is wrapped in nowiki guards and names its version and the hash of its build inputs', () => {
		const lines = text.trimEnd().split( '\n' );
		expect( lines[ 0 ] ).toBe( '// <nowiki>' );
		expect( lines[ lines.length - 1 ] ).toBe( '// </nowiki>' );
		const version = JSON.parse( readFileSync( new URL( '../../package.json', import.meta.url ), 'utf8' ) ).version;
		expect( lines[ 1 ] ).toMatch( new RegExp( '^/\\*! ' + fileName.replace( '.js', '' ) + ' ' + version.replace( /\./g, '\\.' ) + ', MIT, build [0-9a-f]{12}\\. ' ) );
		expect( text ).toContain( 'edit the source repository' );
	} );
} );

describe( 'the built gadget', () => {
	it( 'comes with its type declarations and gadget definition lines', () => {
		expect( read( 'TokenCache.d.ts' ) ).toBe( buildDeclarations() );
		expect( read( 'Gadgets-definition.txt' ) ).toBe( DEFINITION_LINES.join( '\n' ) + '\n' );
	} );

	it( 'keeps the library every page loads within 4,096 bytes gzipped', () => {
		expect( gzipped( script ) ).toBeLessThanOrEqual( 4096 );
	} );

	it( 'keeps the debug panel, loaded on first use, within 2,048 bytes gzipped', () => {
		expect( gzipped( panelScript ) ).toBeLessThanOrEqual( 2048 );
	} );

	it( 'keeps the core mw.Api shield, an opt-in gadget, within 2,048 bytes gzipped', () => {
		expect( gzipped( shieldScript ) ).toBeLessThanOrEqual( 2048 );
	} );

	it( 'defines no global with the shield loaded either', () => {
		const { window, fake, run } = loadInWindow();
		const before = new Set( Object.getOwnPropertyNames( window ) );
		run();
		window.eval( shieldScript );
		expect( Object.getOwnPropertyNames( window ).filter( ( name ) => !before.has( name ) ) ).toEqual( [] );
		expect( Object.keys( fake.mw.libs as object ) ).toEqual( [ 'tokenCache' ] );
		// The fake mw.Api has no token methods: the shield stayed off and said so.
		expect( fake.warnings ).toHaveLength( 1 );
	} );

	it( 'defines no global but mw.libs.tokenCache, library and panel alike', async () => {
		const { window, fake, run } = loadInWindow( { gadgets: { 'ext.gadget.TokenCachePanel': panelScript } } );
		const before = new Set( Object.getOwnPropertyNames( window ) );
		run();
		( window.document.querySelector( '#t-tokencache a' ) as HTMLElement ).click();
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		expect( window.document.querySelector( 'dialog' ) ).not.toBeNull();
		// Elements with an id show up as window properties of that name: those are the page's, not globals.
		const added = Object.getOwnPropertyNames( window ).filter( ( name ) => !before.has( name ) && !window.document.getElementById( name ) );
		expect( added ).toEqual( [] );
		expect( Object.keys( fake.mw.libs as object ) ).toEqual( [ 'tokenCache' ] );
	} );

	it( 'announces itself on tokenCache.ready with the instance', () => {
		const { fake, run } = loadInWindow();
		run();
		const ready = fake.fired.filter( ( event ) => event.name === 'tokenCache.ready' );
		expect( ready ).toHaveLength( 1 );
		expect( ready[ 0 ].args[ 0 ] ).toBe( instanceIn( fake.mw ) );
	} );

	it( 'reuses the first instance when loaded twice, with one debug link', () => {
		const { window, fake, run } = loadInWindow( { gadgets: { 'ext.gadget.TokenCachePanel': panelScript } } );
		run();
		const first = instanceIn( fake.mw );
		run();
		expect( instanceIn( fake.mw ) ).toBe( first );
		expect( window.document.querySelectorAll( '#t-tokencache' ) ).toHaveLength( 1 );
	} );

	it( 'waits for mediawiki.api and mediawiki.util when loaded from common.js before them', async () => {
		const { fake, run } = loadInWindow();
		const mw = fake.mw as Record<string, unknown> & { loader: Record<string, unknown> };
		const Api = mw.Api;
		const requested: unknown[] = [];
		delete mw.Api;
		mw.loader.using = ( modules: unknown ) => {
			requested.push( modules );
			mw.Api = Api;
			return Promise.resolve();
		};
		run();
		expect( requested ).toEqual( [ [ 'mediawiki.api', 'mediawiki.util' ] ] );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		expect( fake.fired.filter( ( event ) => event.name === 'tokenCache.ready' ) ).toHaveLength( 1 );
		expect( instanceIn( fake.mw ).getToken ).toBeTypeOf( 'function' );
	} );

	it( 'exports the instance as module.exports when loaded as a package gadget', () => {
		const { window, fake } = loadInWindow();
		const module = { exports: {} };
		( window.eval( '(function (require, module, exports) {\n' + script + '\n})' ) as ( r: unknown, m: unknown, e: unknown ) => void )(
			null, module, module.exports );
		expect( module.exports ).toBe( instanceIn( fake.mw ) );
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
		const cache = instanceIn( fake.mw );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_B );
		await cache.postWithToken( 'csrf', { action: 'edit', title: 'X' } );
		expect( fake.userTokens.get( 'csrfToken' ) ).toBe( TOKEN_B );
		expect( fake.userTokens.has( 'rollbackToken' ) ).toBe( false );
		fake.api.verify();
	} );

	it( 'asks mw.Api to give up on every request after 30 seconds, so no caller waits forever', async () => {
		const { fake, run } = loadInWindow( { tokens: { csrfToken: TOKEN_A } } );
		fake.api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_B } ) );
		fake.api.expectPost( { action: 'edit', title: 'X', token: TOKEN_A }, { result: { edit: { result: 'Success' } } } );
		run();
		await instanceIn( fake.mw ).getToken( 'rollback' );
		await instanceIn( fake.mw ).postWithToken( 'csrf', { action: 'edit', title: 'X' } );
		expect( fake.api.ajaxOptions ).toEqual( [ { timeout: 30000 }, { timeout: 30000 } ] );
		fake.api.verify();
	} );

	it.each( [
		[ 'Promise', 'Promise = undefined' ],
		[ 'Object.assign', 'delete Object.assign' ],
		[ 'Array.prototype.includes', 'delete Array.prototype.includes' ]
	] )( 'stays away, with a warning, in a browser without %s (IE 11, which MediaWiki 1.39 still serves)', ( _label, removal ) => {
		const { window, fake, run } = loadInWindow( { gadgets: { 'ext.gadget.TokenCachePanel': panelScript } } );
		window.eval( removal );
		run();
		expect( fake.mw.libs ).toEqual( {} );
		expect( fake.fired ).toEqual( [] );
		expect( fake.warnings ).toHaveLength( 1 );
		expect( window.document.getElementById( 't-tokencache' ) ).toBeNull();
	} );

	it( 'fires tokenCache.sessionLost when the session is gone', async () => {
		const { fake, run } = loadInWindow( { userName: 'Alice' } );
		fake.api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: '+\\' } ) );
		run();
		await expect( instanceIn( fake.mw ).getToken( 'csrf' ) ).rejects.toMatchObject( { code: 'sessionlost' } );
		expect( fake.fired.filter( ( event ) => event.name === 'tokenCache.sessionLost' ) ).toHaveLength( 1 );
	} );

	it( 'opens the panel from the link, loading the panel gadget only then, with masked tokens', async () => {
		const { window, run, loaded } = loadInWindow( { userName: 'Alice', tokens: { csrfToken: TOKEN_A },
			gadgets: { 'ext.gadget.TokenCachePanel': panelScript } } );
		run();
		expect( loaded ).toEqual( [] );
		( window.document.querySelector( '#p-tb #t-tokencache a' ) as HTMLElement ).click();
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		expect( loaded ).toEqual( [ 'ext.gadget.TokenCachePanel' ] );
		const dialog = window.document.querySelector( 'dialog' ) as HTMLElement;
		expect( dialog.textContent ).toContain( 'csrf' );
		expect( dialog.textContent ).toContain( '0123…+\\' );
		expect( window.document.documentElement.outerHTML ).not.toContain( TOKEN_A.slice( 0, 32 ) );
	} );

	it.each( [ [ '1', null ], [ 1, null ], [ '0', 'added' ], [ '', 'added' ] ] )( 'with the user option userjs-tokencache-hidelink = %j, the link is %s', ( value, expected ) => {
		const { window, fake, run } = loadInWindow( { userOptions: { 'userjs-tokencache-hidelink': value }, gadgets: { 'ext.gadget.TokenCachePanel': panelScript } } );
		run();
		expect( window.document.getElementById( 't-tokencache' ) && 'added' ).toBe( expected );
		// The library itself is there all the same.
		expect( typeof instanceIn( fake.mw ).getToken ).toBe( 'function' );
	} );

	it( 'adds no debug link where neither the panel gadget nor a panel file beside it can be found', () => {
		const { window, run } = loadInWindow();
		run();
		expect( window.document.getElementById( 't-tokencache' ) ).toBeNull();
	} );
} );
