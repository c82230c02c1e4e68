import { createError } from './errors';
import { TokenCacheError, TokenSource } from './publicTypes';
import { FetchResult } from './fetchTokens';
import { isAnonymousCapable } from './tokenType';
import { isAnonymousToken } from './tokenText';

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
	onSessionLost( error: TokenCacheError ): void;
	/** A refresh after `badtoken` succeeded: the old session's tokens are gone everywhere. */
	onRefreshed(): void;
	onChange(): void;
}

interface Entry {
	/** Unique per token loaded, so that tools can tell two tokens with the same mask apart. */
	id: number;
	promise: Promise<string>;
	token?: string;
	source: TokenSource;
	/** For a refreshed entry: which refresh loaded it (see `generation`). */
	generation?: number;
}

export interface EntryView {
	id: number;
	type: string;
	token: string;
	source: TokenSource;
	served: number;
	refreshed: number;
}

/**
 * The per-wiki token cache. It caches promises, so concurrent callers share one request; types asked
 * for in the same tick share one `type=a|b|c` request; failures are never kept.
 * Prototype-less objects keyed by type serve as maps: type names are checked to be lowercase words first.
 */
export interface TokenStore {
	/** The cached token for a type, fetching it when missing. */
	get( type: string ): Promise<string>;
	/** How many refreshes have started. A post notes it when sent, and hands it to `refresh`. */
	generation(): number;
	/** A fresh token after a post sent at `sentAt` (a `generation()`) failed with badtoken. */
	refresh( type: string, sentAt: number ): Promise<string>;
	/**
	 * Drops every type after a post sent at `sentAt` failed with badtoken, without fetching; returns false
	 * when a refresh begun since already replaced them.
	 */
	expire( type: string, sentAt: number ): boolean;
	/** Follows a post, so that a refresh can wait for it. */
	track<T>( post: Promise<T> ): Promise<T>;
	invalidate( type?: string ): void;
	discard( type: string, token: string ): void;
	view(): EntryView[];
}

export function createTokenStore( deps: StoreDeps ): TokenStore {
	// Without a prototype, so that a type called `constructor` or `hasOwnProperty` is just a key.
	const entries: Record<string, Entry> = Object.create( null );
	// Use counts outlive the entries they count, which refreshes replace.
	const served: Record<string, number> = Object.create( null );
	const refreshed: Record<string, number> = Object.create( null );
	let batch: { types: string[]; result: Promise<FetchResult> } | null = null;
	// Settles when the posts that were in flight at the last `badtoken` have all come back.
	let barrier: Promise<unknown> = Promise.resolve();
	// Per post in flight: a promise that settles (never rejects) when its answer arrived.
	const postsInFlight: Promise<void>[] = [];
	let refreshes = 0;
	let loads = 0;

	function requestBatched( type: string ): Promise<FetchResult> {
		if ( !batch ) {
			const current: { types: string[]; result: Promise<FetchResult> } = {
				types: [],
				result: Promise.resolve().then( () => {
					batch = null;
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

	function pick( result: FetchResult, type: string ): string {
		const token = result.tokens[ type ];
		if ( token === undefined ) {
			throw result.notAllowed.includes( type ) ?
				createError( 'notallowed', 'Token withheld: ' + type ) :
				createError( 'unknowntype', 'Unknown token type: ' + type );
		}
		if ( isAnonymousToken( token ) && !isAnonymousCapable( type ) && deps.expectsUser() ) {
			const error = createError( 'sessionlost', 'Logged out since the page loaded' );
			deps.onSessionLost( error );
			throw error;
		}
		return token;
	}

	function load( type: string, source: TokenSource ): Entry {
		const entry: Entry = { id: ++loads, source: source, promise: requestBatched( type ).then( ( result ) => {
			const token = pick( result, type );
			if ( entries[ type ] === entry ) {
				entry.token = token;
				if ( deps.pageTokens && deps.pageTokens.get( type ) ) {
					// Keep mw.user.tokens (read directly by other code) as fresh as we are.
					deps.pageTokens.set( type, token );
				}
				deps.onChange();
			}
			return token;
		}, ( error: unknown ) => {
			if ( entries[ type ] === entry ) {
				delete entries[ type ];
				deps.onChange();
			}
			throw error;
		} ) };
		// A refresh loads every cached type; one nobody asks for again must not report its failure as unhandled.
		entry.promise.catch( () => undefined );
		if ( source === 'refreshed' ) {
			refreshed[ type ] = ( refreshed[ type ] || 0 ) + 1;
			entry.generation = refreshes;
		}
		return ( entries[ type ] = entry );
	}

	function serve( type: string, entry: Entry ): Promise<string> {
		return entry.promise.then( ( token ) => {
			served[ type ] = ( served[ type ] || 0 ) + 1;
			deps.onChange();
			return token;
		} );
	}

	/**
	 * Whether a refresh begun after a post sent at `sentAt` holds `type`: it waits for that post, so it
	 * cannot hand back the token that failed. Any other token (the page's, a plain fetch, an older
	 * refresh) may be the very one the post carried, or one the server issued before it refused it.
	 */
	function refreshedSince( type: string, sentAt: number ): boolean {
		const current = entries[ type ];
		return !!current && current.generation !== undefined && current.generation > sentAt;
	}

	function drop( type: string ): void {
		delete entries[ type ];
		deps.badToken( type );
	}

	function invalidate( type?: string ): void {
		( type === undefined ? Object.keys( entries ) : [ type ] ).forEach( drop );
		deps.onChange();
	}

	if ( deps.pageTokens ) {
		const pageTokens = deps.pageTokens;
		[ 'csrf', 'patrol', 'watch' ].forEach( ( type ) => {
			const token = pageTokens.get( type );
			if ( token ) {
				entries[ type ] = { id: ++loads, source: 'page', token: token, promise: Promise.resolve( token ) };
			}
		} );
	}

	return {
		/** The cached token promise for a type, fetching it when missing. */
		get: ( type: string ): Promise<string> => serve( type, entries[ type ] || load( type, 'fetched' ) ),

		generation: (): number => refreshes,

		/**
		 * A post sent at generation `sentAt` got `badtoken`. A token is bound to the session, so every
		 * cached type is stale: drop them all (here and in core), wait until the other posts that went out
		 * with the old session have come back (each may still replace the session cookie), then fetch all
		 * the types again in one request.
		 */
		refresh( type: string, sentAt: number ): Promise<string> {
			if ( refreshedSince( type, sentAt ) ) {
				return serve( type, entries[ type ] );
			}
			refreshes++;
			const types = [ type ].concat( Object.keys( entries ).filter( ( cached ) => cached !== type ) );
			types.forEach( drop );
			barrier = Promise.all( postsInFlight.slice() );
			types.forEach( ( stale ) => load( stale, 'refreshed' ) );
			deps.onChange();
			entries[ type ].promise.then( deps.onRefreshed, () => undefined );
			return serve( type, entries[ type ] );
		},

		expire( type: string, sentAt: number ): boolean {
			if ( refreshedSince( type, sentAt ) ) {
				return false;
			}
			invalidate();
			return true;
		},

		/** Track a post, so a refresh can wait for it: its answer may carry a new session cookie. */
		track<T>( post: Promise<T> ): Promise<T> {
			const landed = post.then( () => undefined, () => undefined );
			postsInFlight.push( landed );
			landed.then( () => {
				postsInFlight.splice( postsInFlight.indexOf( landed ), 1 );
			} );
			return post;
		},

		/** Forget one token (also in core), or every token, e.g. after a login or logout. */
		invalidate: invalidate,

		/** Forget a type only while it still holds `token`: a newer token is kept. */
		discard( type: string, token: string ): void {
			if ( entries[ type ] && entries[ type ].token === token ) {
				drop( type );
				deps.onChange();
			}
		},

		/** The resolved tokens, for the snapshot. */
		view: (): EntryView[] => Object.keys( entries ).filter( ( type ) => entries[ type ].token !== undefined )
			.map( ( type ) => ( {
				id: entries[ type ].id,
				type: type,
				token: entries[ type ].token as string,
				source: entries[ type ].source,
				served: served[ type ] || 0,
				refreshed: refreshed[ type ] || 0
			} ) )
	};
}
