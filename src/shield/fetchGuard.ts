import { assertionFor, needsAssertion, readerOf } from './writeRules';
import { GuardContext, isFormData, queryOf, urlWithPairs, withPairs } from './ajaxGuard';

type Fetch = ( input: RequestInfo | URL, init?: RequestInit ) => Promise<Response>;

/** The body as parameters, a copy to send instead, or null for a body that cannot be read here. */
function readableBody( body: unknown ): URLSearchParams | FormData | null {
	if ( typeof body === 'string' ) {
		return new URLSearchParams( body );
	}
	if ( body instanceof URLSearchParams ) {
		return new URLSearchParams( body );
	}
	if ( isFormData( body ) ) {
		const copy = new FormData();
		body.forEach( ( value, name ) => copy.append( name, value ) );
		return copy;
	}
	return null;
}

/**
 * Wraps `fetch` so that a request to the wiki's API that writes asserts the user. The caller's body is
 * never changed: a copy with the pairs is sent. A `Request` object (its body is a stream) and bodies of
 * other kinds are sent as they are.
 */
export function guardFetch( fetch: Fetch, context: GuardContext, onAsserted: () => void ): Fetch {
	return function ( this: unknown, input, init ) {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
		const body = init && init.body;
		const copy = body === undefined || body === null ? null : readableBody( body );
		if ( url === null || !context.isOwnApi( url ) || ( copy === null && body !== undefined && body !== null ) ) {
			return fetch.call( this, input, init );
		}
		const param = readerOf( copy ? [ queryOf( url ), copy ] : [ queryOf( url ) ] );
		if ( !needsAssertion( param ) ) {
			return fetch.call( this, input, init );
		}
		const pairs = assertionFor( param, context.userName );
		onAsserted();
		if ( copy === null ) {
			return fetch.call( this, urlWithPairs( url, pairs ), init );
		}
		let sent: string | FormData;
		if ( isFormData( copy ) ) {
			pairs.forEach( ( pair ) => copy.append( pair[ 0 ], pair[ 1 ] ) );
			sent = copy;
		} else {
			// Sent as a string, so the token stays last and the content type is the one a URLSearchParams gets.
			sent = withPairs( copy.toString(), pairs );
		}
		const headers = new Headers( init && init.headers );
		if ( typeof sent === 'string' && !headers.has( 'Content-Type' ) ) {
			headers.set( 'Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8' );
		}
		return fetch.call( this, url, Object.assign( {}, init, { body: sent, headers: headers } ) );
	};
}
