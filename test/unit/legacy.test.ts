import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, tokensAnswer, tokensQuery } from './support/fakeApi';
import { makeCache, rejectionOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

describe( 'MediaWiki 1.24 to 1.26', () => {
	it( 'report the login token they lack as unknowntype', async () => {
		api = new FakeApi();
		// 1.25: meta=tokens exists, but not the login type; formatversion=2 already understood.
		api.expectGet( tokensQuery( 'login' ), { result: {
			warnings: { tokens: { warnings: 'Unrecognized value for parameter "type": login' } },
			batchcomplete: true, query: { tokens: [] }
		} } );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'login' ) ) ).toMatchObject( { code: 'unknowntype' } );
	} );
} );

describe( 'an answer without tokens from a wiki that knows meta=tokens', () => {
	it( 'is an http error, and the next call asks again', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), { result: { batchcomplete: true } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'csrf' ) ) ).toMatchObject( { code: 'http', data: { status: 200, textStatus: 'notokens' } } );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( api.count() ).toBe( 2 );
	} );
} );
