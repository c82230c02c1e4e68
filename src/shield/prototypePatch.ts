import { TokenMethods } from './coreMethods';

/**
 * The methods the shield replaces; core's getEditToken, postWithEditToken, edit, watch … call them.
 * `abort` also aborts the calls still waiting for TokenCache.
 */
const SHIELDED_METHODS: ( keyof TokenMethods )[] = [ 'abort', 'getToken', 'badToken', 'postWithToken' ];

type Prototype = Record<string, unknown>;

/** Whether `mw.Api.prototype` has what the shield replaces and calls (its `post`), as functions. */
export function hasCoreContract( prototype: unknown ): boolean {
	return !!prototype && SHIELDED_METHODS.concat( 'post' as keyof TokenMethods ).every(
		( name ) => typeof ( prototype as Prototype )[ name ] === 'function' );
}

/** Core's methods as they are on the prototype now. */
export function currentMethods( prototype: Prototype ): TokenMethods {
	const methods = {} as Record<string, unknown>;
	SHIELDED_METHODS.forEach( ( name ) => {
		methods[ name ] = prototype[ name ];
	} );
	return methods as unknown as TokenMethods;
}

/**
 * Puts `replacements` on the prototype and returns what puts back exactly what was there (the same
 * functions, own or inherited, with the same property attributes). A method someone replaced after
 * us is theirs, and is left alone.
 */
export function patchPrototype( prototype: Prototype, replacements: TokenMethods ): () => void {
	const saved = SHIELDED_METHODS.map( ( name ) => Object.getOwnPropertyDescriptor( prototype, name ) );
	SHIELDED_METHODS.forEach( ( name ) => {
		prototype[ name ] = replacements[ name ];
	} );
	return () => {
		SHIELDED_METHODS.forEach( ( name, i ) => {
			const descriptor = saved[ i ];
			if ( prototype[ name ] !== replacements[ name ] ) {
				return;
			}
			if ( descriptor ) {
				Object.defineProperty( prototype, name, descriptor );
			} else {
				delete prototype[ name ];
			}
		} );
	};
}
