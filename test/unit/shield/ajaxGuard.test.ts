import { describe, expect, it } from 'vitest';
import { assertInAjax, GuardContext, urlWithPairs, withPairs } from '../../../src/shield/ajaxGuard';

const API = 'http://wiki.test/w/api.php';
const context: GuardContext = {
	userName: 'Alice Doe',
	isOwnApi: ( url ) => new URL( url, 'http://wiki.test/wiki/Main' ).href.split( '?' )[ 0 ] === API
};

describe( 'the jQuery guard', () => {
	it( 'adds the assertion to a POST body, before the token, which stays last', () => {
		const settings = { url: '/w/api.php', data: 'action=edit&title=A&text=x&token=abc%2B%5C' };
		expect( assertInAjax( settings, context ) ).not.toBeNull();
		expect( settings.data ).toBe( 'action=edit&title=A&text=x&assert=user&assertuser=Alice%20Doe&token=abc%2B%5C' );
		expect( new URLSearchParams( settings.data ).get( 'assertuser' ) ).toBe( 'Alice Doe' );
	} );

	it( 'adds it to the data of a GET token request, which jQuery moves into the URL', () => {
		const settings = { url: API, data: 'action=query&meta=tokens&type=csrf&format=json' };
		expect( assertInAjax( settings, context ) ).not.toBeNull();
		expect( settings.data ).toBe( 'action=query&meta=tokens&type=csrf&format=json&assert=user&assertuser=Alice%20Doe' );
	} );

	it( 'adds it to the URL when everything is in the URL', () => {
		const settings = { url: '/w/api.php?action=query&meta=tokens&format=json#x' };
		expect( assertInAjax( settings, context ) ).not.toBeNull();
		expect( settings.url ).toBe( '/w/api.php?action=query&meta=tokens&format=json&assert=user&assertuser=Alice%20Doe#x' );
	} );

	it( 'appends to an upload\'s FormData', () => {
		const data = new FormData();
		data.append( 'action', 'upload' );
		data.append( 'token', 'abc' );
		expect( assertInAjax( { url: API, data: data }, context ) ).not.toBeNull();
		expect( data.get( 'assert' ) ).toBe( 'user' );
		expect( data.get( 'assertuser' ) ).toBe( 'Alice Doe' );
	} );

	it( 'leaves other wikis, reads, own assertions and unreadable bodies exactly as they are', () => {
		const cases = [
			{ url: 'http://other.test/w/api.php', data: 'action=edit&token=abc' },
			{ url: API, data: 'action=query&prop=info&titles=A' },
			{ url: API, data: 'action=edit&token=abc&assert=anon' },
			{ url: API, data: { action: 'edit', token: 'abc' } },
			{ url: '/w/index.php', data: 'action=submit&wpEditToken=abc' }
		];
		const before = JSON.stringify( cases );
		cases.forEach( ( settings ) => expect( assertInAjax( settings, context ) ).toBeNull() );
		expect( JSON.stringify( cases ) ).toBe( before );
	} );

	it( 'builds query strings that keep what was there', () => {
		expect( withPairs( '', [ [ 'a', '1' ] ] ) ).toBe( 'a=1' );
		expect( urlWithPairs( '/w/api.php', [ [ 'a', 'b c' ] ] ) ).toBe( '/w/api.php?a=b%20c' );
		expect( urlWithPairs( '/w/api.php?', [ [ 'a', '1' ] ] ) ).toBe( '/w/api.php?a=1' );
	} );
} );
