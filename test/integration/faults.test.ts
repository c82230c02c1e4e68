// Faults a real wiki produces, on MediaWiki 1.39 and 1.43: an API error on a post is passed on with its
// own code, never retried and never costs the cached token; hostile parameters never reach the API.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from './support/wikiState.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

let browser: Browser;
beforeAll( async () => {
	browser = await launchBrowser();
} );
afterAll( async () => {
	await browser?.close();
} );

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'a maxlag answer is passed on as maxlag, sent once, and the token stays good for the next edit', () =>
		inScenario( browser, wiki, async ( s ) => {
			const title = `TokenCache maxlag ${ name }`;
			await s.login( USERS.alice );
			s.api.clear();
			// maxlag=-1 makes any MediaWiki answer as if its replicas lagged.
			const outcomes = await s.page.evaluate( ( pageTitle ) => {
				const tokenCache = window.mw.libs.tokenCache;
				const edit = ( extra: Record<string, unknown> ) => tokenCache
					.postWithToken( 'csrf', { action: 'edit', title: pageTitle, text: 'Saved.', formatversion: 2, ...extra } )
					.then( ( response: { edit: { result: string } } ) => response.edit.result, ( error: { code: string } ) => error.code );
				return edit( { maxlag: -1 } ).then( ( first: string ) => edit( {} ).then( ( second: string ) => [ first, second ] ) );
			}, title );
			await s.api.settled();

			expect( outcomes ).toEqual( [ 'maxlag', 'Success' ] );
			expect( s.api.withAction( 'edit' ) ).toHaveLength( 2 );
			expect( s.api.tokenRequests() ).toHaveLength( 0 );
			expect( await revisionsOf( wiki, title ) ).toHaveLength( 1 );
		} ) );

	test( 'hostile parameters are refused before any request: a __proto__ key, another format', () =>
		inScenario( browser, wiki, async ( s ) => {
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
