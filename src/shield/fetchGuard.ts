import { assertionFor, needsAssertion, ParamReader, readerOf } from './writeRules';
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
	return isFormData( body ) ? copyOf( body ) : null;
}

function copyOf( data: FormData ): FormData {
	const copy = new FormData();
	data.forEach( ( value, name ) => copy.append( name, value ) );
	return copy;
}

/**
 * Wraps `fetch` so that a request to the wiki's API that writes asserts the user. The caller's body is
 * never changed: a copy with the pairs is sent. A `Request` object (its body is a stream) and bodies of
 * other kinds are sent as they are.
 */
export function guardFetch( fetch: Fetch, context: GuardContext, onAsserted: ( param: ParamReader, response: Promise<Response> ) => void ): Fetch {
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
		const sent = copy === null ?
			fetch.call( this, urlWithPairs( url, pairs ), init ) :
			fetch.call( this, url, withBody( init, copy, pairs ) );
		onAsserted( param, sent );
		return sent;
	};
}

/** The caller's request options with a copy of the body that carries the pairs. */
function withBody( init: RequestInit | undefined, copy: URLSearchParams | FormData, pairs: [ string, string ][] ): RequestInit {
	let body: string | FormData;
	if ( isFormData( copy ) ) {
		body = copyOf( copy );
		pairs.forEach( ( pair ) => ( body as FormData ).append( pair[ 0 ], pair[ 1 ] ) );
	} else {
		// Sent as a string, so the token stays last and the content type is the one a URLSearchParams gets.
		body = withPairs( copy.toString(), pairs );
	}
	const headers = new Headers( init && init.headers );
	if ( typeof body === 'string' && !headers.has( 'Content-Type' ) ) {
		headers.set( 'Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8' );
	}
	return Object.assign( {}, init, { body: body, headers: headers } );
}
