import { hasCode } from './errors';
import { ApiParams, ApiResponse } from './publicTypes';
import { abortedError, isAborted, throwIfAborted } from './abort';
import { TokenStore } from './tokenStore';

export type Sender = ( body: ApiParams ) => Promise<ApiResponse>;

/**
 * The `badtoken` protocol, in one place. Post with the cached token. On `badtoken`, take a token from a
 * refresh begun after the post was sent: join the latest one, or begin one, which drops every token and
 * fetches again once every post now out has come back. Retry once, never with the refused token; a
 * second `badtoken` goes to the caller.
 */
export interface RefreshProtocol {
	post( type: string, body: ApiParams, tokenParameter: string, send: Sender, signal?: AbortSignal ): Promise<ApiResponse>;
	/** Follows a post that carries the caller's own token, so that a refresh waits for it too. */
	track( post: Promise<ApiResponse> ): Promise<ApiResponse>;
}

interface Refresh {
	/** Counts refreshes; a post notes the count when sent, and joins only a later one. */
	generation: number;
	tokens: Record<string, Promise<string>>;
}

/**
 * @param store
 * @param session Which session requests now belong to (see SessionExpectation#epoch)
 * @param onStale The old session's tokens are gone: tell the wiki's other tabs
 */
export function createRefreshProtocol( store: TokenStore, session: () => number, onStale: () => void ): RefreshProtocol {
	// Never reset (invalidate() and messages leave it alone): it alone decides which refresh a post joins.
	let generation = 0;
	let latest: Refresh | null = null;
	// Per post out: settles (never rejects) when its answer is back, which may change the session cookie.
	const postsOut: Promise<void>[] = [];

	function track( sent: Promise<ApiResponse> ): Promise<ApiResponse> {
		const landed = sent.then( () => undefined, () => undefined );
		postsOut.push( landed );
		landed.then( () => {
			postsOut.splice( postsOut.indexOf( landed ), 1 );
		} );
		return sent;
	}

	function beginRefresh( type: string ): Refresh {
		const begunIn = session();
		const refresh: Refresh = { generation: ++generation, tokens: store.refresh( [ type ], Promise.all( postsOut ) ) };
		refresh.tokens[ type ].then( () => {
			// Other tabs learn of the stale session once it is confirmed, unless a login made that old news.
			if ( latest === refresh && session() === begunIn ) {
				onStale();
			}
		}, () => undefined );
		return ( latest = refresh );
	}

	/**
	 * A token from a refresh begun after generation `sentDuring`, the refresh count when the post was sent. A
	 * type the latest refresh did not load (not cached when it began) is fetched like any: behind the same
	 * barrier, so after the post came back.
	 */
	function tokenPast( type: string, sentDuring: number ): { refresh: Refresh; token: Promise<string> } {
		const refresh = latest && latest.generation > sentDuring ? latest : beginRefresh( type );
		const token = refresh.tokens[ type ] as Promise<string> | undefined;
		if ( token ) {
			store.noteServed( type );
		}
		return { refresh: refresh, token: token || store.get( type ) };
	}

	/** An aborted caller's badtoken: no refresh for it, but the refused session's tokens go. */
	function expire( sentDuring: number ): void {
		if ( !latest || latest.generation <= sentDuring ) {
			store.invalidate();
			onStale();
		}
	}

	function post( type: string, body: ApiParams, tokenParameter: string, send: Sender, signal?: AbortSignal ): Promise<ApiResponse> {
		let sentDuring = 0;
		const sendWith = ( token: string ): Promise<ApiResponse> => {
			throwIfAborted( signal );
			sentDuring = generation;
			const copy = Object.assign( {}, body );
			// Last in the body, also when the caller left an empty `token` key somewhere earlier.
			delete copy[ tokenParameter ];
			copy[ tokenParameter ] = token;
			return track( send( copy ) );
		};
		return store.get( type ).then( ( token ) => sendWith( token ).then( null, ( error: unknown ) => {
			if ( !hasCode( error, 'badtoken' ) ) {
				throw error;
			}
			if ( isAborted( signal ) ) {
				expire( sentDuring );
				throw abortedError();
			}
			const past = tokenPast( type, sentDuring );
			return past.token.then( ( fresh ) => new Promise<ApiResponse>( ( resolve ) => {
				// The very token that was refused would fail the same way.
				if ( fresh === token ) {
					throw error;
				}
				resolve( sendWith( fresh ) );
			} ).then( null, ( retryError: unknown ) => {
				// Exactly one retry: a second badtoken goes to the caller, and neither token nor refresh is kept.
				if ( hasCode( retryError, 'badtoken' ) ) {
					store.discard( type, fresh );
					if ( latest === past.refresh ) {
						latest = null;
					}
				}
				throw retryError;
			} ) );
		} ) );
	}

	return { post: post, track: track };
}
