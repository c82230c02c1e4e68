import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, Held, TOKEN_A, TOKEN_B, TOKEN_C, apiError, httpError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { TokenCacheError } from '../../src/publicTypes';
import { fakePageTokens, makeCache, rejectionOf, settle, unhandledRejectionsOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

/** Starts a call, aborts it while `held` is out, lets `held` answer, and returns the caller's rejection. */
async function abortWhileOut( held: Held, call: ( signal: AbortSignal ) => Promise<unknown> ): Promise<TokenCacheError> {
	const controller = new AbortController();
	const rejection = rejectionOf( call( controller.signal ) );
	await settle();
	controller.abort();
	held.release();
	const error = await rejection;
	await settle();
	return error;
}

const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hello' };

describe( 'transport faults on token requests', () => {
	it.each( [
		[ 'a network error', httpError( 'error', 0 ), 'http' ],
		[ 'HTTP 500', httpError( 'error', 500 ), 'http' ],
		[ 'HTTP 503', httpError( 'error', 503 ), 'http' ],
		[ 'an HTML page instead of JSON', httpError( 'parsererror', 200 ), 'http' ],
		[ 'an empty answer', { reject: [ 'ok-but-empty', 'OK response but empty result' ] as [ string, unknown ] }, 'http' ],
		[ 'maxlag', apiError( 'maxlag', 'Waiting for a database server: 7 seconds lagged.' ), 'maxlag' ],
		[ 'readonly', apiError( 'readonly' ), 'readonly' ]
	] )( 'reject the waiting callers on %s, keep nothing, and try again next time', async ( _label, outcome, code ) => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), outcome );
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		const results = await Promise.allSettled( [ cache.getToken( 'rollback' ), cache.getToken( 'rollback' ) ] );
		expect( results.map( ( r ) => r.status === 'rejected' && r.reason.code ) ).toEqual( [ code, code ] );
		expect( cache.snapshot() ).toEqual( [] );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
	} );

	it( 'reports the HTTP status and text status of an http failure', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), httpError( 'error', 503 ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'rollback' ) ) ).toMatchObject( {
			code: 'http', data: { status: 503, textStatus: 'error' } } );
	} );

	it( 'asks mw.Api to give up on every request after requestTimeoutMs, so nothing waits forever', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		api.expectPost( { ...EDIT, token: TOKEN_A }, { result: {} } );
		const { cache } = makeCache( { api, requestTimeoutMs: 12345 } );
		await cache.postWithToken( 'rollback', EDIT );
		expect( api.ajaxOptions ).toEqual( [ { timeout: 12345 }, { timeout: 12345 } ] );
	} );

	it( 'turns a timed-out request into http, keeps nothing, and tries again next time', async () => {
		api = new FakeApi();
		// What mw.Api answers when jQuery's timeout fires.
		api.expectGet( tokensQuery( 'rollback' ), httpError( 'timeout', 0 ) );
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'rollback' ) ) ).toMatchObject( { code: 'http', data: { textStatus: 'timeout' } } );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
	} );
} );

describe( 'transport faults on posts', () => {
	it( 'are not retried: an edit that may have landed is never sent twice', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, httpError( 'error', 502 ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'http' } );
		expect( api.count( 'post' ) ).toBe( 1 );
	} );

	it( 'during a refresh reject the post without a second refresh', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), httpError( 'error', 500 ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'http' } );
		expect( api.count() ).toBe( 2 );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
	} );

	it( 'answering badtoken forever cost exactly two posts and one refresh per call', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ) );
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, apiError( 'badtoken' ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'badtoken' } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'badtoken' } );
		expect( api.count( 'post' ) ).toBe( 4 );
		expect( api.count( 'get' ) ).toBe( 3 );
	} );

	it( 'aborting a post rejects its caller with aborted, and leaves the request be: it may land anyway', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, token: TOKEN_A }, 'never' );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const controller = new AbortController();
		const post = rejectionOf( cache.postWithToken( 'csrf', EDIT, { signal: controller.signal } ) );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		controller.abort();
		expect( await post ).toMatchObject( { code: 'aborted' } );
		// The post stays out: it was sent, and nothing can call it back.
		expect( api.count( 'post' ) ).toBe( 1 );
	} );

	it( 'a signal aborted before the call sends nothing at all', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const controller = new AbortController();
		controller.abort();
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT, { signal: controller.signal } ) ) ).toMatchObject( { code: 'aborted' } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', { ...EDIT, token: TOKEN_B }, { signal: controller.signal } ) ) ).toMatchObject( { code: 'aborted' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it( 'a signal aborted while the token is fetched sends no post', async () => {
		api = new FakeApi();
		const fetch = api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ), { held: true } );
		const { cache } = makeCache( { api } );
		expect( await abortWhileOut( fetch, ( signal ) => cache.postWithToken( 'csrf', EDIT, { signal } ) ) ).toMatchObject( { code: 'aborted' } );
		expect( api.count( 'post' ) ).toBe( 0 );
		// The token it fetched is kept for others.
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
	} );

	it( 'a fetch that fails after its caller aborted leaves no unhandled rejection', async () => {
		api = new FakeApi();
		const fetch = api.expectGet( tokensQuery( 'rollback' ), httpError( 'error', 503 ), { held: true } );
		const { cache } = makeCache( { api } );
		expect( await unhandledRejectionsOf( async () => {
			expect( await abortWhileOut( fetch, ( signal ) => cache.getToken( 'rollback', { signal } ) ) ).toMatchObject( { code: 'aborted' } );
		} ) ).toEqual( [] );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'an aborted caller\'s badtoken keeps a refresh that another caller began since', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, text: 'kept', token: TOKEN_A }, apiError( 'badtoken' ) );
		const stale = api.expectPost( { ...EDIT, text: 'aborted', token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, text: 'kept', token: TOKEN_B }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const kept = cache.postWithToken( 'csrf', { ...EDIT, text: 'kept' } );
		expect( await abortWhileOut( stale, ( signal ) => cache.postWithToken( 'csrf', { ...EDIT, text: 'aborted' }, { signal } ) ) )
			.toMatchObject( { code: 'aborted' } );
		await kept;
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );

	it( 'a signal aborted before a badtoken came back sends no refresh and no retry, but drops the stale session\'s tokens here and in core', async () => {
		api = new FakeApi();
		const stale = api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectGet( tokensQuery( 'csrf|watch' ), tokensAnswer( { csrf: TOKEN_B, watch: TOKEN_C } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, watch: TOKEN_A } ) } );
		expect( await abortWhileOut( stale, ( signal ) => cache.postWithToken( 'csrf', EDIT, { signal } ) ) ).toMatchObject( { code: 'aborted' } );
		expect( api.count( 'post' ) ).toBe( 1 );
		expect( api.count( 'get' ) ).toBe( 0 );
		expect( api.badTokenCalls.sort() ).toEqual( [ 'csrf', 'watch' ] );
		expect( await cache.getTokens( [ 'csrf', 'watch' ] ) ).toEqual( { csrf: TOKEN_B, watch: TOKEN_C } );
	} );
} );
