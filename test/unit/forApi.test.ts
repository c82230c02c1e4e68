import { afterEach, describe, expect, it } from 'vitest';
import { FakeApi, TOKEN_A, TOKEN_B, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache } from './support/makeCache';

const apis: FakeApi[] = [];
afterEach( () => apis.splice( 0 ).forEach( ( api ) => api.verify() ) );

describe( 'forApi', () => {
	it( 'keeps a separate cache per endpoint, without the page\'s own tokens', async () => {
		const local = new FakeApi( '/w/api.php' );
		const foreign = new FakeApi( 'https://commons.example/w/api.php' );
		apis.push( local, foreign );
		foreign.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		const { cache } = makeCache( { api: local, pageTokens: fakePageTokens( { csrf: TOKEN_A } ) } );
		const other = cache.forApi( foreign );
		expect( other.endpoint ).toBe( 'https://commons.example/w/api.php' );
		expect( await other.getToken( 'csrf' ) ).toBe( TOKEN_B );
		expect( await cache.getToken( 'csrf' ) ).toBe( TOKEN_A );
		expect( local.count() ).toBe( 0 );
		expect( foreign.count() ).toBe( 1 );
	} );

	it( 'returns the same instance for the same endpoint, from any instance', () => {
		const local = new FakeApi( '/w/api.php' );
		const foreign = new FakeApi( 'https://commons.example/w/api.php' );
		const { cache } = makeCache( { api: local } );
		const other = cache.forApi( foreign );
		expect( cache.forApi( new FakeApi( 'https://commons.example/w/api.php' ) ) ).toBe( other );
		expect( other.forApi( new FakeApi( '/w/api.php' ) ) ).toBe( cache );
	} );

	it( 'offers the whole contract on the other endpoint', () => {
		const { cache } = makeCache( { api: new FakeApi() } );
		const other = cache.forApi( new FakeApi( 'https://commons.example/w/api.php' ) );
		expect( Object.keys( other ).sort() ).toEqual( [ 'endpoint', 'forApi', 'getToken', 'getTokens', 'invalidate', 'postWithToken', 'snapshot', 'version' ] );
		[ other.forApi, other.getToken, other.getTokens, other.invalidate, other.postWithToken, other.snapshot ].forEach( ( member ) => {
			expect( typeof member ).toBe( 'function' );
		} );
		expect( other.endpoint ).toBe( 'https://commons.example/w/api.php' );
		expect( other.version ).toBe( cache.version );
	} );
} );

describe( 'forApi endpoints', () => {
	const PAGE = 'https://wiki.example/wiki/Main_Page';
	const resolveUrl = ( url: string ) => new URL( url, PAGE ).href;

	it( 'are one instance however the same endpoint is spelled, resolved against the page\'s address', () => {
		const { cache } = makeCache( { api: new FakeApi( '/w/api.php' ), resolveUrl } );
		expect( cache.endpoint ).toBe( 'https://wiki.example/w/api.php' );
		expect( cache.forApi( new FakeApi( '//wiki.example/w/api.php' ) ) ).toBe( cache );
		expect( cache.forApi( new FakeApi( 'https://wiki.example/w/api.php' ) ) ).toBe( cache );
		expect( cache.forApi( new FakeApi( 'https://WIKI.example/w/api.php' ) ) ).toBe( cache );
		const other = cache.forApi( new FakeApi( '//commons.example/w/api.php' ) );
		expect( other ).not.toBe( cache );
		expect( other.endpoint ).toBe( 'https://commons.example/w/api.php' );
		expect( cache.forApi( new FakeApi( 'https://commons.example/w/api.php' ) ) ).toBe( other );
	} );
} );
