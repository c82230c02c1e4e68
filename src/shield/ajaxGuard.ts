import { assertionFor, needsAssertion, ParamReader, readerOf } from './writeRules';

/** What the request guards need to know of the page. */
export interface GuardContext {
	/** Whether a URL, as a script wrote it, is the page's own `api.php`. */
	isOwnApi( url: string ): boolean;
	/** The user the page was loaded for. */
	userName: string;
}

/** The parameters of a URL's query string (none when it has no `?`). */
export function queryOf( url: string ): URLSearchParams {
	const start = url.indexOf( '?' );
	const end = url.indexOf( '#' );
	return new URLSearchParams( start < 0 ? '' : url.slice( start + 1, end < 0 ? undefined : end ) );
}

/** `a=1&b=2` with the pairs added before the `token` pair, which MediaWiki wants last in a body. */
export function withPairs( encoded: string, pairs: [ string, string ][] ): string {
	const parts = encoded ? encoded.split( '&' ) : [];
	const added = pairs.map( ( pair ) => pair[ 0 ] + '=' + encodeURIComponent( pair[ 1 ] ) );
	let at = parts.length;
	parts.forEach( ( part, i ) => {
		if ( part.indexOf( 'token=' ) === 0 ) {
			at = i;
		}
	} );
	return parts.slice( 0, at ).concat( added, parts.slice( at ) ).join( '&' );
}

/** A URL with the pairs added to its query string, before any `#`. */
export function urlWithPairs( url: string, pairs: [ string, string ][] ): string {
	const hash = url.indexOf( '#' );
	const base = hash < 0 ? url : url.slice( 0, hash );
	const separator = !base.includes( '?' ) ? '?' : ( /[?&]$/.test( base ) ? '' : '&' );
	return base + separator + withPairs( '', pairs ) + ( hash < 0 ? '' : url.slice( hash ) );
}

export function isFormData( value: unknown ): value is FormData {
	return typeof FormData === 'function' && value instanceof FormData;
}

interface AjaxSettings {
	url?: string;
	data?: unknown;
}

/**
 * For a jQuery prefilter (which sees `data` already encoded as a string, before jQuery moves it into the
 * URL of a GET): adds the assertion to a request to the wiki's API that writes. Returns the request's
 * parameters where it did, null where it left the request alone. Bodies it cannot read (a Blob, an object
 * with processData off) are left as they are.
 */
export function assertInAjax( settings: AjaxSettings, context: GuardContext ): ParamReader | null {
	const url = settings.url || '';
	const data = settings.data;
	if ( !context.isOwnApi( url ) ) {
		return null;
	}
	let body: URLSearchParams | FormData | null = null;
	if ( typeof data === 'string' ) {
		body = new URLSearchParams( data );
	} else if ( isFormData( data ) ) {
		body = data;
	} else if ( data !== undefined && data !== null ) {
		return null;
	}
	const param: ParamReader = readerOf( body ? [ queryOf( url ), body ] : [ queryOf( url ) ] );
	if ( !needsAssertion( param ) ) {
		return null;
	}
	const pairs = assertionFor( param, context.userName );
	if ( typeof data === 'string' ) {
		settings.data = withPairs( data, pairs );
	} else if ( isFormData( data ) ) {
		// An upload's FormData is the caller's own object; jQuery sends it as it is, so it gets the pairs.
		pairs.forEach( ( pair ) => data.append( pair[ 0 ], pair[ 1 ] ) );
	} else {
		settings.url = urlWithPairs( url, pairs );
	}
	return param;
}
