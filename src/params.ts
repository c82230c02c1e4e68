import { createError } from './errors';
import { ApiParams } from './publicTypes';

/**
 * A private copy of the caller's parameters. Refuses what would change the request behind the caller's
 * back: a `__proto__` key (copying it would give the copy a prototype whose keys get serialized) and a
 * `format` other than JSON (the answer could not be read).
 */
export function copyParams( params: unknown ): ApiParams {
	// Plain objects only, also from another frame: a URLSearchParams, Map or array has no own keys to send.
	if ( Object.prototype.toString.call( params ) !== '[object Object]' ) {
		throw createError( 'badparams', 'Not a plain object' );
	}
	const copy: ApiParams = {};
	Object.keys( params as object ).forEach( ( key ) => {
		if ( key === '__proto__' ) {
			throw createError( 'badparams', '__proto__' );
		}
		copy[ key ] = ( params as ApiParams )[ key ];
	} );
	if ( copy.format !== undefined && copy.format !== 'json' ) {
		throw createError( 'badparams', 'format must be json' );
	}
	return copy;
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
