/**
 * Which requests a script sends to the wiki can write under the user's name: those that carry a `token`
 * or ask for one. On a page loaded logged in, such a request must assert the user, so that a lost session
 * fails (`assertuserfailed`) instead of handing out `+\` or saving an anonymous edit.
 */

/** Logging in and creating accounts is how a lost session is won back: never asserted. */
const AUTH_ACTIONS = [ 'login', 'clientlogin', 'createaccount', 'linkaccount' ];
/** Token types that are real for anonymous sessions too; asking only for them is no write. */
const ANONYMOUS_TYPES = [ 'login', 'createaccount' ];

/** A read-only view of a request's parameters, from a URL's query and its body together. */
export type ParamReader = ( name: string ) => string | null;

function asksForTokens( param: ParamReader ): boolean {
	const action = param( 'action' );
	const legacy = action === 'tokens';
	if ( !legacy && !( action === 'query' && ( param( 'meta' ) || '' ).split( '|' ).includes( 'tokens' ) ) ) {
		return false;
	}
	// Without `type`, both APIs answer the csrf (edit) token.
	const types = ( param( 'type' ) || 'csrf' ).split( '|' );
	return types.some( ( type ) => !ANONYMOUS_TYPES.includes( type ) );
}

/** Whether the request should get `assert=user&assertuser=<name>`: it writes, and chose no assertion of its own. */
export function needsAssertion( param: ParamReader ): boolean {
	if ( param( 'assert' ) || AUTH_ACTIONS.includes( param( 'action' ) || '' ) ) {
		return false;
	}
	return !!param( 'token' ) || asksForTokens( param );
}

/** The parameters to add, in order; `assertuser` only where the caller named no user of its own. */
export function assertionFor( param: ParamReader, userName: string ): [ string, string ][] {
	const pairs: [ string, string ][] = [ [ 'assert', 'user' ] ];
	if ( !param( 'assertuser' ) ) {
		pairs.push( [ 'assertuser', userName ] );
	}
	return pairs;
}

/** A reader over several sources; the first that has the parameter answers. */
export function readerOf( sources: ( URLSearchParams | FormData )[] ): ParamReader {
	return ( name ) => {
		for ( const source of sources ) {
			const value = source.get( name );
			if ( typeof value === 'string' ) {
				return value;
			}
		}
		return null;
	};
}
