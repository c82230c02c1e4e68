import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, tokensQuery } from './support/fakeApi';
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
} );

describe( 'error messages about bad input', () => {
	it( 'describe a bad type without repeating it: a confused caller may have passed a token', async () => {
		api = new FakeApi();
		const { cache } = makeCache( { api } );
		const error = await rejectionOf( cache.getToken( TOKEN_A ) );
		expect( error ).toMatchObject( { code: 'badtype', info: 'Not a token type: a string of 42 characters' } );
		expect( error.message ).not.toContain( TOKEN_A.slice( 0, 8 ) );
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
		expect( ( {} as Record<string, unknown> ).action ).toBeUndefined();
		await settle();
		expect( api.count() ).toBe( 0 );
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
