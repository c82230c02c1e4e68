import { afterEach, describe, expect, it } from 'vitest';
import { ANON, FakeApi, TOKEN_A, TOKEN_B, TOKEN_C, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, settle } from './support/makeCache';
import { decodeIssuedAt, maskToken } from '../../src/tokenText';

let api: FakeApi;
afterEach( () => api.verify() );

describe( 'a fetch overtaken by invalidate()', () => {
	it( 'writes its older token neither to the cache nor to mw.user.tokens', async () => {
		api = new FakeApi();
		const older = api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ), { held: true } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_C } ) );
		const page = fakePageTokens( { csrf: TOKEN_A } );
		const { cache } = makeCache( { api, pageTokens: page } );
		cache.invalidate();
		const first = cache.getToken( 'csrf' );
		await settle();
		cache.invalidate();
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
		older.release();
		// Its own caller still gets what it asked for.
		expect( await first ).toBe( TOKEN_B );
		expect( page.values.csrf ).toBe( TOKEN_C );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_C );
	} );
} );

describe( 'snapshot', () => {
	it( 'lists cached tokens masked, with issue time, origin and use counts, and never a full token', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_B } ) );
		api.expectPost( { action: 'edit', title: 'X', token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'csrf|watch|rollback' ), tokensAnswer( { csrf: TOKEN_C, watch: ANON, rollback: TOKEN_C } ) );
		api.expectPost( { action: 'edit', title: 'X', token: TOKEN_C }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, watch: ANON } ) } );
		expect( cache.snapshot() ).toEqual( [
			{ id: 1, type: 'csrf', masked: '0123…+\\', issuedAt: 0x6735a9c0 * 1000, anonymous: false, source: 'page', served: 0, refreshed: 0 },
			{ id: 2, type: 'watch', masked: '+\\', issuedAt: null, anonymous: true, source: 'page', served: 0, refreshed: 0 }
		] );
		await cache.getToken( 'rollback' );
		await cache.postWithToken( 'csrf', { action: 'edit', title: 'X' } );
		const after = cache.snapshot();
		expect( after.find( ( entry ) => entry.type === 'csrf' ) ).toMatchObject( { source: 'refreshed', served: 2, refreshed: 1, masked: 'aaaa…+\\' } );
		expect( after.find( ( entry ) => entry.type === 'rollback' ) ).toMatchObject( { source: 'refreshed', served: 1, refreshed: 1 } );
		const text = JSON.stringify( after );
		[ TOKEN_A, TOKEN_B, TOKEN_C ].forEach( ( token ) => expect( text ).not.toContain( token.slice( 0, 32 ) ) );
	} );

	it( 'announces every change, so a debug view can follow', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_B } ) );
		const harness = makeCache( { api } );
		const before = harness.changes;
		await harness.cache.getToken( 'rollback' );
		expect( harness.changes ).toBeGreaterThan( before );
		const afterFetch = harness.changes;
		harness.cache.invalidate();
		// Announced once the change is settled, so a handler may call back into the cache.
		await settle( 1 );
		expect( harness.changes ).toBe( afterFetch + 1 );
	} );
} );

describe( 'token text', () => {
	it( 'decodes the issue time from the token\'s hex timestamp', () => {
		expect( decodeIssuedAt( TOKEN_A ) ).toBe( Date.UTC( 2024, 10, 14, 7, 41, 52 ) );
		expect( decodeIssuedAt( ANON ) ).toBeNull();
		expect( decodeIssuedAt( 'not a token' ) ).toBeNull();
	} );

	it( 'masks all but four leading characters', () => {
		expect( maskToken( TOKEN_A ) ).toBe( '0123…+\\' );
		expect( maskToken( ANON ) ).toBe( '+\\' );
	} );
} );

describe( 'invalidate', () => {
	it( 'drops one type here and in core, so the next call fetches it', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, watch: TOKEN_C } ) } );
		cache.invalidate( 'edit' );
		expect( api.badTokenCalls ).toEqual( [ 'csrf' ] );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_B );
		expect( await cache.getToken( 'watch' ) ).toBe( TOKEN_C );
	} );

	it( 'drops every type when called without one', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf|watch' ), tokensAnswer( { csrf: TOKEN_B, watch: TOKEN_B } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, watch: TOKEN_C } ) } );
		cache.invalidate();
		expect( cache.snapshot() ).toEqual( [] );
		expect( await cache.getTokens( [ 'csrf', 'watch' ] ) ).toEqual( { csrf: TOKEN_B, watch: TOKEN_B } );
	} );

	it( 'while a fetch is in flight: its callers get the token, the cache does not keep it', async () => {
		api = new FakeApi();
		const first = api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ), { held: true } );
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_B } ) );
		const { cache } = makeCache( { api } );
		const pending = cache.getToken( 'rollback' );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		cache.invalidate( 'rollback' );
		first.release();
		expect( await pending ).toBe( TOKEN_A );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_B );
	} );
} );
