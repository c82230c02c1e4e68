import { afterEach, describe, expect, it } from 'vitest';
import { ANON, FakeApi, TOKEN_A, TOKEN_B, TOKEN_C, apiError, httpError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf, settle, unhandledRejectionsOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hello', format: 'json' };
const EDITED = { result: { edit: { result: 'Success', newrevid: 7 } } };

describe( 'postWithToken', () => {
	it( 'posts the parameters with the token last and asserts the logged-in user', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await cache.postWithToken( 'csrf', EDIT ) ).toEqual( EDITED.result );
		expect( Object.keys( api.requests[ 0 ].params ).pop() ).toBe( 'token' );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'keeps an assert the caller set, and adds no assertuser to it', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'bot', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { ...EDIT, assert: 'bot' } );
	} );

	it( 'keeps an assertuser the caller set, and adds assert=user', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assertuser: 'Alice', assert: 'user', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { ...EDIT, assertuser: 'Alice' } );
	} );

	it( 'names no user next to a caller\'s assert=anon, which asks for the opposite', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'anon', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { ...EDIT, assert: 'anon' } );
	} );

	it.each( [ undefined, null, false ] )( 'treats assert: %s as not set, as mw.Api drops it', async ( value ) => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { ...EDIT, assert: value } );
	} );

	it.each( [ undefined, '' ] )( 'treats token: %j as no token of the caller\'s, and still sends ours last', async ( value ) => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { token: value, ...EDIT } );
		expect( Object.keys( api.requests[ 0 ].params ).pop() ).toBe( 'token' );
	} );

	it( 'works with the anonymous token on a logged-out page, without asserting a user', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: ANON }, EDITED );
		const { cache } = makeCache( { api, userName: null, pageTokens: fakePageTokens( { csrf: ANON } ) } );
		expect( await cache.postWithToken( 'edit', EDIT ) ).toEqual( EDITED.result );
	} );

	it( 'does not change the caller\'s parameter object', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, EDITED );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const params = { ...EDIT };
		await cache.postWithToken( 'csrf', params );
		expect( params ).toEqual( EDIT );
	} );

	it( 'puts login and account tokens in the parameter their action reads', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'clientlogin', username: 'Bob', logintoken: TOKEN_B }, { result: { clientlogin: { status: 'FAIL' } } } );
		api.expectGet( tokensQuery( 'createaccount' ), tokensAnswer( { createaccount: TOKEN_C } ) );
		api.expectPost( { action: 'createaccount', username: 'Bob', createtoken: TOKEN_C }, { result: { createaccount: { status: 'FAIL' } } } );
		const { cache } = makeCache( { api } );
		await cache.postWithToken( 'login', { action: 'clientlogin', username: 'Bob' } );
		await cache.postWithToken( 'createaccount', { action: 'createaccount', username: 'Bob' } );
	} );

	it( 'passes API errors on with their code, info and data', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'protectedpage', 'This page has been protected.' ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const error = await rejectionOf( cache.postWithToken( 'csrf', EDIT ) );
		expect( error ).toMatchObject( { code: 'protectedpage', info: 'This page has been protected.',
			data: { error: { code: 'protectedpage' } } } );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'rejects a bad type with badtype before any request', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.postWithToken( 'csrf|rollback', EDIT ) ) ).toMatchObject( { code: 'badtype' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );
} );

describe( 'postWithToken on badtoken', () => {
	it( 'drops the token here and in core, fetches a new one and retries once', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken', 'Invalid CSRF token.' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const page = fakePageTokens( { csrf: TOKEN_A } );
		const { cache } = makeCache( { api, pageTokens: page } );
		expect( await cache.postWithToken( 'csrf', EDIT ) ).toEqual( EDITED.result );
		expect( api.badTokenCalls ).toEqual( [ 'csrf' ] );
		expect( api.count( 'get' ) ).toBe( 1 );
		expect( api.count( 'post' ) ).toBe( 2 );
		// Code that reads mw.user.tokens directly sees the fresh token too.
		expect( page.values.csrf ).toBe( TOKEN_B );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
	} );

	it( 'refreshes every cached type in the same single request, since tokens share the session', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf|patrol|watch' ), tokensAnswer( { csrf: TOKEN_B, patrol: TOKEN_C, watch: TOKEN_C } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const page = fakePageTokens( { csrf: TOKEN_A, patrol: TOKEN_A, watch: TOKEN_A } );
		const { cache } = makeCache( { api, pageTokens: page } );
		await cache.postWithToken( 'csrf', EDIT );
		expect( await cache.getToken( 'watch' ) ).toBe( TOKEN_C );
		expect( page.values ).toEqual( { csrf: TOKEN_B, patrol: TOKEN_C, watch: TOKEN_C } );
		expect( api.badTokenCalls.sort() ).toEqual( [ 'csrf', 'patrol', 'watch' ] );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );

	it( 'gives up after one retry when the fresh token fails too, and keeps neither token', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, apiError( 'badtoken', 'Invalid CSRF token.' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'badtoken', info: 'Invalid CSRF token.' } );
		expect( api.count( 'post' ) ).toBe( 2 );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
	} );

	it( 'does not retry a post that carried the caller\'s own token', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_C }, apiError( 'badtoken' ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', { ...EDIT, token: TOKEN_C } ) ) ).toMatchObject( { code: 'badtoken' } );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'refreshes once for five concurrent posts, after all five failed posts came back', async () => {
		api = new FakeApi();
		const failed = [ 1, 2, 3, 4, 5 ].map( ( n ) => api.expectPost( { ...EDIT, text: 'post ' + n, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } ) );
		const refresh = api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ), { held: true } );
		[ 1, 2, 3, 4, 5 ].forEach( ( n ) => api.expectPost( { ...EDIT, text: 'post ' + n, token: TOKEN_B }, EDITED ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const posts = [ 1, 2, 3, 4, 5 ].map( ( n ) => cache.postWithToken( 'csrf', { ...EDIT, text: 'post ' + n } ) );
		await settle();
		// The first failure arrives while four stale posts are still out: their answers may still
		// replace the session cookie, so the token request must wait for them.
		failed[ 0 ].release();
		await settle();
		expect( refresh.sent ).toBe( false );
		failed.slice( 1, 4 ).forEach( ( post ) => post.release() );
		await settle();
		expect( refresh.sent ).toBe( false );
		failed[ 4 ].release();
		await settle();
		expect( refresh.sent ).toBe( true );
		refresh.release();
		expect( await Promise.all( posts ) ).toEqual( [ 1, 2, 3, 4, 5 ].map( () => EDITED.result ) );
		expect( api.count( 'get' ) ).toBe( 1 );
		expect( api.count( 'post' ) ).toBe( 10 );
	} );

	it( 'retries with a token refreshed meanwhile instead of refreshing again', async () => {
		api = new FakeApi();
		const slow = api.expectPost( { ...EDIT, text: 'slow', token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectPost( { ...EDIT, text: 'fast', token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, text: 'fast', token: TOKEN_B }, EDITED );
		api.expectPost( { ...EDIT, text: 'slow', token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const slowPost = cache.postWithToken( 'csrf', { ...EDIT, text: 'slow' } );
		const fastPost = cache.postWithToken( 'csrf', { ...EDIT, text: 'fast' } );
		await settle();
		slow.release();
		await Promise.all( [ slowPost, fastPost ] );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );

	it( 'never serves a token older than one that failed', async () => {
		api = new FakeApi();
		const stale = api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const post = cache.postWithToken( 'csrf', EDIT );
		await settle();
		stale.release();
		await settle( 1 );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
		await post;
	} );
} );

describe( 'postWithToken refresh races', () => {
	it( 'does not retry with a token fetched before the badtoken, which may be the stale one again', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ) );
		const stalePost = api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		// A plain fetch, started while the stale post is out: the wiki still answers the old token.
		const plainFetch = api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api } );
		const post = cache.postWithToken( 'csrf', EDIT );
		await settle();
		cache.invalidate();
		const plainToken = cache.getToken( 'csrf' );
		await settle();
		expect( plainFetch.sent ).toBe( true );
		stalePost.release();
		expect( await post ).toEqual( EDITED.result );
		plainFetch.release();
		await plainToken;
		expect( api.count( 'get' ) ).toBe( 3 );
		expect( api.count( 'post' ) ).toBe( 2 );
	} );

	it( 'refreshes past a token fetched and served while the failed post was out', async () => {
		api = new FakeApi();
		const stalePost = api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		// E.g. the panel's "Refresh all" while the post is out: the wiki may have answered before it
		// refused the post, so this token proves nothing about the session the post found.
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const post = cache.postWithToken( 'csrf', EDIT );
		await settle();
		cache.invalidate();
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
		stalePost.release();
		expect( await post ).toEqual( EDITED.result );
		expect( api.count( 'get' ) ).toBe( 2 );
		expect( api.count( 'post' ) ).toBe( 2 );
	} );

	it( 'refreshes again when a token from an earlier refresh fails', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, text: 'first', token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, text: 'first', token: TOKEN_B }, EDITED );
		api.expectPost( { ...EDIT, text: 'second', token: TOKEN_B }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		api.expectPost( { ...EDIT, text: 'second', token: TOKEN_C }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { ...EDIT, text: 'first' } );
		expect( await cache.postWithToken( 'csrf', { ...EDIT, text: 'second' } ) ).toEqual( EDITED.result );
		expect( api.count( 'get' ) ).toBe( 2 );
	} );

	it( 'gives up without a second post when the refresh answers the very token that failed', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'badtoken' } );
		expect( api.count( 'post' ) ).toBe( 1 );
		// The refused token is not kept either.
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
	} );

	it( 'leaves no unhandled rejection for the other cached types when a refresh fails', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf|patrol|watch' ), httpError( 'error', 503 ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, watch: TOKEN_B, patrol: TOKEN_C } ) } );
		expect( await unhandledRejectionsOf( async () => {
			expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'http' } );
		} ) ).toEqual( [] );
	} );
} );

describe( 'postWithToken on the login and account actions', () => {
	it( 'asserts no user when logging in (how a lost session is won back), but does when creating an account for someone', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'clientlogin', username: 'Bob', logintoken: TOKEN_B }, { result: { clientlogin: { status: 'FAIL' } } } );
		api.expectGet( tokensQuery( 'createaccount' ), tokensAnswer( { createaccount: TOKEN_C } ) );
		api.expectPost( { action: 'createaccount', username: 'Bob', assert: 'user', assertuser: 'Alice', createtoken: TOKEN_C }, { result: { createaccount: { status: 'FAIL' } } } );
		const { cache } = makeCache( { api, userName: 'Alice' } );
		await cache.postWithToken( 'login', { action: 'clientlogin', username: 'Bob' } );
		await cache.postWithToken( 'createaccount', { action: 'createaccount', username: 'Bob' } );
	} );
} );

describe( 'postWithToken with the caller\'s own send', () => {
	/** A send that posts through the strict fake, as a caller's own transport would, and records each body. */
	function recordingSend( bodies: Record<string, unknown>[] ) {
		return ( body: Record<string, unknown> ) => {
			bodies.push( body );
			return new Promise<Record<string, unknown>>( ( resolve, reject ) => {
				( api.post( body ) as { then( done: ( r: Record<string, unknown> ) => void, fail: ( code: string, data: unknown ) => void ): void } )
					.then( resolve, ( code, data ) => reject( Object.assign( new Error( code ), { code: code, data: data } ) ) );
			} );
		};
	}

	it( 'gets exactly the body TokenCache would post, and nothing goes through mw.Api#post', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, EDITED );
		const bodies: Record<string, unknown>[] = [];
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await cache.postWithToken( 'csrf', EDIT, { send: recordingSend( bodies ) } ) ).toEqual( EDITED.result );
		expect( bodies ).toEqual( [ { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A } ] );
		expect( Object.keys( bodies[ 0 ] ).pop() ).toBe( 'token' );
		expect( api.ajaxOptions ).toEqual( [ undefined ] );
	} );

	it( 'on badtoken from it, refreshes once and sends once more with the fresh token', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, apiError( 'badtoken' ) );
		const bodies: Record<string, unknown>[] = [];
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT, { send: recordingSend( bodies ) } ) ) ).toMatchObject( { code: 'badtoken' } );
		expect( bodies.map( ( body ) => body.token ) ).toEqual( [ TOKEN_A, TOKEN_B ] );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );

	it( 'turns its assertuserfailed into sessionlost on a page loaded logged in', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A }, apiError( 'assertuserfailed' ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const bodies: Record<string, unknown>[] = [];
		expect( await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT, { send: recordingSend( bodies ) } ) ) ).toMatchObject( { code: 'sessionlost' } );
		await settle();
		expect( harness.sessionLost ).toHaveLength( 1 );
	} );

	it( 'counts as a post out: a refresh waits for it', async () => {
		api = new FakeApi();
		const viaSend = api.expectPost( { ...EDIT, text: 'send', token: TOKEN_A }, EDITED, { held: true } );
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		const refresh = api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const sent = cache.postWithToken( 'csrf', { ...EDIT, text: 'send' }, { send: recordingSend( [] ) } );
		const post = cache.postWithToken( 'csrf', EDIT );
		await settle();
		expect( refresh.sent ).toBe( false );
		viaSend.release();
		await Promise.all( [ sent, post ] );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );

	it( 'turns a rejection without an API code into http', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT, { send: () => Promise.reject( new Error( 'offline' ) ) } ) ) )
			.toMatchObject( { name: 'TokenCacheError', code: 'http' } );
	} );

	it.each( [ [ 'a string', 'post' ], [ 'an object', { post: () => null } ], [ 'null', null ] ] )(
		'refuses %s as send with badparams, before anything is sent', async ( _label, send ) => {
			api = new FakeApi();
			const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
			expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT, { send: send as never } ) ) ).toMatchObject( { code: 'badparams' } );
			await settle();
			expect( api.count() ).toBe( 0 );
		} );

	it( 'follows a thenable from send, as a jQuery promise would be, through the refresh and the retry', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const sent: unknown[] = [];
		const send = ( body: Record<string, unknown> ) => {
			sent.push( body );
			const badtoken = Object.assign( new Error( 'badtoken' ), { code: 'badtoken', info: 'Invalid CSRF token.' } );
			// A thenable, as a jQuery promise would be.
			return { then: ( done: ( r: unknown ) => void, fail: ( e: unknown ) => void ) => sent.length === 1 ? fail( badtoken ) : done( EDITED.result ) };
		};
		expect( await cache.postWithToken( 'csrf', EDIT, { send: send as never } ) ).toEqual( EDITED.result );
		expect( sent ).toEqual( [
			{ ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_A },
			{ ...EDIT, assert: 'user', assertuser: 'Alice', token: TOKEN_B }
		] );
		expect( api.count( 'post' ) ).toBe( 0 );
	} );
} );
