import { createError } from './errors';
import { ApiParams, ApiResponse, TokenCacheError } from './publicTypes';

/** A jQuery promise as `mw.Api` returns it: rejections carry several positional arguments. */
export interface JQueryLikePromise {
	then( done: ( result: ApiResponse ) => void, fail: ( code: unknown, data?: unknown ) => void ): unknown;
}

/** jQuery.ajax settings, as `mw.Api` takes them. */
export interface AjaxOptions {
	timeout: number;
}

/** The narrow part of `mw.Api` TokenCache uses. Tests replace it with a strict scripted fake. */
export interface ApiLike {
	get( params: ApiParams, ajaxOptions: AjaxOptions ): JQueryLikePromise;
	post( params: ApiParams, ajaxOptions: AjaxOptions ): JQueryLikePromise;
	badToken( type: string ): void;
	defaults?: { ajax?: { url?: string } };
}

export interface Transport {
	/** The API URL this transport talks to: the cache key for a wiki. */
	endpoint: string;
	get( params: ApiParams ): Promise<ApiResponse>;
	post( params: ApiParams ): Promise<ApiResponse>;
	/** Drop core `mw.Api`'s own cached token too, so core and TokenCache stay coherent. */
	badToken( type: string ): void;
}

export function createTransport( api: ApiLike, requestTimeoutMs: number ): Transport {
	// Without a bound, a server that never answers would hang every caller and every refresh: jQuery
	// aborts the request after this long and rejects with textStatus `timeout`.
	const ajaxOptions = { timeout: requestTimeoutMs };

	function send( request: JQueryLikePromise ): Promise<ApiResponse> {
		return new Promise( ( resolve, reject ) => {
			request.then( resolve, ( code, data ) => reject( toError( code, data ) ) );
		} );
	}

	return {
		endpoint: endpointOf( api ),
		get: ( params ) => send( api.get( params, ajaxOptions ) ),
		post: ( params ) => send( api.post( params, ajaxOptions ) ),
		badToken: ( type ) => api.badToken( type )
	};
}

/** Checks that a caller's value can serve as an `mw.Api` before any request depends on it. */
export function asApi( value: unknown ): ApiLike {
	const api = value as ApiLike | null;
	if ( !api || typeof api.get !== 'function' || typeof api.post !== 'function' || typeof api.badToken !== 'function' ) {
		throw createError( 'badparams', 'Not an mw.Api' );
	}
	return api;
}

/** The API URL of an `mw.Api` or `mw.ForeignApi`: what tokens are bound to, besides the session. */
export function endpointOf( api: ApiLike ): string {
	return ( api.defaults && api.defaults.ajax && api.defaults.ajax.url ) || '';
}

/** Turn core's positional rejection `(code, data)` into one error object. */
export function toError( code: unknown, data: unknown ): TokenCacheError {
	const answer = ( data || {} ) as {
		error?: { info?: string };
		errors?: { text?: string }[];
		xhr?: { status?: number };
		textStatus?: string;
	};
	if ( code === 'http' || code === 'ok-but-empty' || typeof code !== 'string' ) {
		// textStatus 'parsererror' means the server answered something other than JSON (an HTML error page).
		const status = answer.xhr && answer.xhr.status;
		const textStatus = answer.textStatus || String( code );
		return createError( 'http', textStatus + ' ' + ( status || '' ), { status: status, textStatus: textStatus } );
	}
	const info = answer.error ? answer.error.info : answer.errors && answer.errors[ 0 ] && answer.errors[ 0 ].text;
	return createError( code, info || code, data );
}
