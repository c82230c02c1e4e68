/**
 * Entry point of the gadget: the only file that touches `mw`, `window` and `document`. It wires the
 * page's `mw.Api`, `mw.user.tokens` and hooks into one shared TokenCache and announces it.
 */
import { CoreApiShield, TokenCache } from './publicTypes';
import { broadcastCrossTab } from './crossTab';
import { createTokenCache } from './tokenCache';
import { ApiLike } from './transport';
import { PANEL_HOOK, PANEL_MODULE, PanelOpener } from './debug/panelHandoff';
import { installDebugLink } from './debug/portlet';
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
		onSessionLost: ( error, cache ) => mw.hook( 'tokenCache.sessionLost' ).fire( error, cache ),
		onChange: ( cache ) => mw.hook( 'tokenCache.change' ).fire( cache ),
		// eslint-disable-next-line compat/compat -- feature-detected: undefined where the browser lacks it
		crossTab: broadcastCrossTab( window.BroadcastChannel )
	}, registry );
	tokenCache.shieldCoreApi = shieldCoreApi;
	libs.tokenCache = tokenCache;
	mw.hook( 'tokenCache.ready' ).fire( tokenCache );
	startDebugLink( () => Object.keys( registry ).map( ( endpoint ) => registry[ endpoint ] ) );
	return tokenCache;
}

// Read while this file runs: a common.js install finds the panel file next to it.
const ownUrl = document.currentScript && ( document.currentScript as HTMLScriptElement ).src;

/**
 * Loads a file of ours that pages get only on demand: its hidden gadget on a gadget install, the file of
 * that name beside us on a common.js install. Null without either (e.g. the library pasted inline).
 */
function companionLoader( name: string, files: string[] ): ( () => JQuery.Promise<unknown> ) | null {
	const beside = ( file: string ) => () => mw.loader.getScript( ( ownUrl as string ).replace( 'TokenCache.js', file ) );
	return mw.loader.getState( name ) ? () => mw.loader.using( name ) :
		// A missing URL tests as the string "null". The files run in order, as a gadget's do.
		/TokenCache\.js/.test( ownUrl as string ) ? () => files.slice( 1 ).reduce( ( loaded, file ) => loaded.then( beside( file ) ), beside( files[ 0 ] )() ) : null;
}

/** Once run, the shield announces a thenable that shields each time it is adopted (see shield/handoff.ts). */
function shieldCoreApi(): Promise<CoreApiShield> {
	const load = companionLoader( SHIELD_MODULE, [ 'TokenCache-guards.js', 'TokenCache-shield.js' ] );
	return new Promise( ( resolve, reject ) => {
		const unsupported = (): void => reject( createError( 'unsupported', 'No shield' ) );
		if ( load ) {
			load().then( () => mw.hook( SHIELD_MODULE ).add( resolve ), unsupported );
		} else {
			unsupported();
		}
	} );
}

/**
 * A user option (`userjs-` options need no registration) that hides the debug link. Saved once, it is
 * part of every page the user loads, so it is there before any gadget runs, unlike common.js.
 */
const HIDE_LINK_OPTION = 'userjs-tokencache-hidelink';

/** The debug link; its panel is a second file, loaded on the first click. */
function startDebugLink( tokenCaches: () => TokenCache[] ): void {
	const hideLink = mw.user.options.get( HIDE_LINK_OPTION );
	if ( hideLink && hideLink !== '0' ) {
		return;
	}
	// Without the panel there is no link either.
	const loadPanel = companionLoader( PANEL_MODULE, [ 'TokenCache-panel.js' ] );
	if ( !loadPanel ) {
		return;
	}
	let opener: PanelOpener | null = null;
	mw.hook( PANEL_HOOK ).add( ( panelOpener: PanelOpener ) => {
		opener = panelOpener;
	} );
	$( () => installDebugLink( {
		document: document,
		addPortletLink: mw.util.addPortletLink,
		openPanel: ( onClose ) => {
			let close: ( () => void ) | null = null;
			let cancelled = false;
			loadPanel().then( () => {
				if ( !cancelled && opener ) {
					close = opener( tokenCaches, onClose );
				}
			} );
			return () => {
				cancelled = true;
				if ( close ) {
					close();
				} else {
					onClose();
				}
			};
		}
	} ) );
}

// MediaWiki 1.39 still runs gadgets in ES5 browsers such as IE 11; the syntax is ES5, but the built-ins
// used are newer. Where they are missing TokenCache stays away, rather than failing halfway.
const hasBuiltIns = typeof Promise === 'function' && !!Object.assign && !![].includes;

// A gadget declares mediawiki.api and mediawiki.util as dependencies; a copy loaded from common.js may
// run before they have, so it waits for them (and announces itself on tokenCache.ready as always).
if ( !hasBuiltIns ) {
	mw.log.warn( 'TokenCache needs Promise, Object.assign and Array.prototype.includes' );
} else if ( mw.Api && mw.util ) {
	const instance = start();
	if ( typeof module !== 'undefined' && module ) {
		module.exports = instance;
	}
} else {
	mw.loader.using( [ 'mediawiki.api', 'mediawiki.util' ] ).then( start );
}
