// Tokens that went stale on the server (the session row deleted, as when a session expires) on real
// MediaWiki 1.39 and 1.43: with "Keep me logged in" the user stays logged in and TokenCache must
// recover with one token request; without it the user is logged out and nothing may be saved as an
// IP edit. Requests are counted from the browser's traffic, edits from the wiki's own records.
import { describe, expect, test } from 'vitest';
import type { ApiCall } from '../support/browser/apiRecorder.js';
import { useBrowser } from './support/useBrowser.js';
import { inScenario } from './support/scenario.js';
import { pageText, recentChanges, revisionsOf } from '../support/wiki/wikiState.js';
import { maintenance, USERS, wikiInfo, type WikiName } from './support/wikis.js';

const CONCURRENT_POSTS = 5;

const browser = useBrowser();

/** A request in a few words: "edit:badtoken", "edit:Success", "tokens:csrf|patrol|watch". */
function summarize( call: ApiCall ): string {
	if ( ( call.params.meta ?? '' ).split( '|' ).includes( 'tokens' ) ) {
		return `tokens:${ call.params.type }`;
	}
	const outcome = call.json?.error?.code ?? call.json?.edit?.result ?? call.json?.errors?.[ 0 ]?.code ?? call.status;
	return `${ call.params.action }:${ outcome }`;
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'after the session is deleted on the server ("Keep me logged in"), an edit recovers with one token request and lands once', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache stale token ${ name }`;
		const text = 'Saved after one token refresh.';
		await s.login( USERS.alice, { remember: true } );
		const staleSession = await s.sessionCookie();
		await s.expireSession();
		s.api.clear();
		const seen = await s.page.evaluate( ( params ) => window.mw.libs.tokenCache
			.postWithToken( 'csrf', { action: 'edit', formatversion: 2, ...params } )
			.then(
				( response: { edit: unknown } ) => ( { edit: response.edit, pageCsrf: window.mw.user.tokens.get( 'csrfToken' ) } ),
				( error: { code: string } ) => ( { error: error.code } )
			), { title, text } );
		await s.api.settled();

		expect( seen ).toMatchObject( { edit: { result: 'Success' } } );
		expect( s.api.calls.map( summarize ) ).toEqual( [ 'edit:badtoken', expect.stringMatching( /^tokens:/ ), 'edit:Success' ] );
		const [ refresh ] = s.api.tokenRequests();
		expect( refresh.params.type.split( '|' ) ).toContain( 'csrf' );
		const fresh = refresh.json.query.tokens.csrftoken;
		expect( s.api.withAction( 'edit' )[ 1 ].body.token ).toBe( fresh );
		// Code that reads mw.user.tokens directly gets the fresh token too.
		expect( seen.pageCsrf ).toBe( fresh );
		expect( await s.sessionCookie() ).not.toBe( staleSession );

		const revisions = await revisionsOf( wiki, title );
		expect( revisions ).toHaveLength( 1 );
		expect( revisions[ 0 ] ).toMatchObject( { user: USERS.alice.name, anon: false, content: text } );
	} ) );

	test( `${ CONCURRENT_POSTS } concurrent posts with a stale token share one token request and all ${ CONCURRENT_POSTS } edits land`, () => inScenario( browser(), wiki, async ( s ) => {
		const titles = Array.from( { length: CONCURRENT_POSTS }, ( _, i ) => `TokenCache concurrent ${ name } ${ i + 1 }` );
		await s.login( USERS.alice, { remember: true } );
		await s.expireSession();
		s.api.clear();
		const outcomes = await s.page.evaluate( ( pages ) => Promise.all( pages.map( ( title ) => window.mw.libs.tokenCache
			.postWithToken( 'csrf', { action: 'edit', title, text: `Concurrent edit of ${ title }`, formatversion: 2 } )
			.then( ( response: { edit: { result: string } } ) => response.edit.result, ( error: { code: string } ) => error.code ) ) ), titles );
		await s.api.settled();

		const calls = s.api.calls.map( summarize );
		console.log( `TokenCache, ${ CONCURRENT_POSTS } concurrent stale posts on ${ name }: ${ calls.join( ', ' ) }` );
		expect( outcomes ).toEqual( Array( CONCURRENT_POSTS ).fill( 'Success' ) );
		expect( s.api.tokenRequests() ).toHaveLength( 1 );
		expect( calls.filter( ( c ) => c === 'edit:badtoken' ) ).toHaveLength( CONCURRENT_POSTS );
		expect( calls.filter( ( c ) => c === 'edit:Success' ) ).toHaveLength( CONCURRENT_POSTS );
		for ( const title of titles ) {
			const revisions = await revisionsOf( wiki, title );
			expect( revisions.map( ( r ) => `${ r.user }${ r.anon ? ' (IP)' : '' }` ), title ).toEqual( [ USERS.alice.name ] );
		}
	} ) );

	test( 'a session lost without "Keep me logged in" rejects with sessionlost, fires tokenCache.sessionLost and saves no IP edit', async () => {
		const title = `TokenCache session lost ${ name }`;
		const original = 'Text before the session was lost.';
		await maintenance( wiki ).editPage( title, original );
		const revisionsBefore = Math.max( 0, ...( await recentChanges( wiki ) ).map( ( rc ) => rc.revid ) );
		await inScenario( browser(), wiki, async ( s ) => {
			await s.login( USERS.alice );
			await s.expireSession();
			s.api.clear();
			const seen = await s.page.evaluate( ( editTitle ) => {
				const mw = window.mw;
				const fired: { code: string; instance: boolean }[] = [];
				mw.hook( 'tokenCache.sessionLost' ).add( ( error: { code: string }, instance: unknown ) => {
					fired.push( { code: error.code, instance: instance === mw.libs.tokenCache } );
				} );
				return mw.libs.tokenCache.postWithToken( 'csrf', { action: 'edit', title: editTitle, appendtext: '\nSaved as an IP?', formatversion: 2 } )
					.then( () => 'saved', ( error: { name: string; code: string } ) => `${ error.name }:${ error.code }` )
					// Let a late hook call show up too.
					.then( ( outcome: string ) => new Promise( ( resolve ) => setTimeout( () => resolve( { outcome, fired } ), 100 ) ) );
			}, title );
			await s.api.settled();

			const calls = s.api.calls.map( summarize );
			console.log( `TokenCache, a lost session without "Keep me logged in" on ${ name }: ${ calls.join( ', ' ) }` );
			expect( seen ).toEqual( { outcome: 'TokenCacheError:sessionlost', fired: [ { code: 'sessionlost', instance: true } ] } );
			// Nothing went out with the anonymous token, and no edit went through.
			for ( const edit of s.api.withAction( 'edit' ) ) {
				expect( edit.body.token ).not.toBe( '+\\' );
				expect( edit.json?.edit ).toBeUndefined();
			}

			// A token asked for afterwards is refused too, not handed out as the anonymous `+\`.
			s.api.clear();
			const later = await s.page.evaluate( () => window.mw.libs.tokenCache.getTokens( [ 'csrf', 'rollback' ] ).then(
				( tokens: Record<string, string> ) => Object.keys( tokens ).map( ( type ) => `${ type }:${ tokens[ type ] === '+\\' ? 'anonymous' : 'real' }` ),
				( error: { name: string; code: string } ) => `${ error.name }:${ error.code }`
			) );
			await s.api.settled();
			console.log( `TokenCache, getTokens after the loss on ${ name }: ${ s.api.calls.map( summarize ).join( ', ' ) }` );
			expect( later ).toBe( 'TokenCacheError:sessionlost' );

			expect( await pageText( wiki, title ) ).toBe( original );
			expect( ( await recentChanges( wiki, title ) ).map( ( rc ) => `${ rc.user }${ rc.anon ? ' (IP)' : '' }` ) ).toEqual( [ USERS.admin.name ] );
			// Other test files make anonymous edits on purpose; none may come from this test.
			expect( ( await recentChanges( wiki ) ).filter( ( rc ) => rc.anon && rc.revid > revisionsBefore ) ).toEqual( [] );
		} );
	} );

	test( 'after a logout through postWithToken, the next edit rejects with sessionlost and saves no IP edit', async () => {
		const title = `TokenCache after logout ${ name }`;
		const original = 'Text before the logout.';
		await maintenance( wiki ).editPage( title, original );
		const revisionsBefore = Math.max( 0, ...( await recentChanges( wiki ) ).map( ( rc ) => rc.revid ) );
		await inScenario( browser(), wiki, async ( s ) => {
			await s.login( USERS.alice );
			s.api.clear();
			const outcomes = await s.page.evaluate( ( editTitle ) => {
				const tokenCache = window.mw.libs.tokenCache;
				const outcome = ( error: { code: string } ) => error.code;
				return tokenCache.postWithToken( 'csrf', { action: 'logout' } ).then( () => 'loggedout', outcome )
					.then( ( logout: string ) => tokenCache.postWithToken( 'csrf', { action: 'edit', title: editTitle, appendtext: '\nSaved as an IP?', formatversion: 2 } )
						.then( () => 'saved', outcome )
						.then( ( edit: string ) => [ logout, edit ] ) );
			}, title );
			await s.api.settled();

			const calls = s.api.calls.map( summarize );
			console.log( `TokenCache, an edit after a logout on ${ name }: ${ calls.join( ', ' ) }` );
			expect( outcomes ).toEqual( [ 'loggedout', 'sessionlost' ] );
			// The refetched token was the anonymous one: the edit never went out.
			expect( calls ).toEqual( [ 'logout:200', 'tokens:csrf' ] );
			expect( await pageText( wiki, title ) ).toBe( original );
			// Other test files make anonymous edits on purpose; none may come from this test.
			expect( ( await recentChanges( wiki ) ).filter( ( rc ) => rc.anon && rc.revid > revisionsBefore ) ).toEqual( [] );
		} );
	} );
} );
