// Getting tokens and posting with them on real MediaWiki 1.39 and 1.43, counted from the browser's own
// api.php traffic: a real login, the tokens the page embeds, one request for a burst of types, a real
// edit with the token in the POST body, and typed errors for unknown and malformed types.
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/useBrowser.js';
import { CONSUMERS, consumerHook } from '../support/browser/consumers.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from '../support/wiki/wikiState.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const ALL_TYPES = [ 'createaccount', 'csrf', 'login', 'patrol', 'rollback', 'userrights', 'watch' ];
const EMBEDDED_TYPES = [ 'csrf', 'patrol', 'watch' ];
const REAL_TOKEN = /^[0-9a-f]{40}\+\\$/;
/** Long enough for a request that a call might still send late (e.g. after a timer) to show up. */
const QUIET_MS = 300;

const browser = useBrowser();

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test.each( [ false, true ] )( 'a login through Special:UserLogin (Keep me logged in: %s) gives TokenCache the user\'s tokens', ( remember ) => inScenario( browser(), wiki, async ( s ) => {
		await s.login( USERS.alice, { remember } );
		const cookies = await s.context.cookies( wiki.url );
		const keepCookie = cookies.find( ( c ) => c.name === wiki.tokenCookieName );
		const inADay = Date.now() / 1000 + 86400;
		if ( remember ) {
			expect( keepCookie?.expires ).toBeGreaterThan( inADay );
		} else {
			expect( keepCookie ).toBeUndefined();
		}
		expect( cookies.find( ( c ) => c.name === wiki.sessionCookieName ), 'session cookie' ).toBeDefined();

		s.api.clear();
		const seen = await s.page.evaluate( () => {
			const tokenCache = window.mw.libs.tokenCache;
			return tokenCache.postWithToken( 'watch', { action: 'watch', titles: 'Main Page', formatversion: 2 } )
				.then( () => ( { user: window.mw.config.get( 'wgUserName' ), watchToken: window.mw.user.tokens.get( 'watchToken' ) } ) );
		} );
		await s.api.settled();

		expect( seen.user ).toBe( USERS.alice.name );
		expect( seen.watchToken ).toMatch( REAL_TOKEN );
		expect( s.api.tokenRequests() ).toEqual( [] );
		const watches = s.api.withAction( 'watch' );
		expect( watches ).toHaveLength( 1 );
		expect( watches[ 0 ].body.token ).toBe( seen.watchToken );
		expect( watches[ 0 ].json.watch[ 0 ] ).toMatchObject( { title: 'Main Page', watched: true } );
	} ) );

	test( 'serves the csrf, patrol and watch tokens the page embeds without any request', () => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.alice );
		s.api.clear();
		const seen = await s.page.evaluate( () => {
			const tokenCache = window.mw.libs.tokenCache;
			return Promise.all( [
				tokenCache.getToken( 'csrf' ),
				tokenCache.getToken( 'patrol' ),
				tokenCache.getToken( 'watch' ),
				tokenCache.getToken( 'edit' ),
				tokenCache.getTokens( [ 'watch', 'patrol', 'csrf', 'delete' ] )
			] ).then( ( [ csrf, patrol, watch, edit, several ] ) => ( {
				csrf, patrol, watch, edit, several, embedded: window.mw.user.tokens.get()
			} ) );
		} );
		await s.page.waitForTimeout( QUIET_MS );
		await s.api.settled();

		expect( s.api.calls ).toEqual( [] );
		expect( seen.csrf ).toMatch( REAL_TOKEN );
		expect( seen ).toEqual( {
			csrf: seen.embedded.csrfToken,
			patrol: seen.embedded.patrolToken,
			watch: seen.embedded.watchToken,
			edit: seen.embedded.csrfToken,
			several: { watch: seen.embedded.watchToken, patrol: seen.embedded.patrolToken, csrf: seen.embedded.csrfToken },
			embedded: seen.embedded
		} );
	} ) );

	test( 'answers a same-tick burst of all seven types from three callers with one meta=tokens request for the non-embedded types', () => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.alice );
		s.api.clear();
		const burst = (): Promise<Record<string, string>> => s.page.evaluate( () => {
			const tokenCache = window.mw.libs.tokenCache;
			// Three gadgets that start together, each with its own needs.
			const first = tokenCache.getTokens( [ 'csrf', 'rollback', 'watch' ] );
			const second = tokenCache.getToken( 'userrights' ).then( ( userrights: string ) => ( { userrights } ) );
			const third = tokenCache.getTokens( [ 'patrol', 'createaccount', 'login', 'rollback' ] );
			return Promise.all( [ first, second, third ] ).then( ( parts ) => Object.assign( {}, ...parts ) );
		} );
		const tokens = await burst();
		await s.page.waitForTimeout( QUIET_MS );
		await s.api.settled();

		expect( s.api.calls ).toHaveLength( 1 );
		const [ request ] = s.api.tokenRequests();
		expect( request.params.type.split( '|' ).sort() ).toEqual( ALL_TYPES.filter( ( t ) => !EMBEDDED_TYPES.includes( t ) ) );
		expect( Object.keys( tokens ).sort() ).toEqual( ALL_TYPES );
		const embedded = await s.page.evaluate( () => window.mw.user.tokens.get() );
		for ( const type of ALL_TYPES ) {
			const expected = EMBEDDED_TYPES.includes( type ) ? embedded[ `${ type }Token` ] : request.json.query.tokens[ `${ type }token` ];
			expect( tokens[ type ], type ).toBe( expected );
			expect( tokens[ type ], type ).toMatch( REAL_TOKEN );
		}

		// The same burst again is served from the cache.
		expect( await burst() ).toEqual( tokens );
		await s.page.waitForTimeout( QUIET_MS );
		await s.api.settled();
		expect( s.api.calls ).toHaveLength( 1 );
	} ) );

	test( 'three consumer gadgets that ask for tokens as the page loads get them all with one meta=tokens request', () => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.dana );
		s.api.clear();
		await s.open();
		const names = Object.keys( CONSUMERS );
		const seen = await s.page.evaluate( ( hooks ) => Promise.all( hooks.map( ( hook ) => new Promise( ( resolve ) => {
			window.mw.hook( hook ).add( resolve );
		} ) ) ), names.map( consumerHook ) );
		const states = await s.page.evaluate( ( modules ) => modules.map( ( module ) => window.mw.loader.getState( module ) ), names.map( ( gadget ) => `ext.gadget.${ gadget }` ) );
		await s.page.waitForTimeout( QUIET_MS );
		await s.api.settled();

		// Each is its own ResourceLoader module, run by the loader when it arrives, not by the test.
		expect( states ).toEqual( [ 'ready', 'ready', 'ready' ] );
		expect( seen ).toEqual( names.map( ( gadget ) => Object.fromEntries( CONSUMERS[ gadget ].map( ( type ) => [ type, 'real' ] ) ) ) );
		expect( s.api.calls ).toHaveLength( 1 );
		const [ request ] = s.api.tokenRequests();
		expect( request.params.type.split( '|' ).sort() ).toEqual( ALL_TYPES.filter( ( t ) => !EMBEDDED_TYPES.includes( t ) ) );
	} ) );

	test( 'saves a real edit with postWithToken, the token last in the POST body and in no URL', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache edit ${ name }`;
		const text = `Saved through TokenCache on ${ wiki.version }.`;
		await s.signIn( USERS.alice );
		s.api.clear();
		const seen = await s.page.evaluate( ( params ) => window.mw.libs.tokenCache
			.postWithToken( 'csrf', { action: 'edit', formatversion: 2, ...params } )
			.then( ( response: { edit: unknown } ) => ( { edit: response.edit, csrf: window.mw.user.tokens.get( 'csrfToken' ) } ) ),
		{ title, text, summary: 'TokenCache integration test' } );
		await s.api.settled();

		expect( seen.edit ).toMatchObject( { result: 'Success', title } );
		expect( s.api.tokenRequests() ).toEqual( [] );
		const edits = s.api.withAction( 'edit' );
		expect( edits ).toHaveLength( 1 );
		const [ edit ] = edits;
		expect( edit.method ).toBe( 'POST' );
		expect( edit.body ).toMatchObject( { title, text, token: seen.csrf, assert: 'user', assertuser: USERS.alice.name } );
		expect( Object.keys( edit.body ).pop() ).toBe( 'token' );
		expect( new URL( edit.url ).searchParams.has( 'token' ) ).toBe( false );
		expect( edit.url ).not.toContain( seen.csrf.slice( 0, 40 ) );

		const revisions = await revisionsOf( wiki, title );
		expect( revisions ).toHaveLength( 1 );
		expect( revisions[ 0 ] ).toMatchObject( { user: USERS.alice.name, anon: false, content: text, revid: edit.json.edit.newrevid } );
	} ) );

	test( 'rejects an unknown type with unknowntype after asking the wiki once', () => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.alice );
		s.api.clear();
		const error = await s.page.evaluate( () => window.mw.libs.tokenCache.getToken( 'bogus' ).then(
			() => null,
			( e: { name: string; code: string; info: string } ) => ( { isError: e instanceof Error, name: e.name, code: e.code, info: e.info } )
		) );
		await s.api.settled();

		expect( error ).toMatchObject( { isError: true, name: 'TokenCacheError', code: 'unknowntype', info: expect.any( String ) } );
		expect( s.api.calls ).toHaveLength( 1 );
		expect( s.api.tokenRequests()[ 0 ].params.type ).toBe( 'bogus' );
	} ) );

	test( 'rejects malformed types (csrf|rollback, empty, 42) with badtype and sends no request', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache badtype ${ name }`;
		await s.signIn( USERS.alice );
		s.api.clear();
		const codes = await s.page.evaluate( ( editTitle ) => {
			const tokenCache = window.mw.libs.tokenCache;
			const codeOf = ( run: () => Promise<unknown> ): Promise<string> => run().then(
				() => 'resolved',
				( e: { name: string; code: string } ) => `${ e.name }:${ e.code }`
			);
			return Promise.all( [
				codeOf( () => tokenCache.getToken( 'csrf|rollback' ) ),
				codeOf( () => tokenCache.getToken( '' ) ),
				codeOf( () => tokenCache.getToken( 42 ) ),
				codeOf( () => tokenCache.getTokens( [ 'csrf', 'csrf|rollback' ] ) ),
				codeOf( () => tokenCache.getTokens( [ 42 ] ) ),
				codeOf( () => tokenCache.postWithToken( 'csrf|rollback', { action: 'edit', title: editTitle, text: 'x' } ) ),
				codeOf( () => tokenCache.postWithToken( '', { action: 'edit', title: editTitle, text: 'x' } ) )
			] );
		}, title );
		await s.page.waitForTimeout( QUIET_MS );
		await s.api.settled();

		expect( codes ).toEqual( Array( 7 ).fill( 'TokenCacheError:badtype' ) );
		expect( s.api.calls ).toEqual( [] );
		expect( await revisionsOf( wiki, title ) ).toEqual( [] );
	} ) );
} );
