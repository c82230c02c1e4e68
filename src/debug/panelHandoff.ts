import { TokenCache } from '../publicTypes';

/**
 * The debug panel ships as a second, hidden gadget (dist/TokenCache-panel.js) that loads on the first
 * click of the link, so that pages pay only for the library. These names join the two files.
 */
export const PANEL_MODULE = 'ext.gadget.TokenCachePanel';

/** Internal: the panel file fires this with its opener once it has run. */
export const PANEL_HOOK = 'tokenCache.panel';

/**
 * Opens the panel over the page's TokenCaches (its own wiki's first, then one per `forApi` endpoint) and
 * returns its `close`; `onClose` runs however it closes. A library file older than the panel (a cached
 * page) passes its one instance instead.
 */
export type PanelOpener = ( tokenCaches: ( () => TokenCache[] ) | TokenCache, onClose: () => void ) => () => void;

/**
 * Where a common.js install finds the panel: next to the library's own raw page, e.g.
 * `User:Me/TokenCache.js` → `User:Me/TokenCache-panel.js`. Null when the library was not loaded that way.
 */
export function panelUrlBeside( ownUrl: string | null | undefined ): string | null {
	return ownUrl && /TokenCache\.js/.test( ownUrl ) ? ownUrl.replace( 'TokenCache.js', 'TokenCache-panel.js' ) : null;
}
