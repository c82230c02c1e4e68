import { createError } from './errors';
import { ApiParams, ApiResponse } from './publicTypes';

function badParams( info: string ): Error {
	return createError( 'badparams', info );
}

/** Reads what the caller handed over: a getter or proxy that throws must not reach the caller as if from us. */
function readSafely<T>( read: () => T ): T {
	try {
		return read();
	} catch ( error ) {
		throw badParams( 'Unreadable: ' + ( error && ( error as Error ).name ) );
	}
}

/**
 * A private copy of the caller's parameters. Refuses what would change the request behind the caller's
 * back: a `__proto__` key (copying it would give the copy a prototype whose keys get serialized), a
 * `format` other than JSON (the answer could not be read), and values that cannot even be read.
 */
export function copyParams( params: unknown ): ApiParams {
	// Plain objects only, also from another frame: a URLSearchParams, Map or array has no own keys to send.
	if ( Object.prototype.toString.call( params ) !== '[object Object]' ) {
		throw badParams( 'Not a plain object' );
	}
	const copy: ApiParams = {};
	const keys = readSafely( () => Object.keys( params as object ) );
	keys.forEach( ( key ) => {
		copy[ key ] = readSafely( () => ( params as ApiParams )[ key ] );
	} );
	if ( keys.includes( '__proto__' ) || ( copy.format !== undefined && copy.format !== 'json' ) ) {
		throw badParams( '__proto__ or format' );
	}
	return copy;
}

/** The request options, read once: `{ signal, send }`, each checked before anything is sent. */
export interface CallerOptions {
	signal?: AbortSignal;
	send?: ( body: ApiParams ) => PromiseLike<ApiResponse>;
}

/**
 * Reads and checks a caller's options. An AbortController passed as `signal` (a common slip) would
 * otherwise fail only once its request is out, after the post was sent.
 */
export function readOptions( options: unknown ): CallerOptions {
	// Own values only, each read once: a getter that changes its answer cannot pass the check and then differ.
	const read: CallerOptions = readSafely( () => Object.assign( {}, options ) );
	const signal = read.signal;
	if ( ( signal !== undefined && !( signal && typeof signal.aborted === 'boolean' && signal.addEventListener ) ) ||
		( read.send !== undefined && typeof read.send !== 'function' ) ) {
		throw badParams( 'Bad options' );
	}
	return read;
}

export function hasOwn( object: object, key: string ): boolean {
	return Object.prototype.hasOwnProperty.call( object, key );
}

/**
 * Whether the caller set a parameter. mw.Api drops undefined, null and false, and an empty string
 * asks for nothing, so none of those counts as set.
 */
export function isGiven( params: ApiParams, name: string ): boolean {
	const value = params[ name ];
	return hasOwn( params, name ) && value !== undefined && value !== null && value !== false && value !== '';
}
