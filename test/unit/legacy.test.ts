import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, TOKEN_B, tokensAnswer, tokensQuery } from './support/fakeApi';
import { makeCache, rejectionOf } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

// Answers as MediaWiki 1.23 gives them (no meta=tokens yet, format without formatversion).
const NO_META_TOKENS = { result: { warnings: {
	main: { '*': 'Unrecognized parameter: \'formatversion\'' },
	query: { '*': 'Unrecognized value for parameter \'meta\': tokens' }
} } };

describe( 'wikis older than MediaWiki 1.24', () => {
	it( 'fall back to action=tokens, with csrf asked for as edit, and remember it', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf|watch' ), NO_META_TOKENS );
		api.expectGet( { action: 'tokens', type: 'edit|watch', format: 'json' },
			{ result: { tokens: { edittoken: TOKEN_A, watchtoken: TOKEN_B } } } );
		api.expectGet( { action: 'tokens', type: 'patrol', format: 'json' }, { result: { tokens: { patroltoken: TOKEN_B } } } );
		const { cache } = makeCache( { api } );
		expect( await cache.getTokens( [ 'csrf', 'watch' ] ) ).toEqual( { csrf: TOKEN_A, watch: TOKEN_B } );
		expect( await cache.getToken( 'patrol' ) ).toBe( TOKEN_B );
		expect( api.count() ).toBe( 3 );
	} );

	it( 'report types action=tokens does not know as unknowntype', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'rollback' ), NO_META_TOKENS );
		api.expectGet( { action: 'tokens', type: 'rollback', format: 'json' }, { result: {
			warnings: { tokens: { '*': 'Unrecognized value for parameter \'type\': rollback' } }, tokens: []
		} } );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'rollback' ) ) ).toMatchObject( { code: 'unknowntype' } );
	} );

	it( 'report types the user may not have as notallowed', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf|patrol' ), NO_META_TOKENS );
		api.expectGet( { action: 'tokens', type: 'edit|patrol', format: 'json' }, { result: {
			warnings: { tokens: { '*': 'Action \'patrol\' is not allowed for the current user' } },
			tokens: { edittoken: TOKEN_A }
		} } );
		const { cache } = makeCache( { api } );
		const [ csrf, patrol ] = await Promise.allSettled( [ cache.getToken( 'csrf' ), cache.getToken( 'patrol' ) ] );
		expect( csrf ).toEqual( { status: 'fulfilled', value: TOKEN_A } );
		expect( patrol ).toMatchObject( { status: 'rejected', reason: { code: 'notallowed' } } );
	} );
} );

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
	it( 'is an http error, not a reason to switch to action=tokens', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csrf' ), { result: { batchcomplete: true } } );
		api.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_A } ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'csrf' ) ) ).toMatchObject( { code: 'http', data: { status: 200, textStatus: 'notokens' } } );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( api.count() ).toBe( 2 );
	} );
} );
