import { createError } from './errors';
import { TokenCacheError } from './publicTypes';
import { FetchResult } from './fetchTokens';
import { isAnonymousCapable } from './tokenType';
import { isAnonymousToken } from './tokenText';

export type TokenSource = 'page' | 'fetched' | 'refreshed';

/** Read and write access to the tokens the page embeds (`mw.user.tokens`), for the page's own wiki only. */
export interface PageTokens {
	get( type: string ): string | undefined;
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
	promise: Promise<string>;
	token?: string;
	source: TokenSource;
}

export interface EntryView {
	type: string;
	token: string;
	source: TokenSource;
	served: number;
	refreshed: number;
}

/**
 * The per-wiki token cache. It caches promises, so concurrent callers share one request; types asked
 * for in the same tick share one `type=a|b|c` request; failures are never kept.
 */
export function createTokenStore( deps: StoreDeps ) {
	const entries = new Map<string, Entry>();
	const stats = new Map<string, { served: number; refreshed: number }>();
	let batch: { types: string[]; result: Promise<FetchResult> } | null = null;
	// Settles when the posts that were in flight at the last `badtoken` have all come back.
	let barrier: Promise<unknown> = Promise.resolve();
	// Per post in flight: a promise that settles (never rejects) when its answer arrived.
	const postsInFlight: Array<Promise<void>> = [];
	// One lost session is reported once, however many types the answer carried.
	let reportedLoss: FetchResult | null = null;

	function statsFor( type: string ) {
		let typeStats = stats.get( type );
		if ( !typeStats ) {
			typeStats = { served: 0, refreshed: 0 };
			stats.set( type, typeStats );
		}
		return typeStats;
	}

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
		if ( batch.types.indexOf( type ) === -1 ) {
			batch.types.push( type );
		}
		return batch.result;
	}

	function pick( result: FetchResult, type: string ): string {
		const token = result.tokens[ type ];
		if ( token === undefined ) {
			throw result.notAllowed.indexOf( type ) !== -1 ?
				createError( 'notallowed', 'Token withheld: ' + type ) :
				createError( 'unknowntype', 'Unknown token type: ' + type );
		}
		if ( isAnonymousToken( token ) && !isAnonymousCapable( type ) && deps.expectsUser() ) {
			const error = createError( 'sessionlost', 'Logged out since the page loaded' );
			if ( reportedLoss !== result ) {
				reportedLoss = result;
				deps.onSessionLost( error );
			}
			throw error;
		}
		return token;
	}

	function load( type: string, source: TokenSource ): Entry {
		const entry: Entry = { source: source, promise: Promise.resolve( '' ) };
		entry.promise = requestBatched( type ).then( ( result ) => {
			const token = pick( result, type );
			if ( entries.get( type ) === entry ) {
				entry.token = token;
				if ( deps.pageTokens && deps.pageTokens.get( type ) !== undefined ) {
					// Keep mw.user.tokens (read directly by other code) as fresh as we are.
					deps.pageTokens.set( type, token );
				}
				deps.onChange();
			}
			return token;
		}, ( error: unknown ) => {
			if ( entries.get( type ) === entry ) {
				entries.delete( type );
				deps.onChange();
			}
			throw error;
		} );
		entries.set( type, entry );
		if ( source === 'refreshed' ) {
			statsFor( type ).refreshed++;
		}
		return entry;
	}

	function seedFromPage( pageTokens: PageTokens ): void {
		[ 'csrf', 'patrol', 'watch' ].forEach( ( type ) => {
			const token = pageTokens.get( type );
			if ( token ) {
				entries.set( type, { source: 'page', token: token, promise: Promise.resolve( token ) } );
			}
		} );
	}

	if ( deps.pageTokens ) {
		seedFromPage( deps.pageTokens );
	}

	function serve( type: string, entry: Entry ): Promise<string> {
		return entry.promise.then( ( token ) => {
			statsFor( type ).served++;
			deps.onChange();
			return token;
		} );
	}

	return {
		/** The cached token promise for a type, fetching it when missing. */
		get( type: string ): Promise<string> {
			return serve( type, entries.get( type ) || load( type, 'fetched' ) );
		},

		/**
		 * A post carrying `staleToken` got `badtoken`. A token is bound to the session, so every cached
		 * type is stale: drop them all (here and in core), wait until the other posts that went out with
		 * the old session have come back (each may still replace the session cookie), then fetch all
		 * the types again in one request. Concurrent callers with the same stale token share it.
		 */
		refresh( type: string, staleToken: string ): Promise<string> {
			const current = entries.get( type );
			if ( current && current.token !== staleToken ) {
				return serve( type, current );
			}
			const types: string[] = [ type ];
			entries.forEach( ( _entry, cachedType ) => {
				if ( cachedType !== type ) {
					types.push( cachedType );
				}
			} );
			entries.clear();
			types.forEach( deps.badToken );
			barrier = Promise.all( postsInFlight.slice() );
			types.forEach( ( refreshType ) => load( refreshType, 'refreshed' ) );
			deps.onChange();
			const refreshed = entries.get( type ) as Entry;
			refreshed.promise.then( deps.onRefreshed, () => undefined );
			return serve( type, refreshed );
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
		invalidate( type?: string ): void {
			const types = type === undefined ? Array.from( entries.keys() ) : [ type ];
			types.forEach( ( dropped ) => {
				entries.delete( dropped );
				deps.badToken( dropped );
			} );
			deps.onChange();
		},

		/** Forget a type only while it still holds `token`: a newer token is kept. */
		discard( type: string, token: string ): void {
			const entry = entries.get( type );
			if ( entry && entry.token === token ) {
				entries.delete( type );
				deps.badToken( type );
				deps.onChange();
			}
		},

		/** The resolved tokens, for the snapshot. */
		view(): EntryView[] {
			const out: EntryView[] = [];
			entries.forEach( ( entry, type ) => {
				if ( entry.token !== undefined ) {
					const typeStats = statsFor( type );
					out.push( { type: type, token: entry.token, source: entry.source,
						served: typeStats.served, refreshed: typeStats.refreshed } );
				}
			} );
			return out;
		}
	};
}

export type TokenStore = ReturnType<typeof createTokenStore>;
