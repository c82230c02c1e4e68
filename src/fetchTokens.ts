import { ApiResponse } from './publicTypes';
import { Transport } from './transport';

/** What one token request learned: the tokens it got and the types the wiki withheld. */
export interface FetchResult {
	tokens: Record<string, string>;
	notAllowed: string[];
}

interface Warning {
	code?: string;
	text?: string;
}

/**
 * Fetches several token types in one request. Unknown types simply have no key in the answer
 * (MediaWiki only warns); the caller turns that into `unknowntype`.
 */
export function createTokenFetcher( transport: Transport ): ( types: string[] ) => Promise<FetchResult> {
	// Learned from the first answer: wikis older than 1.24 have no meta=tokens.
	let legacy = false;

	function modern( types: string[] ): Promise<FetchResult> {
		return transport.get( {
			action: 'query',
			meta: 'tokens',
			type: types.join( '|' ),
			format: 'json',
			formatversion: 2,
			// Warnings with codes instead of free text (ignored by wikis older than 1.29).
			errorformat: 'plaintext'
		} ).then( ( result ) => {
			const query = result.query as { tokens?: Record<string, string> } | undefined;
			const warnings = collectWarnings( result );
			if ( warnings.some( isOriginWarning ) ) {
				return { tokens: {}, notAllowed: types };
			}
			if ( !query || !query.tokens ) {
				legacy = true;
				return old( types );
			}
			return { tokens: stripSuffix( query.tokens, 'token' ), notAllowed: [] };
		} );
	}

	// The action=tokens API of MediaWiki 1.20–1.23: csrf was called `edit`, answers are keyed `edittoken`.
	function old( types: string[] ): Promise<FetchResult> {
		const oldNames = types.map( ( type ) => type === 'csrf' ? 'edit' : type );
		return transport.get( { action: 'tokens', type: oldNames.join( '|' ), format: 'json' } ).then( ( result ) => {
			const answered = stripSuffix( ( result.tokens || {} ) as Record<string, string>, 'token' );
			const tokens: Record<string, string> = {};
			const notAllowed: string[] = [];
			const warningText = collectWarnings( result ).map( ( warning ) => warning.text ).join( '\n' );
			types.forEach( ( type, i ) => {
				if ( typeof answered[ oldNames[ i ] ] === 'string' ) {
					tokens[ type ] = answered[ oldNames[ i ] ];
				} else if ( warningText.indexOf( "Action '" + oldNames[ i ] + "' is not allowed" ) !== -1 ) {
					notAllowed.push( type );
				}
			} );
			return { tokens: tokens, notAllowed: notAllowed };
		} );
	}

	return ( types ) => legacy ? old( types ) : modern( types );
}

function stripSuffix( answer: Record<string, string>, suffix: string ): Record<string, string> {
	const out: Record<string, string> = {};
	Object.keys( answer ).forEach( ( key ) => {
		if ( key.slice( -suffix.length ) === suffix && typeof answer[ key ] === 'string' ) {
			out[ key.slice( 0, -suffix.length ) ] = answer[ key ];
		}
	} );
	return out;
}

/** Warnings come as a list (errorformat) or as `{ module: { warnings | '*': text } }` (older formats). */
function collectWarnings( result: ApiResponse ): Warning[] {
	const warnings = result.warnings as unknown;
	if ( Array.isArray( warnings ) ) {
		return warnings as Warning[];
	}
	if ( !warnings || typeof warnings !== 'object' ) {
		return [];
	}
	return Object.keys( warnings ).map( ( module ) => {
		const entry = ( warnings as Record<string, Record<string, string>> )[ module ];
		return { text: entry && ( entry.warnings || entry[ '*' ] ) };
	} );
}

/** A cross-origin request without credentials gets no tokens at all (apiwarn-tokens-origin). */
function isOriginWarning( warning: Warning ): boolean {
	return warning.code === 'tokens-origin' || /same-origin policy/.test( warning.text || '' );
}
