import { createError } from './errors';
import { ApiParams, ApiResponse, TokenCacheError } from './publicTypes';

/** A jQuery promise as `mw.Api` returns it: rejections carry several positional arguments. */
export interface JQueryLikePromise {
	then( done: ( result: ApiResponse ) => void, fail: ( code: unknown, data?: unknown ) => void ): unknown;
	abort?: () => void;
}

/** The narrow part of `mw.Api` TokenCache uses. Tests replace it with a strict scripted fake. */
export interface ApiLike {
	get( params: ApiParams ): JQueryLikePromise;
	post( params: ApiParams ): JQueryLikePromise;
	badToken( type: string ): void;
	defaults?: { ajax?: { url?: string } };
}

export interface Transport {
	/** The API URL this transport talks to: the cache key for a wiki. */
	endpoint: string;
	get( params: ApiParams ): Promise<ApiResponse>;
	post( params: ApiParams, signal?: AbortSignal ): Promise<ApiResponse>;
	/** Drop core `mw.Api`'s own cached token too, so core and TokenCache stay coherent. */
	badToken( type: string ): void;
}

export function createTransport( api: ApiLike, requestTimeoutMs: number ): Transport {
	function send( request: JQueryLikePromise, signal?: AbortSignal ): Promise<ApiResponse> {
		return new Promise( ( resolve, reject ) => {
			function stop( error: TokenCacheError ): void {
				reject( error );
				if ( request.abort ) {
					request.abort();
				}
			}
			// Without a bound, a server that never answers would hang every caller and every refresh.
			const timer = setTimeout( () => {
				stop( createError( 'http', 'timeout', { textStatus: 'timeout' } ) );
			}, requestTimeoutMs );
			const onAbort = (): void => stop( abortError() );
			if ( signal ) {
				signal.addEventListener( 'abort', onAbort );
			}
			function settle(): void {
				clearTimeout( timer );
				if ( signal ) {
					signal.removeEventListener( 'abort', onAbort );
				}
			}
			request.then( ( result ) => {
				settle();
				resolve( result );
			}, ( code, data ) => {
				settle();
				reject( toError( code, data ) );
			} );
		} );
	}

	return {
		endpoint: endpointOf( api ),
		get: ( params ) => send( api.get( params ) ),
		post: ( params, signal ) => send( api.post( params ), signal ),
		badToken: ( type ) => api.badToken( type )
	};
}

/** The API URL of an `mw.Api` or `mw.ForeignApi`: what tokens are bound to, besides the session. */
export function endpointOf( api: ApiLike ): string {
	return ( api.defaults && api.defaults.ajax && api.defaults.ajax.url ) || '';
}

export function abortError(): TokenCacheError {
	return createError( 'aborted', 'Aborted' );
}

/** Turn core's positional rejection `(code, data)` into one error object. */
export function toError( code: unknown, data: unknown ): TokenCacheError {
	if ( code === 'http' || code === 'ok-but-empty' || typeof code !== 'string' ) {
		const details = ( data && typeof data === 'object' ? data : {} ) as { xhr?: { status?: number }; textStatus?: string };
		const status = details.xhr && details.xhr.status;
		const textStatus = details.textStatus || String( code );
		// textStatus 'parsererror' means the server answered something other than JSON (an HTML error page).
		return createError( 'http', textStatus + ' ' + ( status || '' ), { status: status, textStatus: textStatus } );
	}
	return createError( code, apiErrorInfo( data ) || code, data );
}

function apiErrorInfo( data: unknown ): string | undefined {
	const result = data as { error?: { info?: string }; errors?: Array<{ text?: string; html?: string }> } | null;
	if ( !result || typeof result !== 'object' ) {
		return undefined;
	}
	if ( result.error ) {
		return result.error.info;
	}
	return result.errors && result.errors[ 0 ] && ( result.errors[ 0 ].text || result.errors[ 0 ].html );
}
