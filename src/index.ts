/**
 * Entry point of the gadget: the only file that touches `mw`, `window` and `document`. It wires the
 * page's `mw.Api`, `mw.user.tokens` and hooks into one shared TokenCache and announces it.
 */
import { CoreApiShield, TokenCache } from './publicTypes';
import { broadcastCrossTab } from './crossTab';
import { createTokenCache } from './tokenCache';
import { ApiLike } from './transport';
import { InstanceList } from './debug/instances';
import { CHANGE_HOOK, INSTANCES_HOOK, READY_HOOK, SESSION_LOST_HOOK } from './hooks';
import { createError } from './errors';
import { SHIELD_MODULE } from './shield/handoff';

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
	// Every instance, by endpoint: this one and those `forApi` makes. The debug panel lists them all.
	const registry: Record<string, TokenCache> = Object.create( null );
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
		// The browser's own resolution against the page's address: `//host/w/api.php` is `/w/api.php` here.
		resolveUrl: ( url ) => {
			const link = document.createElement( 'a' );
			link.href = url;
			return link.href;
		},
		onSessionLost: ( error, cache ) => mw.hook( SESSION_LOST_HOOK ).fire( error, cache ),
		onChange: ( cache ) => mw.hook( CHANGE_HOOK ).fire( cache ),
		// eslint-disable-next-line compat/compat -- feature-detected: undefined where the browser lacks it
		crossTab: broadcastCrossTab( window.BroadcastChannel )
	}, registry );
	tokenCache.shieldCoreApi = shieldCoreApi;
	libs.tokenCache = tokenCache;
	// For the debug gadget, which lists them all; before `ready`, so that it has them when it starts.
	const instances: InstanceList = () => Object.keys( registry ).map( ( endpoint ) => registry[ endpoint ] );
	mw.hook( INSTANCES_HOOK ).fire( instances );
	mw.hook( READY_HOOK ).fire( tokenCache );
	return tokenCache;
}

/**
 * Switches the shield on for this page by loading its hidden gadget. Once run, the shield announces a
 * thenable that shields each time it is adopted (see shield/handoff.ts). Where the wiki has no such
 * gadget, a common.js user loads the shield's two files instead, and they switch it on by themselves.
 */
function shieldCoreApi(): Promise<CoreApiShield> {
	return Promise.resolve( mw.loader.using( SHIELD_MODULE ) ).then(
		() => new Promise( ( resolve ) => {
			mw.hook( SHIELD_MODULE ).add( resolve );
		} ),
		() => {
			throw createError( 'unsupported', 'No shield' );
		}
	);
}

// MediaWiki 1.39 still runs gadgets in ES5 browsers such as IE 11; the syntax is ES5, but the built-ins
// used are newer. Where they are missing TokenCache stays away, rather than failing halfway.
const hasBuiltIns = typeof Promise === 'function' && !!Object.assign && !![].includes;

// A gadget declares mediawiki.api as a dependency; a copy loaded from common.js may run before it has
// loaded, so it waits for it (and announces itself on tokenCache.ready as always).
if ( !hasBuiltIns ) {
	mw.log.warn( 'TokenCache: browser too old' );
} else if ( mw.Api ) {
	const instance = start();
	if ( typeof module !== 'undefined' && module ) {
		module.exports = instance;
	}
} else {
	mw.loader.using( [ 'mediawiki.api' ] ).then( start );
}
