/**
 * Entry point of the gadget: the only file that touches `mw`, `window` and `document`. It wires the
 * page's `mw.Api`, `mw.user.tokens` and hooks into one shared TokenCache and announces it.
 */
import { TokenCache } from './publicTypes';
import { createTokenCache } from './tokenCache';
import { ApiLike } from './transport';

declare const TOKENCACHE_VERSION: string;
// Defined when the gadget is loaded as a package gadget (`module.exports`), undefined as a plain script.
declare const module: { exports: unknown } | undefined;

type Libs = { tokenCache?: TokenCache };

function pageTokenKey( type: string ): string {
	return type + 'Token';
}

function start(): TokenCache {
	const libs = mw.libs as Libs;
	// Loaded twice (gadget and common.js): the first copy's instance serves everyone, with one cache.
	if ( libs.tokenCache ) {
		return libs.tokenCache;
	}
	const tokenCache = createTokenCache( new mw.Api() as unknown as ApiLike, {
		version: TOKENCACHE_VERSION,
		requestTimeoutMs: 30000,
		userName: mw.config.get( 'wgUserName' ),
		pageTokens: {
			// mw.Map answers null for keys it does not hold.
			get: ( type ) => mw.user.tokens.get( pageTokenKey( type ) ) || undefined,
			set: ( type, token ) => {
				mw.user.tokens.set( pageTokenKey( type ), token );
			}
		},
		onSessionLost: ( error, cache ) => mw.hook( 'tokenCache.sessionLost' ).fire( error, cache ),
		onChange: ( cache ) => mw.hook( 'tokenCache.change' ).fire( cache )
	} );
	libs.tokenCache = tokenCache;
	mw.hook( 'tokenCache.ready' ).fire( tokenCache );
	return tokenCache;
}

const instance = start();
if ( typeof module !== 'undefined' && module ) {
	module.exports = instance;
}
