import { createError } from './errors';
import { TokenCacheError, TokenSnapshotEntry, TokenSource } from './publicTypes';
import { FetchResult } from './fetchTokens';
import { isAnonymousCapable } from './authActions';
import { decodeIssuedAt, isAnonymousToken, maskToken } from './tokenText';

/** Read and write access to the tokens the page embeds (`mw.user.tokens`), for the page's own wiki only. */
export interface PageTokens {
	/** The token, or nothing (`mw.Map` answers null) for types the page does not embed. */
	get( type: string ): string | null | undefined;
	set( type: string, token: string ): void;
}

export interface StoreDeps {
	fetch( types: string[] ): Promise<FetchResult>;
	/** Core `mw.Api`'s own invalidation, so that both caches drop a stale token together. */
	badToken( type: string ): void;
	pageTokens?: PageTokens;
	/** Whether the page was loaded logged in: then an anonymous token means the session was lost. */
	expectsUser(): boolean;
	/** A current answer found the session lost. */
	onSessionLost( error: TokenCacheError ): void;
	/** Announced once the change is settled (see announcer.ts). */
	onChange(): void;
}

/** MediaWiki takes at most 50 values per parameter: more types go out in several requests. */
const MAX_TYPES_PER_REQUEST = 50;

/**
 * A type without a slot is absent. A slot without a token is loading (its source `refreshed` when begun
 * after a badtoken); one with a token is ready. Failures leave no slot behind.
 */
interface Slot {
	/** Unique per token loaded, so that tools can tell two tokens with the same mask apart. */
	id: number;
	source: TokenSource;
	promise: Promise<string>;
	token?: string;
}

/**
 * The per-wiki token cache. It caches promises, so concurrent callers share one request; types asked
 * for in the same tick share one `type=a|b|c` request; failures are never kept. Every change of a slot
 * is one of the named transitions below, and only an answer whose slot is still its type's slot (no
 * invalidate, refresh, login or loss replaced it since) changes anything.
 */
export interface TokenStore {
	/** The cached token for a type, fetching it when missing. */
	get( type: string ): Promise<string>;
	/**
	 * Drops every type, here and in core, and loads them and `types` again once `barrier` has settled (token
	 * requests begun meanwhile wait for it too). Resolves per type, also for a type dropped again meanwhile.
	 */
	refresh( types: string[], barrier: Promise<unknown> ): Record<string, Promise<string>>;
	/** Forget one token (also in core), or every token, e.g. after a login or logout. */
	invalidate( type?: string ): void;
	/** Forget a type only while it still holds `token`: a newer token is kept. */
	discard( type: string, token: string ): void;
	/** Counts a token handed out other than by `get` (a refreshed token for a retry). */
	noteServed( type: string ): void;
	/** The ready tokens, masked, for `snapshot()`. */
	view(): TokenSnapshotEntry[];
}

export function createTokenStore( deps: StoreDeps ): TokenStore {
	const changed = deps.onChange;
	// Without a prototype, so that a type called `constructor` or `hasOwnProperty` is just a key.
	const slots: Record<string, Slot> = Object.create( null );
	// Use counts outlive the slots they count; kept only for types that got a token, so bounded by them.
	const counts: Record<string, { served: number; refreshed: number }> = Object.create( null );
	let batch: { types: string[]; result: Promise<FetchResult> } | null = null;
	let barrier: Promise<unknown> = Promise.resolve();
	let loads = 0;

	function countsOf( type: string ): { served: number; refreshed: number } {
		return counts[ type ] || ( counts[ type ] = { served: 0, refreshed: 0 } );
	}

	function requestBatched( type: string ): Promise<FetchResult> {
		if ( !batch || batch.types.length === MAX_TYPES_PER_REQUEST ) {
			const current: { types: string[]; result: Promise<FetchResult> } = {
				types: [],
				result: Promise.resolve().then( () => {
					if ( batch === current ) {
						batch = null;
					}
					return barrier.then( () => deps.fetch( current.types ) );
				} )
			};
			batch = current;
		}
		if ( !batch.types.includes( type ) ) {
			batch.types.push( type );
		}
		return batch.result;
	}

	function isLost( type: string, token: string ): boolean {
		return isAnonymousToken( token ) && !isAnonymousCapable( type ) && deps.expectsUser();
	}

	/** What an answer means for one type: its token, or the typed reason it has none. No side effects. */
	function judge( result: FetchResult, type: string ): string {
		const token = result.tokens[ type ];
		if ( token === undefined ) {
			throw result.notAllowed.includes( type ) ?
				createError( 'notallowed', 'Token withheld: ' + type ) :
				createError( 'unknowntype', 'Unknown token type: ' + type );
		}
		if ( isLost( type, token ) ) {
			throw createError( 'sessionlost', 'Logged out' );
		}
		return token;
	}

	// The transitions.

	/** absent → loading, as a plain fetch or a refresh. */
	function startLoading( type: string, source: 'fetched' | 'refreshed' ): Slot {
		const slot: Slot = { id: ++loads, source: source, promise: requestBatched( type ).then(
			( result ) => arrive( type, slot, result ),
			( error: unknown ) => fail( type, slot, error )
		) };
		// A refresh loads every wanted type; one nobody asks for again must not report its failure as unhandled.
		slot.promise.catch( () => undefined );
		slots[ type ] = slot;
		changed();
		return slot;
	}

	/** loading → ready, or → absent; a superseded slot only answers its own callers. */
	function arrive( type: string, slot: Slot, result: FetchResult ): string {
		let token: string;
		try {
			token = judge( result, type );
		} catch ( error ) {
			return fail( type, slot, error );
		}
		if ( slots[ type ] === slot ) {
			slot.token = token;
			if ( slot.source === 'refreshed' ) {
				countsOf( type ).refreshed++;
			}
			if ( deps.pageTokens && deps.pageTokens.get( type ) ) {
				// Keep mw.user.tokens (read directly by other code) as fresh as we are.
				deps.pageTokens.set( type, token );
			}
			changed();
		}
		return token;
	}

	/** loading → absent. A current slot's `sessionlost` is the news of a loss. */
	function fail( type: string, slot: Slot, error: unknown ): never {
		if ( slots[ type ] === slot ) {
			delete slots[ type ];
			changed();
			if ( ( error as TokenCacheError ).code === 'sessionlost' ) {
				deps.onSessionLost( error as TokenCacheError );
			}
		}
		throw error;
	}

	/** any → absent, here and in core. */
	function drop( type: string ): void {
		delete slots[ type ];
		deps.badToken( type );
		changed();
	}

	function noteServed( type: string ): void {
		countsOf( type ).served++;
		changed();
	}

	function serve( type: string, slot: Slot ): Promise<string> {
		return slot.promise.then( ( token ) => {
			noteServed( type );
			return token;
		} );
	}

	if ( deps.pageTokens ) {
		const pageTokens = deps.pageTokens;
		[ 'csrf', 'patrol', 'watch' ].forEach( ( type ) => {
			const token = pageTokens.get( type );
			// An embedded `+\` on a page loaded logged in (another script wrote it) is not trusted: the wiki is asked.
			if ( token && !isLost( type, token ) ) {
				slots[ type ] = { id: ++loads, source: 'page', token: token, promise: Promise.resolve( token ) };
			}
		} );
	}

	return {
		get: ( type ) => serve( type, slots[ type ] || startLoading( type, 'fetched' ) ),

		refresh: ( types, after ) => {
			barrier = after;
			const tokens: Record<string, Promise<string>> = Object.create( null );
			// Only the types still wanted: one that failed left no slot, so it is not asked for again.
			types.concat( Object.keys( slots ) ).forEach( ( type ) => {
				if ( !tokens[ type ] ) {
					drop( type );
					tokens[ type ] = startLoading( type, 'refreshed' ).promise;
				}
			} );
			return tokens;
		},

		invalidate: ( type ) => {
			( type === undefined ? Object.keys( slots ) : [ type ] ).forEach( drop );
			changed();
		},

		discard: ( type, token ) => {
			if ( slots[ type ] && slots[ type ].token === token ) {
				drop( type );
			}
		},

		noteServed: noteServed,

		view: () => Object.keys( slots ).filter( ( type ) => slots[ type ].token ).map( ( type ) => {
			const slot = slots[ type ];
			const token = slot.token as string;
			return {
				id: slot.id,
				type: type,
				masked: maskToken( token ),
				issuedAt: decodeIssuedAt( token ),
				anonymous: isAnonymousToken( token ),
				source: slot.source,
				served: countsOf( type ).served,
				refreshed: countsOf( type ).refreshed
			};
		} )
	};
}
