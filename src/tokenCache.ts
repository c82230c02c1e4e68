import { createError, hasCode } from './errors';
import { createTokenFetcher } from './fetchTokens';
import { copyParams, isGiven } from './params';
import { ApiParams, ApiResponse, PostOptions, TokenCache, TokenCacheError, TokenSnapshotEntry } from './publicTypes';
import { CrossTab } from './crossTab';
import { createSessionExpectation, isLostSessionCode } from './session';
import { normalizeType, normalizeTypes, tokenParameterFor } from './tokenType';
import { decodeIssuedAt, isAnonymousToken, maskToken } from './tokenText';
import { createTokenStore, PageTokens } from './tokenStore';
import { ApiLike, asApi, createTransport, endpointOf } from './transport';

/** Everything an instance needs from its surroundings, so tests can pass fakes. */
export interface TokenCacheOptions {
	version: string;
	/**
	 * A request without an answer after this long fails with `http`, so no caller waits forever.
	 *
	 * @default 30000 (set by the entry point)
	 */
	requestTimeoutMs: number;
	/** The user the page was loaded for (`wgUserName`); null on a logged-out page. */
	userName: string | null;
	/** `mw.user.tokens`, for the page's own wiki only. */
	pageTokens?: PageTokens;
	onSessionLost( error: TokenCacheError, cache: TokenCache ): void;
	onChange( cache: TokenCache ): void;
	/** Tells the wiki's other tabs when our tokens went stale, and hears when theirs did. */
	crossTab?: CrossTab;
}

/** Turns a synchronous throw (bad input) into a rejection, so callers handle one path. */
function attempt<T>( run: () => T | Promise<T> ): Promise<T> {
	return new Promise<T>( ( resolve ) => {
		resolve( run() );
	} );
}

function abortedError(): TokenCacheError {
	return createError( 'aborted', 'Aborted' );
}

/** An aborted caller causes nothing more: no token request, no refresh, no post. */
function throwIfAborted( signal?: AbortSignal ): void {
	if ( signal && signal.aborted ) {
		throw abortedError();
	}
}

/** Starts the caller's work only while its signal is not aborted, and rejects it when the signal aborts. */
function forCaller<T>( signal: AbortSignal | undefined, start: () => Promise<T> ): Promise<T> {
	throwIfAborted( signal );
	return abortable( start(), signal );
}

/**
 * Rejects this caller when its signal aborts. The request itself goes on: other callers may share it,
 * and a post that was sent may land anyway, so its caller is not told otherwise.
 */
function abortable<T>( promise: Promise<T>, signal?: AbortSignal ): Promise<T> {
	if ( !signal ) {
		return promise;
	}
	return new Promise<T>( ( resolve, reject ) => {
		const onAbort = (): void => reject( abortedError() );
		// Always follow the promise, so that its own later rejection is handled even after an abort.
		promise.then( resolve, reject ).then( () => signal.removeEventListener( 'abort', onAbort ) );
		if ( signal.aborted ) {
			onAbort();
		} else {
			signal.addEventListener( 'abort', onAbort );
		}
	} );
}

/**
 * One TokenCache per API endpoint. `forApi` hands out the instance for another endpoint from the
 * shared registry, creating it on first use.
 */
export function createTokenCache(
	api: ApiLike, options: TokenCacheOptions, registry: Record<string, TokenCache> = Object.create( null )
): TokenCache {
	// Filled in below; the callbacks that hand it to hooks need it first.
	const cache = {} as TokenCache;
	const transport = createTransport( api, options.requestTimeoutMs );
	const session = createSessionExpectation( options.userName );
	// A lost session is announced once, however many requests find it, until the wiki has confirmed a
	// named user again (a post with `assertuser` that succeeded) or a login through us changed the session.
	let lossReported = false;
	const store = createTokenStore( {
		fetch: createTokenFetcher( transport ),
		badToken: transport.badToken,
		pageTokens: options.pageTokens,
		expectsUser: session.expectsUser,
		onSessionLost: reportSessionLost,
		onRefreshed: tellOtherTabs,
		onChange: () => options.onChange( cache )
	} );
	const crossTab = options.crossTab;
	if ( crossTab ) {
		// Another tab saw this wiki's tokens go stale: drop ours, so the next post fetches a fresh
		// token first instead of failing with badtoken.
		crossTab.listen( ( message ) => {
			if ( message.endpoint === transport.endpoint ) {
				store.invalidate();
			}
		} );
	}

	function tellOtherTabs(): void {
		if ( crossTab ) {
			crossTab.send( { endpoint: transport.endpoint } );
		}
	}

	function reportSessionLost( error: TokenCacheError ): void {
		// The tokens belong to a session that is not the user's: never keep them, however often seen.
		store.invalidate();
		if ( lossReported ) {
			return;
		}
		lossReported = true;
		tellOtherTabs();
		options.onSessionLost( error, cache );
	}

	function send( body: ApiParams, post: PostOptions[ 'send' ] = transport.post ): Promise<ApiResponse> {
		// A caller's own transport may hand back any thenable (a jQuery promise): followed as a native one.
		return store.track( Promise.resolve( post( body ) ) ).then( ( result ) => {
			if ( isGiven( body, 'assertuser' ) ) {
				lossReported = false;
			}
			// A login or logout here changes the session of every tab of this wiki.
			if ( session.noteAnswer( body.action, result ) ) {
				lossReported = false;
				store.invalidate();
				tellOtherTabs();
			}
			return result;
		}, ( error: TokenCacheError ) => {
			// Only a page that expects its user has a session to lose; elsewhere the API's code stands.
			if ( isLostSessionCode( error.code ) && session.expectsUser() ) {
				const lost = createError( 'sessionlost', error.info, error.data );
				reportSessionLost( lost );
				throw lost;
			}
			throw error;
		} );
	}

	function postWithToken( typeName: string, params: ApiParams, requestOptions?: PostOptions ): Promise<ApiResponse> {
		const signal = requestOptions && requestOptions.signal;
		const post = requestOptions && requestOptions.send;
		return attempt( () => {
			const type = normalizeType( typeName );
			const body = copyParams( params );
			const tokenParameter = tokenParameterFor( body.action );
			// Logging in is how a browser that lost its session gets it back: no assertion there.
			if ( type !== 'login' ) {
				session.addAssertion( body );
			}
			// Which refresh generation the post went out under, so that a badtoken refreshes past it.
			let sentAt = 0;
			const sendWith = ( token?: string ): Promise<ApiResponse> => {
				throwIfAborted( signal );
				sentAt = store.generation();
				if ( token === undefined ) {
					return send( body, post );
				}
				const copy = copyParams( body );
				// Last in the body, also when the caller left an empty `token` key somewhere earlier.
				delete copy[ tokenParameter ];
				copy[ tokenParameter ] = token;
				return send( copy, post );
			};
			// The caller chose its own token: post it as it is, and do not second-guess a badtoken.
			if ( isGiven( body, tokenParameter ) ) {
				return forCaller( signal, () => sendWith() );
			}
			return forCaller( signal, () => store.get( type ).then( ( token ) => sendWith( token ).then( null, ( error: unknown ) => {
				if ( !hasCode( error, 'badtoken' ) ) {
					throw error;
				}
				if ( signal && signal.aborted ) {
					// No refresh for an aborted caller, but the refused session's tokens must not be served again.
					if ( store.expire( type, sentAt ) ) {
						tellOtherTabs();
					}
					throw abortedError();
				}
				return store.refresh( type, sentAt ).then( ( fresh ) => attempt( () => {
					// The wiki handed out the very token it just refused: a retry could only fail the same way.
					if ( fresh === token ) {
						throw error;
					}
					return sendWith( fresh );
				} ).then( null, ( retryError: unknown ) => {
					// Exactly one retry: a second badtoken goes to the caller, and the token is not kept.
					if ( hasCode( retryError, 'badtoken' ) ) {
						store.discard( type, fresh );
					}
					throw retryError;
				} ) );
			} ) ) );
		} );
	}

	Object.assign( cache, {
		version: options.version,
		endpoint: transport.endpoint,
		getToken: ( type, requestOptions ) => attempt( () => {
			const normalized = normalizeType( type );
			return forCaller( requestOptions && requestOptions.signal, () => store.get( normalized ) );
		} ),
		getTokens: ( types, requestOptions ) => attempt( () => {
			const normalized = normalizeTypes( types );
			return forCaller( requestOptions && requestOptions.signal, () => Promise.all( normalized.map( store.get ) ) )
				.then( ( tokens ) => {
					const out: Record<string, string> = {};
					normalized.forEach( ( type, i ) => {
						out[ type ] = tokens[ i ];
					} );
					return out;
				} );
		} ),
		postWithToken: postWithToken,
		invalidate: ( type ) => store.invalidate( type === undefined ? type : normalizeType( type ) ),
		// The page's own tokens belong to the page's wiki only.
		forApi: ( value ) => {
			const otherApi = asApi( value );
			return registry[ endpointOf( otherApi ) ] ||
				createTokenCache( otherApi, Object.assign( {}, options, { pageTokens: undefined } ), registry );
		},
		snapshot: () => store.view().map( ( entry ): TokenSnapshotEntry => ( {
			id: entry.id,
			type: entry.type,
			masked: maskToken( entry.token ),
			issuedAt: decodeIssuedAt( entry.token ),
			anonymous: isAnonymousToken( entry.token ),
			source: entry.source,
			served: entry.served,
			refreshed: entry.refreshed
		} ) )
	} as TokenCache );
	registry[ transport.endpoint ] = cache;
	return cache;
}
