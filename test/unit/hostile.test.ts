// Each block is one sentence of the README that hostile callers and racing answers once broke.
import { afterEach, describe, expect, it } from 'vitest';
import { TabMessage } from '../../src/crossTab';
import { ANON, FakeApi, TOKEN_A, TOKEN_B, TOKEN_C, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf, settle, unhandledRejectionsOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hello' };
const ASSERT_ALICE = { assert: 'user', assertuser: 'Alice' };
const EDITED = { result: { edit: { result: 'Success' } } };

describe( 'options that are not what they claim to be', () => {
	it( 'reject a post whose signal is the AbortController itself with badparams, before anything is sent', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const controller = new AbortController();
		expect( await unhandledRejectionsOf( async () => {
			expect( await rejectionOf( cache.postWithToken( 'csrf', EDIT, { signal: controller as unknown as AbortSignal } ) ) )
				.toMatchObject( { name: 'TokenCacheError', code: 'badparams' } );
		} ) ).toEqual( [] );
		expect( api.count() ).toBe( 0 );
	} );

	it( 'reject getToken and getTokens with such a signal, and ask the wiki for nothing', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		const signal = new AbortController() as unknown as AbortSignal;
		expect( await rejectionOf( cache.getToken( 'rollback', { signal } ) ) ).toMatchObject( { code: 'badparams' } );
		expect( await rejectionOf( cache.getTokens( [ 'rollback' ], { signal } ) ) ).toMatchObject( { code: 'badparams' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );
} );

describe( 'a failure is never cached, not even an unknown type', () => {
	it( 'asks again for a type the wiki refused', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'bogus' ), tokensAnswer( {} ) );
		api.expectGet( tokensQuery( 'bogus' ), tokensAnswer( {} ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'bogus' ) ) ).toMatchObject( { code: 'unknowntype' } );
		expect( await rejectionOf( cache.getToken( 'bogus' ) ) ).toMatchObject( { code: 'unknowntype' } );
		expect( api.count( 'get' ) ).toBe( 2 );
	} );

	it( 'refreshes only the types it holds after 60 refused ones, so a badtoken still recovers', async () => {
		api = new FakeApi();
		const refused = Array.from( { length: 60 }, ( _, i ) => 'nosuch' + i );
		refused.forEach( ( type ) => api.expectGet( tokensQuery( type ), tokensAnswer( {} ) ) );
		api.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		for ( const type of refused ) {
			await rejectionOf( cache.getToken( type ) );
		}
		expect( await cache.postWithToken( 'csrf', EDIT ) ).toEqual( EDITED.result );
		expect( api.count( 'get' ) ).toBe( 61 );
	} );
} );

describe( 'an answer from before a login', () => {
	it( 'announces no loss after the login, and keeps the fresh tokens here and in the other tabs', async () => {
		api = new FakeApi();
		const sent: TabMessage[] = [];
		// Session lost; a rollback token is asked for and its anonymous answer held back.
		const heldRollback = api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: ANON } ), { held: true } );
		api.expectGet( tokensQuery( 'login' ), tokensAnswer( { login: TOKEN_B } ) );
		api.expectPost( { action: 'clientlogin', username: 'Alice', logintoken: TOKEN_B },
			{ result: { clientlogin: { status: 'PASS', username: 'Alice' } } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ),
			crossTab: { send: ( message ) => sent.push( message ), listen: () => undefined } } );
		const rollback = rejectionOf( harness.cache.getToken( 'rollback' ) );
		await settle();
		await harness.cache.postWithToken( 'login', { action: 'clientlogin', username: 'Alice' } );
		expect( await harness.cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
		expect( sent ).toHaveLength( 1 );
		heldRollback.release();
		expect( await rollback ).toMatchObject( { code: 'sessionlost' } );
		await settle();
		expect( harness.sessionLost ).toEqual( [] );
		expect( sent ).toHaveLength( 1 );
		expect( await harness.cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
	} );
} );

describe( 'another tab\'s message during a refresh', () => {
	it( 'causes no second refresh: both stale posts retry with the one fresh token', async () => {
		api = new FakeApi();
		let hear: ( message: TabMessage ) => void = () => undefined;
		const first = api.expectPost( { ...EDIT, text: 'one', token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		const second = api.expectPost( { ...EDIT, text: 'two', token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, text: 'one', token: TOKEN_B }, EDITED );
		api.expectPost( { ...EDIT, text: 'two', token: TOKEN_B }, EDITED );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ),
			crossTab: { send: () => undefined, listen: ( handler ) => {
				hear = handler;
			} } } );
		const posts = [ 'one', 'two' ].map( ( text ) => cache.postWithToken( 'csrf', { ...EDIT, text } ) );
		await settle();
		first.release();
		await settle();
		hear( { endpoint: '/w/api.php' } );
		second.release();
		expect( await Promise.all( posts ) ).toEqual( [ EDITED.result, EDITED.result ] );
		expect( api.count( 'get' ) ).toBe( 1 );
	} );
} );

describe( 'an anonymous token embedded in a page loaded logged in', () => {
	it( 'is not served: the wiki is asked, and its own `+\\` is sessionlost, announced once', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: ANON } ) );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: ANON } ) } );
		expect( await rejectionOf( harness.cache.getToken( 'csrf' ) ) ).toMatchObject( { code: 'sessionlost' } );
		await settle();
		expect( harness.sessionLost ).toHaveLength( 1 );
		expect( harness.cache.snapshot() ).toEqual( [] );
	} );

	it( 'is not served when another script wrote it: a session the wiki still knows gets its real token', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const page = fakePageTokens( { csrf: ANON } );
		const harness = makeCache( { api, userName: 'Alice', pageTokens: page } );
		expect( await harness.cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
		expect( page.values.csrf ).toBe( TOKEN_B );
		expect( harness.sessionLost ).toEqual( [] );
	} );
} );

describe( 'a tokenCache.change handler that calls invalidate() during a refresh', () => {
	it( 'leaves the waiting post to retry with the fresh token', async () => {
		api = new FakeApi();
		const stale = api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		api.expectPost( { ...EDIT, ...ASSERT_ALICE, token: TOKEN_B }, EDITED );
		let armed = false;
		const harness = makeCache( { api, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), onChange: () => {
			if ( armed ) {
				armed = false;
				harness.cache.invalidate();
			}
		} } );
		const post = harness.cache.postWithToken( 'csrf', EDIT );
		await settle();
		armed = true;
		stale.release();
		expect( await post ).toEqual( EDITED.result );
		expect( armed ).toBe( false );
		expect( api.count( 'post' ) ).toBe( 2 );
	} );
} );

describe( 'input gaps', () => {
	it( 'rejects a list of types with holes with badtype', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		// eslint-disable-next-line no-sparse-arrays
		expect( await rejectionOf( cache.getTokens( [ , ] as unknown as string[] ) ) ).toMatchObject( { code: 'badtype' } );
		// eslint-disable-next-line no-sparse-arrays
		expect( await rejectionOf( cache.getTokens( [ 'csrf', , 'watch' ] as unknown as string[] ) ) ).toMatchObject( { code: 'badtype' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it( 'rejects parameters whose getter throws with badparams, and sends nothing', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const params = { action: 'edit', get title(): string {
			throw new Error( 'getter' );
		} };
		expect( await rejectionOf( cache.postWithToken( 'csrf', params ) ) ).toMatchObject( { name: 'TokenCacheError', code: 'badparams' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );
} );
