import { createError } from './errors';
import { ApiResponse } from './publicTypes';
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
	// Learned from the first answer: wikis older than 1.24 have no meta=tokens.
	let legacy = false;

	function modern( types: string[] ): Promise<FetchResult> {
		return transport.get( { action: 'query', meta: 'tokens', type: types.join( '|' ), format: 'json', formatversion: 2 } )
			.then( ( result ) => {
				const query = result.query as { tokens?: Record<string, string> } | undefined;
				// apiwarn-tokens-origin: a cross-origin request without credentials gets no tokens at all.
				if ( /same-origin policy/.test( warningText( result ) ) ) {
					return { tokens: Object.create( null ), notAllowed: types };
				}
				if ( !query || !query.tokens ) {
					// Only a wiki that does not know meta=tokens falls back, and then for good; any other
					// answer without tokens is broken, and guessing at it could hand out a wrong token.
					if ( !/Unrecognized value for parameter .meta.: tokens/.test( warningText( result ) ) ) {
						throw createError( 'http', 'An answer without tokens', { status: 200, textStatus: 'notokens' } );
					}
					legacy = true;
					return old( types );
				}
				return { tokens: byType( query.tokens, types, types ), notAllowed: [] };
			} );
	}

	// The action=tokens API of MediaWiki 1.20–1.23: csrf was called `edit`, answers are keyed `edittoken`.
	function old( types: string[] ): Promise<FetchResult> {
		const oldNames = types.map( ( type ) => type === 'csrf' ? 'edit' : type );
		return transport.get( { action: 'tokens', type: oldNames.join( '|' ), format: 'json' } ).then( ( result ) => {
			const text = warningText( result );
			return {
				tokens: byType( ( result.tokens || {} ) as Record<string, string>, oldNames, types ),
				// apiwarn-tokennotallowed, in the plain text those versions answer.
				notAllowed: types.filter( ( _type, i ) => text.includes( "Action '" + oldNames[ i ] + "' is not allowed" ) )
			};
		} );
	}

	return ( types ) => legacy ? old( types ) : modern( types );
}

/** Picks `<name>token` keys out of an answer, keyed by our type names. */
function byType( answer: Record<string, string>, names: string[], types: string[] ): Record<string, string> {
	// No prototype: a type called `constructor` must find no token here.
	const tokens: Record<string, string> = Object.create( null );
	names.forEach( ( name, i ) => {
		if ( typeof answer[ name + 'token' ] === 'string' ) {
			tokens[ types[ i ] ] = answer[ name + 'token' ];
		}
	} );
	return tokens;
}

/** All warnings as one text: `{ module: { warnings | '*': text } }`, depending on the version. */
function warningText( result: ApiResponse ): string {
	return JSON.stringify( result.warnings || '' );
}
