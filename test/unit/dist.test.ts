// @vitest-environment node
// The build runs esbuild, which needs Node's own TextEncoder; the gadget itself runs in a JSDOM window made here.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { buildDeclarations, buildScript, definitionText, descriptionsText, ENTRIES, GZIP_BUDGETS } from '../../build.mjs';
import { TOKEN_A, TOKEN_B, tokensAnswer, tokensQuery } from './support/fakeApi';
import { windowWithFakeMw } from './support/fakeMw';

const DIST = new URL( '../../dist/', import.meta.url );
const FILES = Object.keys( ENTRIES );
const read = ( name: string ): string => readFileSync( new URL( name, DIST ), 'utf8' );
const script = read( 'TokenCache.js' );
const debugScript = read( 'TokenCacheDebug.js' );
const guardsScript = read( 'TokenCache-guards.js' );
const shieldScript = read( 'TokenCache-shield.js' );
const gzipped = ( text: string ): number => gzipSync( text, { level: 9 } ).length;

function loadInWindow( options: Parameters<typeof windowWithFakeMw>[ 0 ] = {} ) {
	const loaded = windowWithFakeMw( options );
	return Object.assign( loaded, {
		run: () => loaded.window.eval( script ),
		// The debug gadget, after the library it depends on.
		runDebug: () => loaded.window.eval( debugScript )
	} );
}

/** Lets resolved promises run their callbacks. */
const settle = (): Promise<void> => new Promise( ( resolve ) => setTimeout( resolve ) );

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
	it( 'comes with its type declarations, gadget definition lines and description pages', () => {
		expect( read( 'TokenCache.d.ts' ) ).toBe( buildDeclarations() );
		expect( read( 'Gadgets-definition.txt' ) ).toBe( definitionText() );
		expect( read( 'Gadget-descriptions.json' ) ).toBe( descriptionsText() );
	} );

	it( 'keeps the library, loaded wherever a gadget uses it, within 3,900 bytes gzipped', () => {
		expect( GZIP_BUDGETS[ 'TokenCache.js' ] ).toBe( 3900 );
		expect( gzipped( script ) ).toBeLessThanOrEqual( GZIP_BUDGETS[ 'TokenCache.js' ] );
	} );

	it( 'keeps the debug gadget, link and panel, loaded with every page of those who chose it, within 2,560 bytes gzipped', () => {
		expect( GZIP_BUDGETS[ 'TokenCacheDebug.js' ] ).toBe( 2560 );
		expect( gzipped( debugScript ) ).toBeLessThanOrEqual( GZIP_BUDGETS[ 'TokenCacheDebug.js' ] );
	} );

	it( 'keeps the shield, an opt-in gadget, within 2,048 bytes gzipped for the token methods and 3,072 for its request guards and their texts', () => {
		expect( GZIP_BUDGETS[ 'TokenCache-shield.js' ] ).toBe( 2048 );
		expect( gzipped( shieldScript ) ).toBeLessThanOrEqual( GZIP_BUDGETS[ 'TokenCache-shield.js' ] );
		expect( GZIP_BUDGETS[ 'TokenCache-guards.js' ] ).toBe( 3072 );
		expect( gzipped( guardsScript ) ).toBeLessThanOrEqual( GZIP_BUDGETS[ 'TokenCache-guards.js' ] );
	} );

	it( 'defines no global with the shield loaded either', () => {
		const { window, fake, run } = loadInWindow();
		const before = new Set( Object.getOwnPropertyNames( window ) );
		run();
		window.eval( guardsScript );
		window.eval( shieldScript );
		expect( Object.getOwnPropertyNames( window ).filter( ( name ) => !before.has( name ) ) ).toEqual( [] );
		expect( Object.keys( fake.mw.libs as object ) ).toEqual( [ 'tokenCache' ] );
		// The fake mw.Api has no token methods: the shield stayed off and said so.
		expect( fake.warnings ).toHaveLength( 1 );
	} );

	it( 'defines no global but mw.libs.tokenCache, library and debug gadget alike', async () => {
		const { window, fake, run, runDebug } = loadInWindow();
		const before = new Set( Object.getOwnPropertyNames( window ) );
		run();
		runDebug();
		await settle();
		( window.document.querySelector( '#t-tokencache a' ) as HTMLElement ).click();
		await settle();
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

	it( 'reuses the first instance when loaded twice; the debug gadget loaded twice adds one link', async () => {
		const { window, fake, run, runDebug } = loadInWindow();
		run();
		const first = instanceIn( fake.mw );
		runDebug();
		run();
		runDebug();
		await settle();
		expect( instanceIn( fake.mw ) ).toBe( first );
		expect( window.document.querySelectorAll( '#t-tokencache' ) ).toHaveLength( 1 );
	} );

	it( 'waits for mediawiki.api when loaded from common.js before it', async () => {
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
		expect( requested ).toEqual( [ [ 'mediawiki.api' ] ] );
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
		const { window, fake, run, runDebug } = loadInWindow();
		window.eval( removal );
		run();
		runDebug();
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

	it( 'fires tokenCache.change once the cache is settled: a handler may call invalidate(), and one that throws stops neither the others nor the cache', async () => {
		const errors: unknown[] = [];
		const { fake, run } = loadInWindow( { userName: 'Alice', tokens: { csrfToken: TOKEN_A }, onHookError: ( error ) => errors.push( error ) } );
		fake.api.expectPost( { action: 'edit', title: 'X', assert: 'user', assertuser: 'Alice', token: TOKEN_A },
			{ reject: [ 'badtoken', { error: { code: 'badtoken' } } ] } );
		fake.api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		fake.api.expectPost( { action: 'edit', title: 'X', assert: 'user', assertuser: 'Alice', token: TOKEN_B },
			{ result: { edit: { result: 'Success' } } } );
		run();
		const cache = instanceIn( fake.mw ) as Cache & { invalidate(): void };
		const hook = ( fake.mw.hook as ( name: string ) => { add( handler: () => void ): void } )( 'tokenCache.change' );
		let calls = 0;
		hook.add( () => {
			throw new Error( 'a broken gadget' );
		} );
		hook.add( () => {
			if ( ++calls === 2 ) {
				cache.invalidate();
			}
		} );
		expect( await cache.postWithToken( 'csrf', { action: 'edit', title: 'X' } ) ).toEqual( { edit: { result: 'Success' } } );
		await new Promise( ( resolve ) => setTimeout( resolve, 10 ) );
		expect( calls ).toBeGreaterThan( 2 );
		expect( errors.length ).toBe( calls );
		fake.api.verify();
	} );

	it( 'adds no debug link and loads nothing more on its own: the link is the debug gadget\'s', async () => {
		const { window, fake, run, loaded, styleSheets } = loadInWindow();
		run();
		await settle();
		expect( window.document.getElementById( 't-tokencache' ) ).toBeNull();
		expect( loaded ).toEqual( [] );
		expect( styleSheets ).toEqual( [] );
		expect( typeof instanceIn( fake.mw ).getToken ).toBe( 'function' );
	} );

	it( 'hands the debug gadget the list of its instances before announcing itself', () => {
		const { fake, run } = loadInWindow();
		run();
		expect( fake.fired.map( ( event ) => event.name ) ).toEqual( [ 'tokenCache.instances', 'tokenCache.ready' ] );
		expect( ( fake.fired[ 0 ].args[ 0 ] as () => unknown[] )() ).toEqual( [ instanceIn( fake.mw ) ] );
	} );

	it.each( [
		[ 'codex-styles', [ 'codex-styles' ] ],
		[ 'mediawiki.ui.button', [ 'mediawiki.ui.button' ] ]
	] )( 'opens the panel from the debug gadget\'s link above the content, loading %s only then, with masked tokens', async ( styles, registered ) => {
		const { window, run, runDebug, loaded, styleSheets } = loadInWindow( { userName: 'Alice', tokens: { csrfToken: TOKEN_A }, styleModules: registered } );
		run();
		runDebug();
		await settle();
		expect( loaded ).toEqual( [] );
		( window.document.querySelector( '#p-tb #t-tokencache a' ) as HTMLElement ).click();
		await settle();
		expect( loaded ).toEqual( [ styles ] );
		expect( styleSheets ).toHaveLength( 1 );
		const dialog = window.document.querySelector( '#bodyContent > dialog.tokencache-panel' ) as HTMLElement;
		expect( dialog.nextElementSibling?.id ).toBe( 'mw-content-text' );
		expect( dialog.textContent ).toContain( 'csrf' );
		expect( dialog.textContent ).toContain( '0123…+\\' );
		expect( window.document.documentElement.outerHTML ).not.toContain( TOKEN_A.slice( 0, 32 ) );
		// A second open reuses the stylesheets.
		( window.document.querySelector( '#t-tokencache a' ) as HTMLElement ).click();
		( window.document.querySelector( '#t-tokencache a' ) as HTMLElement ).click();
		await settle();
		expect( loaded ).toEqual( [ styles ] );
		expect( styleSheets ).toHaveLength( 1 );
	} );

	it( 'the debug gadget loaded before the library (common.js) adds its link once the library is ready', async () => {
		const { window, run, runDebug } = loadInWindow();
		runDebug();
		await settle();
		expect( window.document.getElementById( 't-tokencache' ) ).toBeNull();
		run();
		expect( window.document.querySelectorAll( '#t-tokencache' ) ).toHaveLength( 1 );
	} );
} );
