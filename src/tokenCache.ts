import { createTokenFetcher } from './fetchTokens';
import { CallerOptions, copyParams, isGiven, readOptions } from './params';
import { ApiParams, RequestOptions, TokenCache, TokenCacheError } from './publicTypes';
import { CrossTab } from './crossTab';
import { createSessionExpectation } from './session';
import { normalizeType, normalizeTypes } from './tokenType';
import { assertsFor, tokenParameterFor } from './authActions';
import { createTokenStore, PageTokens } from './tokenStore';
import { createRefreshProtocol, Sender } from './refreshProtocol';
import { createAnnouncer } from './announcer';
import { forCaller } from './abort';
import { ApiLike, asApi, createTransport, endpointOf, toError } from './transport';

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
	/**
	 * Resolves an API URL against the page's address, so that one endpoint spelled differently
	 * (`/w/api.php`, `//host/w/api.php`, `https://host/w/api.php`) is one instance.
	 *
	 * @default the URL as it is
	 */
	resolveUrl?( url: string ): string;
	onSessionLost( error: TokenCacheError, cache: TokenCache ): void;
	onChange( cache: TokenCache ): void;
	/** Tells the wiki's other tabs when our tokens went stale, and hears when theirs did. */
	crossTab?: CrossTab;
}

/** Turns a synchronous throw (bad input) into a rejection, so callers handle one path. */
function attempt<T>( run: () => T | PromiseLike<T> ): Promise<T> {
	return new Promise<T>( ( resolve ) => {
		resolve( run() );
	} );
}

/** A caller's `send` keeps its own transport; a rejection without an API code counts as `http`. */
function viaCaller( send: NonNullable<CallerOptions[ 'send' ]> ): Sender {
	return ( body ) => attempt( () => send( body ) ).then( null, ( error: unknown ) => {
		throw error && typeof ( error as TokenCacheError ).code === 'string' ? error : toError( 'http', error );
	} );
}

/**
 * One TokenCache per API endpoint. `forApi` hands out the instance for another endpoint from the
 * shared registry, creating it on first use.
 */
export function createTokenCache(
	api: ApiLike, options: TokenCacheOptions, registry: Record<string, TokenCache> = Object.create( null )
): TokenCache {
	const resolveUrl = options.resolveUrl || ( ( url: string ) => url );
	const transport = createTransport( api, options.requestTimeoutMs );
	const endpoint = resolveUrl( transport.endpoint );
	const session = createSessionExpectation( options.userName );
	const announce = createAnnouncer();
	const crossTab = options.crossTab;
	// A lost session is announced once, however many requests find it, until the wiki has confirmed a
	// named user again (a post with `assertuser` that succeeded) or a login through us changed the session.
	let lossReported = false;
	const fetchTokens = createTokenFetcher( transport );
	const store = createTokenStore( {
		// Where the shield asserts the user on every token request, a lost session answers this, not `+\`.
		fetch: ( types ) => fetchTokens( types ).catch( ( error: TokenCacheError ) => {
			throw session.lossFrom( error ) || error;
		} ),
		badToken: transport.badToken,
		pageTokens: options.pageTokens,
		expectsUser: session.expectsUser,
		onSessionLost: reportSessionLost,
		onChange: () => announce( announceChange )
	} );
	const protocol = createRefreshProtocol( store, session.epoch, tellOtherTabs );
	if ( crossTab ) {
		// Another tab saw this wiki's tokens go stale: drop ours, so the next post fetches a fresh token
		// first instead of failing with badtoken.
		crossTab.listen( ( message ) => {
			if ( message.endpoint === endpoint ) {
				store.invalidate();
			}
		} );
	}

	function tellOtherTabs(): void {
		announce( sendTabMessage );
	}

	function sendTabMessage(): void {
		if ( crossTab ) {
			crossTab.send( { endpoint: endpoint } );
		}
	}

	/** Sends one body and reads what its answer says about the session. */
	function sessionAware( send: Sender ): Sender {
		return ( body ) => {
			const epoch = session.epoch();
			return send( body ).then( ( result ) => {
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
				const lost = session.lossFrom( error );
				// An answer of a session we have left since says nothing about the current one.
				if ( lost && epoch === session.epoch() ) {
					reportSessionLost( lost );
				}
				throw lost || error;
			} );
		};
	}

	function getTokens( types: string[], requestOptions?: RequestOptions ): Promise<Record<string, string>> {
		return attempt( () => {
			const normalized = normalizeTypes( types );
			return forCaller( readOptions( requestOptions ).signal, () => Promise.all( normalized.map( store.get ) ) )
				.then( ( tokens ) => {
					const out: Record<string, string> = {};
					normalized.forEach( ( type, i ) => {
						out[ type ] = tokens[ i ];
					} );
					return out;
				} );
		} );
	}

	const cache: TokenCache = {
		version: options.version,
		endpoint: endpoint,

		// One path for one type and for several: a one-type list is checked and served the same way.
		getToken: ( type, requestOptions ) => getTokens( [ type ], requestOptions ).then( ( tokens ) => tokens[ normalizeType( type ) ] ),

		getTokens: getTokens,

		postWithToken: ( typeName, params, postOptions ) => attempt( () => {
			const type = normalizeType( typeName );
			const body: ApiParams = copyParams( params );
			const { signal, send } = readOptions( postOptions );
			const sender = sessionAware( send ? viaCaller( send ) : transport.post );
			const tokenParameter = tokenParameterFor( body.action );
			if ( assertsFor( type, body.action ) ) {
				session.addAssertion( body );
			}
			// The caller chose its own token: post it as it is, and do not second-guess a badtoken.
			const ownToken = isGiven( body, tokenParameter );
			return forCaller( signal, () => ownToken ?
				protocol.track( sender( body ) ) :
				protocol.post( type, body, tokenParameter, sender, signal ) );
		} ),

		invalidate: ( type ) => store.invalidate( type === undefined ? type : normalizeType( type ) ),

		// The page's own tokens belong to the page's wiki only.
		forApi: ( value ) => {
			const otherApi = asApi( value );
			return registry[ resolveUrl( endpointOf( otherApi ) ) ] ||
				createTokenCache( otherApi, Object.assign( {}, options, { pageTokens: undefined } ), registry );
		},

		snapshot: store.view
	};
	// Hooks receive the instance, so they are wired to it once it exists.
	function announceChange(): void {
		options.onChange( cache );
	}

	function reportSessionLost( error: TokenCacheError ): void {
		// The tokens belong to a session that is not the user's: never keep them, however often seen.
		store.invalidate();
		if ( !lossReported ) {
			lossReported = true;
			tellOtherTabs();
			announce( () => options.onSessionLost( error, cache ) );
		}
	}

	registry[ endpoint ] = cache;
	return cache;
}
