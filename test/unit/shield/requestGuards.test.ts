import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { installRequestGuards } from '../../../src/shield/requestGuards';

const API = 'http://wiki.test/w/api.php';
type Prefilter = ( settings: { url?: string; data?: unknown }, original: unknown, jqXHR: { done( cb: ( data: unknown ) => void ): unknown } ) => void;

function setUp( answer: unknown ) {
	const dom = new JSDOM( '<!DOCTYPE html><body></body>', { url: 'http://wiki.test/wiki/A' } );
	const window = dom.window as unknown as Window & typeof globalThis;
	const sent: unknown[] = [];
	const originalFetch = ( input: RequestInfo | URL, init?: RequestInit ): Promise<Response> => {
		sent.push( [ input, init ] );
		return Promise.resolve( new Response( JSON.stringify( answer ) ) );
	};
	window.fetch = originalFetch;
	const prefilters: Prefilter[] = [];
	const refused: string[] = [];
	let blocked = 0;
	const guards = installRequestGuards( {
		window,
		userName: 'Alice',
		isOwnApi: ( url ) => new URL( url, window.location.href ).href.split( '?' )[ 0 ] === API,
		isOwnWiki: ( url ) => new URL( url, window.location.href ).origin === window.location.origin,
		ajaxPrefilter: ( prefilter ) => prefilters.push( prefilter as Prefilter ),
		onFormBlocked: () => {
			blocked++;
		},
		onBadToken: ( token ) => refused.push( token )
	} );
	/** Runs one jQuery request through the prefilter; the answer arrives at once. */
	const ajax = ( settings: { url: string; data?: unknown } ) => {
		prefilters.forEach( ( prefilter ) => prefilter( settings, {}, { done: ( cb ) => cb( answer ) } ) );
		return settings;
	};
	return { window, guards, ajax, sent, refused, originalFetch, blocked: () => blocked };
}

describe( 'the request guards together', () => {
	it( 'count what they asserted per way of writing, and report a badtoken answer with the refused token', async () => {
		const { window, guards, ajax, refused } = setUp( { error: { code: 'badtoken' } } );
		ajax( { url: API, data: 'action=edit&title=A&token=old%2B%5C' } );
		ajax( { url: API, data: 'action=query&prop=info' } );
		await window.fetch( API, { method: 'POST', body: new URLSearchParams( { action: 'watch', token: 'older+\\' } ) } );
		await new Promise( ( resolve ) => setTimeout( resolve, 0 ) );
		expect( guards.counts ).toEqual( { ajax: 1, fetch: 1, forms: 0 } );
		expect( refused ).toEqual( [ 'old+\\', 'older+\\' ] );
	} );

	it( 'report nothing for answers other than badtoken', async () => {
		const { window, ajax, refused } = setUp( { edit: { result: 'Success' } } );
		ajax( { url: API, data: 'action=edit&title=A&token=t' } );
		await window.fetch( API, { method: 'POST', body: 'action=edit&token=t' } );
		await new Promise( ( resolve ) => setTimeout( resolve, 0 ) );
		expect( refused ).toEqual( [] );
	} );

	it( 'once removed, restore fetch and let every request through untouched', async () => {
		const { window, guards, ajax, sent, refused, originalFetch } = setUp( { error: { code: 'badtoken' } } );
		guards.remove();
		expect( window.fetch ).toBe( originalFetch );
		const settings = ajax( { url: API, data: 'action=edit&title=A&token=t' } );
		expect( settings.data ).toBe( 'action=edit&title=A&token=t' );
		const init = { method: 'POST', body: 'action=edit&token=t' };
		await window.fetch( API, init );
		expect( sent ).toEqual( [ [ API, init ] ] );
		expect( guards.counts ).toEqual( { ajax: 0, fetch: 0, forms: 0 } );
		expect( refused ).toEqual( [] );
	} );

	it( 'leave a fetch wrapper that another script put on top in place, and inert underneath', async () => {
		const { window, guards, sent } = setUp( {} );
		const ours = window.fetch;
		const theirs = ( input: RequestInfo | URL, init?: RequestInit ) => ours( input, init );
		window.fetch = theirs;
		guards.remove();
		expect( window.fetch ).toBe( theirs );
		await window.fetch( API, { method: 'POST', body: 'action=edit&token=t' } );
		expect( ( sent[ 0 ] as [ string, RequestInit ] )[ 1 ].body ).toBe( 'action=edit&token=t' );
	} );
} );
