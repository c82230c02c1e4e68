/**
 * Entry point of the panel file (dist/TokenCache-panel.js), loaded by the library's debug link on first
 * click: wires the page's `mw` into the panel and hands the opener back to the link.
 */
import { MESSAGE_PREFIX, messagesFor } from './debug/messages';
import { openTokenPanel } from './debug/panel';
import { PANEL_HOOK, PanelOpener } from './debug/panelHandoff';

mw.messages.set( messagesFor( mw.config.get( 'wgUserLanguage' ) ) );
const changes = mw.hook( 'tokenCache.change' );
const opener: PanelOpener = ( tokenCaches, onClose ) => openTokenPanel( {
	document: document,
	// Messages that can be used here (src/debug/messages.ts):
	// * tokencache-close
	// * tokencache-refresh
	// * tokencache-reveal
	// * tokencache-hide
	// * tokencache-copy
	// * tokencache-copied
	// * tokencache-failed
	// * tokencache-anon
	// * tokencache-ago
	// * tokencache-col-type, tokencache-col-masked, tokencache-col-issuedAt, tokencache-col-source,
	//   tokencache-col-served, tokencache-col-refreshed
	// * tokencache-source-page, tokencache-source-fetched, tokencache-source-refreshed
	msg: ( name, param ) => mw.message( MESSAGE_PREFIX + name, param ).text(),
	tokenCaches: typeof tokenCaches === 'function' ? tokenCaches : () => [ tokenCaches ],
	subscribe: ( listener ) => {
		changes.add( listener );
		return () => changes.remove( listener );
	},
	// eslint-disable-next-line compat/compat -- undefined on insecure pages: the panel then reports a failed copy
	clipboard: navigator.clipboard
}, onClose );
mw.hook( PANEL_HOOK ).fire( opener );
