// Faults real servers produce, on MediaWiki 1.39 and 1.43: an API error on a post is passed on with its
// own code, never retried and never costs the cached token; a read-only wiki refuses the edit once and
// takes the next; a closed port, an HTML page and a 404 reject with http and are not cached; hostile
// parameters never reach the API. (Faults a local server cannot produce on demand, such as HTTP 503,
// maxlag or a hung server, are covered by the unit tests in test/unit/faults.test.ts.)
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findFreePort } from '../../scripts/lib/process.mjs';
import { recordApi } from '../support/browser/apiRecorder.js';
import { useBrowser } from './support/useBrowser.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from '../support/wiki/wikiState.js';
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

	test( 'a read-only wiki refuses the edit with readonly, sent once and not retried; the same token saves once it is writable again', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache read-only ${ name }`;
		// MediaWiki's default $wgReadOnlyFile: while it exists, the wiki is read-only with its text as the reason.
		const lock = path.join( wiki.dir, 'images', 'lock_yBgMBwiR' );
		await s.login( USERS.alice );
		s.api.clear();
		const edit = (): Promise<string> => s.page.evaluate( ( pageTitle ) => window.mw.libs.tokenCache
			.postWithToken( 'csrf', { action: 'edit', title: pageTitle, text: 'Saved when writable.', formatversion: 2 } )
			.then( ( response: { edit: { result: string } } ) => response.edit.result, ( error: { code: string } ) => error.code ), title );
		await writeFile( lock, 'Maintenance for a test.' );
		let whileLocked: string;
		try {
			whileLocked = await edit();
		} finally {
			await rm( lock, { force: true } );
		}
		const afterwards = await edit();
		await s.api.settled();

		expect( [ whileLocked, afterwards ] ).toEqual( [ 'readonly', 'Success' ] );
		const edits = s.api.withAction( 'edit' );
		expect( edits ).toHaveLength( 2 );
		expect( edits[ 1 ].body.token ).toBe( edits[ 0 ].body.token );
		expect( s.api.tokenRequests() ).toHaveLength( 0 );
		expect( await revisionsOf( wiki, title ) ).toHaveLength( 1 );
	} ) );

	test( 'a closed port, an HTML page and a 404 reject with http, cache nothing, and the next call asks again', () => inScenario( browser(), wiki, async ( s ) => {
		await s.login( USERS.alice );
		const endpoints = [
			`http://127.0.0.1:${ await findFreePort() }/api.php`,
			// A static page of the wiki's code, answered with 200 whatever the query.
			`${ wiki.url }/extensions/VisualEditor/lib/ve/demos/ve/minimal.html`,
			`${ wiki.url }/no-such-api.php`
		];
		const recorders = endpoints.map( ( apiUrl ) => recordApi( s.page, { url: wiki.url, apiUrl } ) );
		const outcomes = await s.page.evaluate( ( urls ) => Promise.all( urls.map( ( url ) => {
			const other = window.mw.libs.tokenCache.forApi( new window.mw.Api( { ajax: { url } } ) );
			const ask = (): Promise<string> => other.getToken( 'rollback' ).then( () => 'a token',
				( error: { code: string; data: { status: number; textStatus: string } } ) => `${ error.code } ${ error.data.textStatus } ${ error.data.status }` );
			return ask().then( ( first: string ) => ask().then( ( second: string ) => [ first, second, other.snapshot().length ] ) );
		} ) ), endpoints );
		for ( const recorder of recorders ) {
			await recorder.settled();
		}

		console.log( `TokenCache, transport faults on ${ name }: ${ JSON.stringify( outcomes ) }` );
		expect( outcomes ).toEqual( [
			[ 'http error 0', 'http error 0', 0 ],
			[ 'http parsererror 200', 'http parsererror 200', 0 ],
			[ 'http error 404', 'http error 404', 0 ]
		] );
		expect( recorders.map( ( recorder ) => recorder.calls.length ) ).toEqual( [ 2, 2, 2 ] );
		expect( recorders[ 0 ].calls.map( ( call ) => Boolean( call.failure ) ) ).toEqual( [ true, true ] );
		// The browser itself logs each failed load; nothing else may appear.
	}, { expectedConsoleErrors: [ /^Failed to load resource: (net::ERR_CONNECTION_REFUSED|the server responded with a status of 404)/ ] } ) );

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
