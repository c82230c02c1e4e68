import { TokenCacheError } from '../publicTypes';

/** A failed post as TokenCache reads it (`code`, `info`, `data`), keeping core's own arguments for the caller. */
export interface CoreRejection extends TokenCacheError {
	coreArgs: unknown[];
}

/**
 * Core rejects `( code, result, result, jqXHR )` for API errors and `( 'http', { xhr, textStatus,
 * exception } )` otherwise; newer cores reject an aborted signal with `( reason, reason )`.
 */
export function errorFromCore( args: unknown[] ): CoreRejection {
	const code = typeof args[ 0 ] === 'string' ? args[ 0 ] : 'http';
	const result = ( args[ 1 ] || {} ) as { error?: { info?: string }; errors?: { text?: string }[] };
	const info = ( result.error && result.error.info ) || ( result.errors && result.errors[ 0 ] && result.errors[ 0 ].text ) || code;
	const error = new Error( code + ': ' + info ) as CoreRejection;
	error.name = 'TokenCacheError';
	error.code = code;
	error.info = info;
	error.data = args[ 1 ];
	error.coreArgs = args;
	return error;
}

/** TokenCache's refusals of a type name: core's code for a token the API does not hand out. */
const TOKEN_MISSING = [ 'unknowntype', 'badtype', 'notallowed' ];

/**
 * What core would reject with for an error of TokenCache's own (a token request, an abort, a lost
 * session): core's code and shape where core has one, otherwise `( code, { error: { code, info } } )`.
 * `abortReason` is the caller's signal's reason, when its signal aborted.
 */
export function coreArguments( error: unknown, abortReason?: unknown ): unknown[] {
	const own = ( error || {} ) as Partial<CoreRejection>;
	if ( own.coreArgs ) {
		return own.coreArgs;
	}
	const code = String( own.code || 'unknown' );
	if ( code === 'aborted' ) {
		return abortReason !== undefined ? [ abortReason, abortReason ] : [ 'http', { textStatus: 'abort', exception: 'abort' } ];
	}
	if ( code === 'http' ) {
		// TokenCache's own requests keep no jqXHR: its status is all there is to tell.
		const data = ( own.data || {} ) as { status?: number; textStatus?: string };
		return [ 'http', { xhr: { status: data.status || 0 }, textStatus: data.textStatus, exception: data.textStatus } ];
	}
	return [ TOKEN_MISSING.includes( code ) ? 'token-missing' : code, { error: { code: code, info: own.info } } ];
}
