import { afterEach, describe, expect, it } from 'vitest';
import { ANON, FakeApi, TOKEN_A, TOKEN_B, TOKEN_C, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hello' };
const ASSERT_ALICE = { assert: 'user', assertuser: 'Alice' };

describe( 'a lost session on a page loaded logged in', () => {
	it( 'rejects with sessionlost when the refreshed token is anonymous, and posts nothing more', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: ANON } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const error = await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) );
		expect( error ).toMatchObject( { code: 'sessionlost' } );
		expect( harness.sessionLost ).toEqual( [ error ] );
		expect( api.count( 'post' ) ).toBe( 1 );
	} );

	it( 'takes a token request refused with assertuserfailed (the shield asserts the user on them) as the loss it is', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback|watch' ), apiError( 'assertuserfailed' ) );
		const harness = makeCache( { api, userName: 'Alice' } );
		const results = await Promise.allSettled( [ harness.cache.getToken( 'rollback' ), harness.cache.getToken( 'watch' ) ] );
		expect( results.map( ( r ) => r.status === 'rejected' && r.reason.code ) ).toEqual( [ 'sessionlost', 'sessionlost' ] );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		expect( harness.sessionLost ).toHaveLength( 1 );
	} );

	it( 'leaves assertuserfailed on a token request as it is on a page loaded logged out', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), apiError( 'assertuserfailed' ) );
		const harness = makeCache( { api, userName: null } );
		expect( await rejectionOf( harness.cache.getToken( 'rollback' ) ) ).toMatchObject( { code: 'assertuserfailed' } );
		expect( harness.sessionLost ).toEqual( [] );
	} );

	it( 'rejects getToken with sessionlost instead of handing out the anonymous token', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback|watch' ), tokensAnswer( { rollback: ANON, watch: ANON } ) );
		const harness = makeCache( { api, userName: 'Alice' } );
		const results = await Promise.allSettled( [ harness.cache.getToken( 'rollback' ), harness.cache.getToken( 'watch' ) ] );
		expect( results.map( ( r ) => r.status === 'rejected' && r.reason.code ) ).toEqual( [ 'sessionlost', 'sessionlost' ] );
		// One loss, one announcement.
		expect( harness.sessionLost ).toHaveLength( 1 );
	} );

	it( 'still hands out real login tokens, which anonymous sessions have too', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		const { cache } = makeCache( { api, userName: 'Alice' } );
		expect( await cache.getToken( 'login' ) ).toBe( TOKEN_B );
	} );

	it( 'turns assertuserfailed into sessionlost and forgets every token', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'assertuserfailed', 'You are no longer logged in.' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const error = await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) );
		expect( error ).toMatchObject( { code: 'sessionlost', info: 'You are no longer logged in.', data: { error: { code: 'assertuserfailed' } } } );
		expect( harness.sessionLost ).toHaveLength( 1 );
		expect( api.badTokenCalls ).toEqual( [ 'csrf' ] );
		expect( await harness.cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
	} );

	it( 'turns assertnameduserfailed (another user logged in) into sessionlost', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'assertnameduserfailed' ) );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
	} );
} );

describe( 'announcing a lost session', () => {
	it( 'happens once for several posts that find it together, and again after the session worked meanwhile', async () => {
		api = new FakeApi();
		[ 'One', 'Two', 'Three' ].forEach( ( title ) => {
			api.expectPost( { ...EDIT, title, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'assertuserfailed' ) );
		} );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const codes = await Promise.all( [ 'One', 'Two', 'Three' ].map( ( title ) => rejectionOf( harness.cache.postWithToken( 'csrf', { ...EDIT, title } ) ).then( ( error ) => error.code ) ) );
		expect( codes ).toEqual( [ 'sessionlost', 'sessionlost', 'sessionlost' ] );
		expect( harness.sessionLost ).toHaveLength( 1 );

		// Logged in again (e.g. in another tab): the wiki confirms Alice on a post, so a later loss is news.
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_B }, { result: { edit: { result: 'Success' } } } );
		await harness.cache.postWithToken( 'csrf', EDIT );
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_B }, apiError( 'assertuserfailed' ) );
		expect( await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		expect( harness.sessionLost ).toHaveLength( 2 );
	} );

	it( 'happens once while another user holds the session, although that user\'s tokens are real', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'assertnameduserfailed' ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) );
		for ( const token of [ TOKEN_B, TOKEN_C ] ) {
			api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: token } ) );
			api.expectPost( { ...EDIT, ...ASSERT_ALICE, token }, apiError( 'assertnameduserfailed' ) );
			expect( await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		}
		expect( harness.sessionLost ).toHaveLength( 1 );
	} );

	it( 'happens once across a failed login attempt, which changes nothing', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'assertuserfailed' ) );
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'login', lgname: 'Alice', lgpassword: 'wrong', lgtoken: TOKEN_B }, { result: { login: { result: 'Failed' } } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: ANON } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) );
		await harness.cache.postWithToken( 'login', { action: 'login', lgname: 'Alice', lgpassword: 'wrong' } );
		expect( await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		expect( harness.sessionLost ).toHaveLength( 1 );
	} );
} );

describe( 'a page loaded logged out', () => {
	it( 'passes the API\'s own assertion failure on: it had no session to lose', async () => {
		api = new FakeApi();
		api.expectPost( { ...EDIT, assert: 'user', token: ANON }, apiError( 'assertuserfailed' ) );
		const harness = makeCache( { api, pageTokens: fakePageTokens( { csrf: ANON } ) } );
		expect( await rejectionOf( harness.cache.postWithToken( 'csrf', { ...EDIT, assert: 'user' } ) ) ).toMatchObject( { code: 'assertuserfailed' } );
		expect( harness.sessionLost ).toEqual( [] );
		expect( harness.cache.snapshot() ).toHaveLength( 1 );
	} );
} );

describe( 'logins and logouts through postWithToken', () => {
	it( 'clears the cache after a successful login and asserts the new user from then on', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'login', lgname: 'Bob', lgpassword: 'secret', lgtoken: TOKEN_B },
			{ result: { login: { result: 'Success', lgusername: 'Bob' } } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Bob', token: TOKEN_C }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: ANON } ) } );
		await cache.postWithToken( 'login', { action: 'login', lgname: 'Bob', lgpassword: 'secret' } );
		expect( cache.snapshot() ).toEqual( [] );
		await cache.postWithToken( 'csrf', EDIT );
	} );

	it( 'does not reuse a login token after a successful clientlogin', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_A } ) );
		api.expectPost( { action: 'clientlogin', username: 'Bob', logintoken: TOKEN_A },
			{ result: { clientlogin: { status: 'PASS', username: 'Bob' } } } );
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		const { cache } = makeCache( { api } );
		await cache.postWithToken( 'login', { action: 'clientlogin', username: 'Bob' } );
		expect( await cache.getToken( 'login' ) ).toBe( TOKEN_B );
	} );

	it( 'clears the cache after creating an account', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'createaccount' ), tokensAnswer( { createaccount: TOKEN_A } ) );
		api.expectPost( { action: 'createaccount', username: 'Carol', createtoken: TOKEN_A },
			{ result: { createaccount: { status: 'PASS', username: 'Carol' } } } );
		api.expectGet( tokensQuery( 'createaccount' ), tokensAnswer( { createaccount: TOKEN_B } ) );
		const { cache } = makeCache( { api } );
		await cache.postWithToken( 'createaccount', { action: 'createaccount', username: 'Carol' } );
		expect( await cache.getToken( 'createaccount' ) ).toBe( TOKEN_B );
	} );

	it( 'keeps the cache after a failed login', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_A } ) );
		api.expectPost( { action: 'login', lgname: 'Bob', lgpassword: 'wrong', lgtoken: TOKEN_A },
			{ result: { login: { result: 'Failed' } } } );
		const { cache } = makeCache( { api } );
		await cache.postWithToken( 'login', { action: 'login', lgname: 'Bob', lgpassword: 'wrong' } );
		expect( await cache.getToken( 'login' ) ).toBe( TOKEN_A );
	} );

	it( 'clears the cache after a logout, and then answers sessionlost rather than editing anonymously', async () => {
		api = new FakeApi();
		api.expectPost( { action: 'logout', ...ASSERT_ALICE, token: TOKEN_A }, { result: {} } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: ANON } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await harness.cache.postWithToken( 'csrf', { action: 'logout' } );
		expect( api.badTokenCalls ).toEqual( [ 'csrf' ] );
		expect( await rejectionOf( harness.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		expect( harness.sessionLost ).toHaveLength( 1 );
		expect( api.count( 'post' ) ).toBe( 1 );
	} );

	it( 'after a logout, asserts whoever logs in next through TokenCache', async () => {
		api = new FakeApi();
		api.expectPost( { action: 'logout', ...ASSERT_ALICE, token: TOKEN_A }, { result: {} } );
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'login', lgname: 'Bob', lgpassword: 'secret', lgtoken: TOKEN_B },
			{ result: { login: { result: 'Success', lgusername: 'Bob' } } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		api.expectPost( { ...EDIT, assert: 'user', assertuser: 'Bob', token: TOKEN_C }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', { action: 'logout' } );
		await cache.postWithToken( 'login', { action: 'login', lgname: 'Bob', lgpassword: 'secret' } );
		await cache.postWithToken( 'csrf', EDIT );
	} );
} );
