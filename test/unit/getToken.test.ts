import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, TOKEN_B, TOKEN_C, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf, settle } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

describe( 'getToken', () => {
	it( 'serves tokens the page embeds without a request', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A, patrol: TOKEN_B, watch: TOKEN_C } ) } );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( await cache.getToken( 'patrol' ) ).toBe( TOKEN_B );
		expect( await cache.getToken( 'watch' ) ).toBe( TOKEN_C );
		expect( api.count() ).toBe( 0 );
	} );

	it( 'maps legacy names to csrf', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		for ( const legacy of [ 'edit', 'delete', 'protect', 'move', 'block', 'unblock', 'email', 'import', 'options' ] ) {
			expect( await cache.getToken( legacy ) ).toBe( TOKEN_A );
		}
		expect( api.count() ).toBe( 0 );
	} );

	it( 'fetches a missing type once and reuses it', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'shares one request between concurrent callers of one type', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		const tokens = await Promise.all( [ cache.getToken( 'rollback' ), cache.getToken( 'rollback' ), cache.getToken( 'rollback' ) ] );
		expect( tokens ).toEqual( [ TOKEN_A, TOKEN_A, TOKEN_A ] );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'asks for different types requested in the same tick in one request', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback|userrights|createaccount' ),
			tokensAnswer( { rollback: TOKEN_A, userrights: TOKEN_B, createaccount: TOKEN_C } ) );
		const { cache } = makeCache( { api } );
		const tokens = await Promise.all( [ cache.getToken( 'rollback' ), cache.getToken( 'userrights' ), cache.getToken( 'createaccount' ) ] );
		expect( tokens ).toEqual( [ TOKEN_A, TOKEN_B, TOKEN_C ] );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'never caches a failure: the next call asks again', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), apiError( 'readonly', 'The wiki is in read-only mode.' ) );
		api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		const error = await rejectionOf( cache.getToken( 'rollback' ) );
		expect( error ).toMatchObject( { name: 'TokenCacheError', code: 'readonly', info: 'The wiki is in read-only mode.' } );
		expect( error ).toBeInstanceOf( Error );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
		expect( api.count() ).toBe( 2 );
	} );

	it( 'rejects a type the wiki does not know with unknowntype, and keeps the types it knows', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf|bogus' ), { result: {
			batchcomplete: true,
			warnings: { tokens: { warnings: 'Unrecognized value for parameter "type": bogus' } },
			query: { tokens: { csrftoken: TOKEN_A } }
		} } );
		const { cache } = makeCache( { api } );
		const [ csrf, bogus ] = await Promise.allSettled( [ cache.getToken( 'csrf' ), cache.getToken( 'bogus' ) ] );
		expect( csrf ).toEqual( { status: 'fulfilled', value: TOKEN_A } );
		expect( bogus ).toMatchObject( { status: 'rejected', reason: { code: 'unknowntype' } } );
	} );

	it( 'rejects with notallowed when the wiki withholds tokens from this origin', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), { result: {
			warnings: { tokens: { warnings: 'Tokens may not be obtained when the same-origin policy is not applied.' } },
			batchcomplete: true
		} } );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'csrf' ) ) ).toMatchObject( { code: 'notallowed' } );
	} );
} );

describe( 'getTokens', () => {
	it( 'returns several types keyed by normalized type, in one request', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback|userrights' ), tokensAnswer( { rollback: TOKEN_B, userrights: TOKEN_C } ) );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await cache.getTokens( [ 'edit', 'rollback', 'csrf', 'userrights' ] ) )
			.toEqual( { csrf: TOKEN_A, rollback: TOKEN_B, userrights: TOKEN_C } );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'rejects an empty or non-array list with badtype and sends nothing', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getTokens( [] ) ) ).toMatchObject( { code: 'badtype' } );
		expect( await rejectionOf( cache.getTokens( 'csrf' as unknown as string[] ) ) ).toMatchObject( { code: 'badtype' } );
		expect( await rejectionOf( cache.getTokens( [ 'csrf', 'a|b' ] ) ) ).toMatchObject( { code: 'badtype' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );
} );

describe( 'abort', () => {
	it( 'rejects only the caller whose signal aborted; the shared request goes on', async () => {
		api = new FakeApi();
		const answer = api.expectGet( tokensQuery( 'rollback' ), tokensAnswer( { rollback: TOKEN_A } ), { held: true } );
		const { cache } = makeCache( { api } );
		const controller = new AbortController();
		const aborted = cache.getToken( 'rollback', { signal: controller.signal } );
		const other = cache.getToken( 'rollback' );
		await settle();
		controller.abort();
		expect( await rejectionOf( aborted ) ).toMatchObject( { code: 'aborted' } );
		answer.release();
		expect( await other ).toBe( TOKEN_A );
		expect( await cache.getToken( 'rollback' ) ).toBe( TOKEN_A );
		expect( api.count() ).toBe( 1 );
	} );

	it( 'rejects at once for a signal that is already aborted, and asks the wiki for nothing', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const controller = new AbortController();
		controller.abort();
		expect( await rejectionOf( cache.getToken( 'rollback', { signal: controller.signal } ) ) ).toMatchObject( { code: 'aborted' } );
		expect( await rejectionOf( cache.getTokens( [ 'csrf', 'rollback' ], { signal: controller.signal } ) ) ).toMatchObject( { code: 'aborted' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it( 'rejects a getTokens caller that aborts during the fetch, and keeps the tokens for others', async () => {
		api = new FakeApi();
		const answer = api.expectGet( tokensQuery( 'rollback|userrights' ), tokensAnswer( { rollback: TOKEN_B, userrights: TOKEN_C } ), { held: true } );
		const { cache } = makeCache( { api } );
		const controller = new AbortController();
		const aborted = rejectionOf( cache.getTokens( [ 'rollback', 'userrights' ], { signal: controller.signal } ) );
		await settle();
		controller.abort();
		expect( await aborted ).toMatchObject( { code: 'aborted' } );
		answer.release();
		expect( await cache.getTokens( [ 'userrights', 'rollback' ] ) ).toEqual( { userrights: TOKEN_C, rollback: TOKEN_B } );
		expect( api.count() ).toBe( 1 );
	} );
} );
