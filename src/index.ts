/**
 * Entry point of the gadget: the only file that touches `mw`, `window` and `document`. It wires the
 * page's `mw.Api`, `mw.user.tokens` and hooks into one shared TokenCache and announces it.
 */
import { TokenCache } from './publicTypes';
import { broadcastCrossTab } from './crossTab';
import { createTokenCache } from './tokenCache';
import { ApiLike } from './transport';
import { PANEL_HOOK, PANEL_MODULE, PanelOpener, panelUrlBeside } from './debug/panelHandoff';
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
		onSessionLost: ( error, cache ) => mw.hook( 'tokenCache.sessionLost' ).fire( error, cache ),
		onChange: ( cache ) => mw.hook( 'tokenCache.change' ).fire( cache ),
		// eslint-disable-next-line compat/compat -- feature-detected: undefined where the browser lacks it
		crossTab: broadcastCrossTab( window.BroadcastChannel )
	}, registry );
	libs.tokenCache = tokenCache;
	mw.hook( 'tokenCache.ready' ).fire( tokenCache );
	startDebugLink( () => Object.keys( registry ).map( ( endpoint ) => registry[ endpoint ] ) );
	return tokenCache;
}

// Read while this file runs: a common.js install finds the panel file next to it.
const ownUrl = document.currentScript && ( document.currentScript as HTMLScriptElement ).src;

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
	// A gadget install has the panel as its own hidden gadget; a common.js install has it beside us.
	// Without either (e.g. the library pasted inline) there is no panel, so no link either.
	const panelUrl = panelUrlBeside( ownUrl );
	const isGadgetInstall = !!mw.loader.getState( PANEL_MODULE );
	if ( !isGadgetInstall && !panelUrl ) {
		return;
	}
	const loadPanel = (): JQuery.Promise<unknown> => isGadgetInstall ?
		mw.loader.using( PANEL_MODULE ) :
		mw.loader.getScript( panelUrl as string );
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
