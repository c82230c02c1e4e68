import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, TOKEN_B, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf, settle } from './support/makeCache';

let api: FakeApi;
afterEach( () => api.verify() );

const BAD_TYPES: [ string, unknown ][] = [
	[ 'an empty string', '' ],
	[ 'two types joined by a pipe', 'csrf|rollback' ],
	[ 'the wildcard', '*' ],
	[ 'surrounding whitespace', ' csrf' ],
	[ 'upper case', 'CSRF' ],
	[ 'unicode', 'сsrf' ],
	[ 'a very long string', 'a'.repeat( 10000 ) ],
	[ 'a name of 33 characters', 'x'.repeat( 33 ) ],
	[ 'a piece of a token', 'deadbeef0123' ],
	[ 'a token without its suffix', 'deadbeef' + TOKEN_A.slice( 8, 40 ) ],
	[ 'a number', 42 ],
	[ 'null', null ],
	[ 'an object with toString', { toString: () => 'csrf' } ],
	[ 'an array', [ 'csrf' ] ]
];

describe( 'token type names', () => {
	it.each( BAD_TYPES )( 'rejects %s with badtype and sends nothing', async ( _label, type ) => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.getToken( type as string ) ) ).toMatchObject( { name: 'TokenCacheError', code: 'badtype' } );
		expect( await rejectionOf( cache.postWithToken( type as string, { action: 'edit' } ) ) ).toMatchObject( { code: 'badtype' } );
		expect( () => cache.invalidate( type as string ) ).toThrow( expect.objectContaining( { code: 'badtype' } ) );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it( 'rejects a missing type with badtype (only invalidate() takes none: it drops all)', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( ( cache.getToken as ( type?: string ) => Promise<string> )() ) ).toMatchObject( { code: 'badtype' } );
	} );

	it( 'keeps error messages short for very long input', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		const error = await rejectionOf( cache.getToken( 'x'.repeat( 10000 ) ) );
		expect( error.message.length ).toBeLessThan( 100 );
	} );
} );

describe( 'token type names that objects inherit', () => {
	it( 'are ordinary unknown types, not a crash', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'constructor' ), { result: { batchcomplete: true, query: { tokens: {} },
			warnings: { tokens: { warnings: 'Unrecognized value for parameter "type": constructor' } } } } );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'constructor' ) ) ).toMatchObject( { code: 'unknowntype' } );
		expect( cache.snapshot() ).toEqual( [] );
	} );

	it( 'are counted like any type when a wiki knows them', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'constructor' ), tokensAnswer( { constructor: TOKEN_A } ) );
		api.expectPost( { action: 'edit', token: TOKEN_A }, apiError( 'badtoken' ) );
		api.expectGet( tokensQuery( 'constructor' ), tokensAnswer( { constructor: TOKEN_B } ) );
		api.expectPost( { action: 'edit', token: TOKEN_B }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api } );
		expect( await cache.getToken( 'constructor' ) ).toBe( TOKEN_A );
		await cache.postWithToken( 'constructor', { action: 'edit' } );
		expect( cache.snapshot() ).toEqual( [ expect.objectContaining( { type: 'constructor', source: 'refreshed', served: 3, refreshed: 1 } ) ] );
	} );

	it( 'are withheld like any type when the wiki refuses tokens to this origin', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'constructor' ), { result: { batchcomplete: true,
			warnings: { tokens: { warnings: 'Tokens may not be obtained when the same-origin policy is not applied.' } } } } );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'constructor' ) ) ).toMatchObject( { code: 'notallowed' } );
	} );

	it( 'serve as endpoints too: forApi for an API at "constructor" gets its own instance', () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		const other = cache.forApi( new FakeApi( 'constructor' ) );
		expect( other.endpoint ).toBe( 'constructor' );
		expect( typeof other.getToken ).toBe( 'function' );
		expect( cache.forApi( new FakeApi( 'constructor' ) ) ).toBe( other );
	} );
} );

describe( 'error messages about bad input', () => {
	it( 'describe a bad type without repeating it: a confused caller may have passed a token', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		const error = await rejectionOf( cache.getToken( TOKEN_A ) );
		expect( error ).toMatchObject( { code: 'badtype', info: 'Not a token type: a string of 42 characters' } );
		expect( error.message ).not.toContain( TOKEN_A.slice( 0, 8 ) );
	} );

	it( 'name a type that looks like no token, which helps find the typo', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'csfr' ), tokensAnswer( {} ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'csfr' ) ) ).toMatchObject( { code: 'unknowntype', info: 'Unknown token type: csfr' } );
	} );

	it( 'accept short names made of hex letters, which the wiki judges like any other', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'bad' ), tokensAnswer( {} ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'bad' ) ) ).toMatchObject( { code: 'unknowntype', info: 'Unknown token type: bad' } );
	} );

	it( 'accept names of up to 32 characters', async () => {
		api = new FakeApi();
		api.expectGet( tokensQuery( 'x'.repeat( 32 ) ), tokensAnswer( {} ) );
		const { cache } = makeCache( { api } );
		expect( await rejectionOf( cache.getToken( 'x'.repeat( 32 ) ) ) ).toMatchObject( { code: 'unknowntype' } );
	} );
} );

describe( 'forApi input', () => {
	it.each( [ [ 'nothing', undefined ], [ 'a URL', '/w/api.php' ], [ 'an object without get and post', { defaults: {} } ] ] )(
		'refuses %s with badparams', ( _label, value ) => {
			api = new FakeApi();
			const { cache } = makeCache( { api } );
			expect( () => cache.forApi( value as object ) ).toThrow( expect.objectContaining( { code: 'badparams' } ) );
		} );
} );

describe( 'post parameters', () => {
	it( 'refuses a __proto__ key instead of giving the request an inherited parameter', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const hostile = JSON.parse( '{"action":"edit","__proto__":{"action":"delete"}}' );
		expect( await rejectionOf( cache.postWithToken( 'csrf', hostile ) ) ).toMatchObject( { code: 'badparams' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it.each( [
		[ 'URLSearchParams', new URLSearchParams( 'action=edit&title=X' ) ],
		[ 'a Map', new Map( [ [ 'action', 'edit' ] ] ) ],
		[ 'an array', [ 'edit' ] ],
		[ 'a string', 'action=edit' ]
	] )( 'refuses %s, whose entries would not be sent, with badparams', async ( _label, params ) => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', params as unknown as Record<string, unknown> ) ) ).toMatchObject( { code: 'badparams' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it( 'accepts a plain object without a prototype', async () => {
		api = new FakeApi();
		api.expectPost( { action: 'edit', title: 'X', token: TOKEN_A }, { result: { edit: { result: 'Success' } } } );
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		await cache.postWithToken( 'csrf', Object.assign( Object.create( null ), { action: 'edit', title: 'X' } ) );
	} );

	it( 'refuses answer formats other than JSON', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		expect( await rejectionOf( cache.postWithToken( 'csrf', { action: 'edit', format: 'xml' } ) ) ).toMatchObject( { code: 'badparams' } );
		await settle();
		expect( api.count() ).toBe( 0 );
	} );

	it.each( [ [ 'null', null ], [ 'a string', 'action=edit' ], [ 'an array', [ 'edit' ] ] ] )(
		'refuses %s as parameters', async ( _label, params ) => {
			api = new FakeApi();
			const { cache } = makeCache( { api, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
			expect( await rejectionOf( cache.postWithToken( 'csrf', params as unknown as Record<string, unknown> ) ) )
				.toMatchObject( { code: 'badparams' } );
		} );
} );
