import { describe, expect, it } from 'vitest';
import { guardFetch } from '../../../src/shield/fetchGuard';

const API = 'http://wiki.test/w/api.php';

function recordingFetch() {
	const calls: { input: unknown; init?: RequestInit }[] = [];
	const fetch = ( input: RequestInfo | URL, init?: RequestInit ): Promise<Response> => {
		calls.push( { input, init } );
		return Promise.resolve( new Response( '{}' ) );
	};
	let asserted = 0;
	const guarded = guardFetch( fetch, { userName: 'Alice', isOwnApi: ( url ) => url.split( '?' )[ 0 ] === API }, ( param ) => {
		expect( param( 'assert' ) ).toBeNull();
		asserted++;
	} );
	return { calls, guarded, asserted: () => asserted };
}

describe( 'the fetch guard', () => {
	it( 'sends a copy of a URLSearchParams body with the assertion before the token, and leaves the caller\'s alone', async () => {
		const { calls, guarded, asserted } = recordingFetch();
		const body = new URLSearchParams( { action: 'edit', title: 'A', text: 'x', token: 't+\\' } );
		await guarded( API, { method: 'POST', body: body, credentials: 'same-origin' } );
		expect( calls ).toHaveLength( 1 );
		const init = calls[ 0 ].init as RequestInit;
		expect( init.body ).toBe( 'action=edit&title=A&text=x&assert=user&assertuser=Alice&token=t%2B%5C' );
		expect( new Headers( init.headers ).get( 'Content-Type' ) ).toBe( 'application/x-www-form-urlencoded;charset=UTF-8' );
		expect( init.credentials ).toBe( 'same-origin' );
		expect( body.has( 'assert' ) ).toBe( false );
		expect( asserted() ).toBe( 1 );
	} );

	it( 'keeps the caller\'s headers on a string body', async () => {
		const { calls, guarded } = recordingFetch();
		await guarded( API, { method: 'POST', body: 'action=watch&titles=A&token=t', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Api-User-Agent': 'X' } } );
		const headers = new Headers( ( calls[ 0 ].init as RequestInit ).headers );
		expect( headers.get( 'Api-User-Agent' ) ).toBe( 'X' );
		expect( headers.get( 'Content-Type' ) ).toBe( 'application/x-www-form-urlencoded' );
		expect( ( calls[ 0 ].init as RequestInit ).body ).toBe( 'action=watch&titles=A&assert=user&assertuser=Alice&token=t' );
	} );

	it( 'copies a FormData body and adds the pairs to the copy', async () => {
		const { calls, guarded } = recordingFetch();
		const body = new FormData();
		body.append( 'action', 'upload' );
		body.append( 'token', 't' );
		await guarded( API, { method: 'POST', body: body } );
		const sent = ( calls[ 0 ].init as RequestInit ).body as FormData;
		expect( sent ).not.toBe( body );
		expect( sent.get( 'assertuser' ) ).toBe( 'Alice' );
		expect( body.has( 'assert' ) ).toBe( false );
	} );

	it( 'adds the assertion to the URL of a token request sent as a GET', async () => {
		const { calls, guarded } = recordingFetch();
		await guarded( new URL( API + '?action=query&meta=tokens&format=json' ) );
		expect( calls[ 0 ].input ).toBe( API + '?action=query&meta=tokens&format=json&assert=user&assertuser=Alice' );
	} );

	it( 'passes everything else on untouched, as the very same arguments', async () => {
		const { calls, guarded, asserted } = recordingFetch();
		const request = new Request( API, { method: 'POST', body: 'action=edit&token=t' } );
		const cases: [ RequestInfo | URL, RequestInit | undefined ][] = [
			[ 'http://other.test/w/api.php', { method: 'POST', body: 'action=edit&token=t' } ],
			[ API + '?action=query&prop=info', undefined ],
			[ API, { method: 'POST', body: 'action=edit&token=t&assert=user' } ],
			[ API, { method: 'POST', body: new Blob( [ 'action=edit&token=t' ] ) } ],
			[ request, undefined ]
		];
		for ( const [ input, init ] of cases ) {
			await guarded( input, init );
		}
		expect( calls.map( ( call ) => [ call.input, call.init ] ) ).toEqual( cases );
		calls.forEach( ( call, i ) => {
			expect( call.input ).toBe( cases[ i ][ 0 ] );
			expect( call.init ).toBe( cases[ i ][ 1 ] );
		} );
		expect( asserted() ).toBe( 0 );
	} );
} );
