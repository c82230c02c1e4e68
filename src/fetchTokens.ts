import { createError } from './errors';
import { Transport } from './transport';

/** What one token request learned: the tokens it got, and whether the wiki withheld them. */
export interface FetchResult {
	tokens: Record<string, string>;
	/** Types the wiki refused to this user or origin, rather than did not know. */
	notAllowed: string[];
}

/**
 * Fetches several token types in one request. Unknown types simply have no key in the answer
 * (MediaWiki only warns); the caller turns that into `unknowntype`.
 */
export function createTokenFetcher( transport: Transport ): ( types: string[] ) => Promise<FetchResult> {
	return ( types ) => transport.get( { action: 'query', meta: 'tokens', type: types.join( '|' ), format: 'json', formatversion: 2 } )
		.then( ( result ) => {
			const query = result.query as { tokens?: Record<string, string> } | undefined;
			// No prototype: a type called `constructor` must find no token here.
			const tokens: Record<string, string> = Object.create( null );
			// apiwarn-tokens-origin: a cross-origin request without credentials gets no tokens at all.
			if ( /same-origin policy/.test( JSON.stringify( result.warnings || '' ) ) ) {
				return { tokens, notAllowed: types };
			}
			// Any other answer without tokens is broken; guessing at it could hand out a wrong token.
			if ( !query || !query.tokens ) {
				throw createError( 'http', 'No tokens', { status: 200, textStatus: 'notokens' } );
			}
			const answer = query.tokens;
			types.forEach( ( type ) => {
				if ( typeof answer[ type + 'token' ] === 'string' ) {
					tokens[ type ] = answer[ type + 'token' ];
				}
			} );
			return { tokens, notAllowed: [] };
		} );
}
