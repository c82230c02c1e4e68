import { ErrorCode, TokenCacheError } from './publicTypes';

/**
 * The one error shape TokenCache rejects with: a plain `Error` with extra fields rather than a
 * subclass, because lowering `class … extends Error` to ES5 costs more bytes than it is worth.
 */
export function createError( code: ErrorCode, info: string, data?: unknown ): TokenCacheError {
	const error = new Error( code + ': ' + info ) as TokenCacheError;
	error.name = 'TokenCacheError';
	error.code = code;
	error.info = info;
	if ( data !== undefined ) {
		error.data = data;
	}
	return error;
}

export function hasCode( value: unknown, code: ErrorCode ): boolean {
	return !!value && ( value as TokenCacheError ).code === code;
}
