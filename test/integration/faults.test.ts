// Faults a real wiki produces, on MediaWiki 1.39 and 1.43: an API error on a post is passed on with its
// own code, never retried and never costs the cached token; hostile parameters never reach the API.
// (Transport faults a local wiki cannot produce on demand, such as HTTP 503 or a hung server, are
// covered by the unit tests in test/unit/faults.test.ts.)
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from './support/wikiState.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'an API error on a post is passed on with its own code, sent once, and the token stays good', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache API error ${ name }`;
		await s.login( USERS.alice );
		s.api.clear();
		// createonly on a page that exists: the wiki answers articleexists, a real API error.
		const outcomes = await s.page.evaluate( ( pageTitle ) => {
			const tokenCache = window.mw.libs.tokenCache;
			const edit = ( text: string ) => tokenCache
				.postWithToken( 'csrf', { action: 'edit', title: pageTitle, text: text, createonly: true, formatversion: 2 } )
				.then( ( response: { edit: { result: string } } ) => response.edit.result, ( error: { code: string } ) => error.code );
			return edit( 'First.' ).then( ( first: string ) => edit( 'Second.' ).then( ( second: string ) => [ first, second ] ) );
		}, title );
		await s.api.settled();

		expect( outcomes ).toEqual( [ 'Success', 'articleexists' ] );
		expect( s.api.withAction( 'edit' ) ).toHaveLength( 2 );
		expect( s.api.tokenRequests() ).toHaveLength( 0 );
		expect( await revisionsOf( wiki, title ) ).toHaveLength( 1 );
		// The failure cost no token: the page's csrf token is still the one served.
		expect( await s.page.evaluate( () => window.mw.libs.tokenCache.snapshot().find( ( entry: { type: string } ) => entry.type === 'csrf' ).source ) ).toBe( 'page' );
	} ) );

	test( 'hostile parameters are refused before any request: a __proto__ key, another format', () => inScenario( browser(), wiki, async ( s ) => {
		await s.login( USERS.alice );
		s.api.clear();
		const codes = await s.page.evaluate( () => {
			const tokenCache = window.mw.libs.tokenCache;
			const code = ( promise: Promise<unknown> ) => promise.then( () => 'sent', ( error: { code: string } ) => error.code );
			return Promise.all( [
				code( tokenCache.postWithToken( 'csrf', JSON.parse( '{"action":"edit","title":"X","__proto__":{"action":"delete"}}' ) ) ),
				code( tokenCache.postWithToken( 'csrf', { action: 'edit', title: 'X', format: 'xml' } ) ),
				code( tokenCache.postWithToken( 'csrf', null ) )
			] );
		} );
		await s.api.settled();
		expect( codes ).toEqual( [ 'badparams', 'badparams', 'badparams' ] );
		expect( s.api.calls ).toEqual( [] );
	} ) );
} );
