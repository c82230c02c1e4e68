import { describe, expect, it } from 'vitest';
import { assertionFor, needsAssertion, readerOf } from '../../../src/shield/writeRules';

const reader = ( query: string ) => readerOf( [ new URLSearchParams( query ) ] );

describe( 'which requests must assert the user', () => {
	it.each( [
		[ 'an edit with a token', 'action=edit&title=A&text=x&token=abc%2B%5C' ],
		[ 'a rollback with a token', 'action=rollback&title=A&user=B&token=abc' ],
		[ 'a csrf token request', 'action=query&meta=tokens&type=csrf' ],
		[ 'a token request without type (csrf)', 'action=query&meta=tokens' ],
		[ 'a token request beside other meta modules', 'action=query&meta=siteinfo|tokens&type=watch' ],
		[ 'a token request mixing login and csrf', 'action=query&meta=tokens&type=login|csrf' ],
		[ 'the legacy token module', 'action=tokens&type=edit' ]
	] )( '%s', ( _name, query ) => {
		expect( needsAssertion( reader( query ) ) ).toBe( true );
	} );

	it.each( [
		[ 'a read', 'action=query&prop=info&titles=A' ],
		[ 'a request that chose its own assertion', 'action=edit&title=A&token=abc&assert=bot' ],
		[ 'a login, which wins a lost session back', 'action=login&lgname=A&lgpassword=p&lgtoken=abc' ],
		[ 'a clientlogin with a token', 'action=clientlogin&username=A&logintoken=abc&token=abc' ],
		[ 'an account creation', 'action=createaccount&createtoken=abc&token=abc' ],
		[ 'a login token request', 'action=query&meta=tokens&type=login' ],
		[ 'an account-creation token request', 'action=query&meta=tokens&type=createaccount|login' ],
		[ 'an empty token', 'action=edit&title=A&token=' ]
	] )( 'not %s', ( _name, query ) => {
		expect( needsAssertion( reader( query ) ) ).toBe( false );
	} );

	it( 'adds assertuser only where the caller named no user', () => {
		expect( assertionFor( reader( 'token=a' ), 'Alice' ) ).toEqual( [ [ 'assert', 'user' ], [ 'assertuser', 'Alice' ] ] );
		expect( assertionFor( reader( 'token=a&assertuser=Bob' ), 'Alice' ) ).toEqual( [ [ 'assert', 'user' ] ] );
	} );

	it( 'reads the query first, then the body', () => {
		const read = readerOf( [ new URLSearchParams( 'action=edit' ), new URLSearchParams( 'action=query&token=t' ) ] );
		expect( read( 'action' ) ).toBe( 'edit' );
		expect( read( 'token' ) ).toBe( 't' );
		expect( read( 'missing' ) ).toBeNull();
	} );
} );
