/**
 * Entry point of the gadget: the only file that touches `mw`, `window` and `document`. It wires the
 * page's `mw.Api`, `mw.user.tokens` and hooks into one shared TokenCache and announces it.
 */
import { TokenCache } from './publicTypes';
import { broadcastCrossTab } from './crossTab';
import { createTokenCache } from './tokenCache';
import { ApiLike } from './transport';
import { MESSAGE_PREFIX, messagesFor } from './debug/messages';
import { openTokenPanel } from './debug/panel';
import { installDebugLink } from './debug/portlet';

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
			get: ( type ) => mw.user.tokens.get( pageTokenKey( type ) ),
			set: ( type, token ) => {
				mw.user.tokens.set( pageTokenKey( type ), token );
			}
		},
		onSessionLost: ( error, cache ) => mw.hook( 'tokenCache.sessionLost' ).fire( error, cache ),
		onChange: ( cache ) => mw.hook( 'tokenCache.change' ).fire( cache ),
		crossTab: broadcastCrossTab( window.BroadcastChannel )
	} );
	libs.tokenCache = tokenCache;
	mw.hook( 'tokenCache.ready' ).fire( tokenCache );
	startDebugLink( tokenCache );
	return tokenCache;
}

function startDebugLink( tokenCache: TokenCache ): void {
	mw.messages.set( messagesFor( mw.config.get( 'wgUserLanguage' ) ) );
	const msg = ( name: string, param?: string ) => mw.message( MESSAGE_PREFIX + name, param ).text();
	const changes = mw.hook( 'tokenCache.change' );
	// User scripts usually run after gadgets: waiting for them (and for the DOM) lets common.js hide the
	// link with mw.config.set( 'tokenCacheHideLink', true ) whichever of the two loads first.
	mw.loader.using( 'user' ).always( () => $( () => installDebugLink( {
		document: document,
		msg: msg,
		addPortletLink: mw.util.addPortletLink,
		hidden: !!mw.config.get( 'tokenCacheHideLink' ),
		openPanel: ( onClose ) => openTokenPanel( {
			document: document,
			msg: msg,
			tokenCache: tokenCache,
			subscribe: ( listener ) => {
				changes.add( listener );
				return () => changes.remove( listener );
			},
			clipboard: navigator.clipboard
		}, onClose )
	} ) ) );
}

const instance = start();
if ( typeof module !== 'undefined' && module ) {
	module.exports = instance;
}
