/**
 * Entry point of the panel file (dist/TokenCache-panel.js), loaded by the library's debug link on first
 * click: wires the page's `mw` into the panel and hands the opener back to the link.
 */
import { MESSAGE_PREFIX, messagesFor } from './debug/messages';
import { openTokenPanel } from './debug/panel';
import { PANEL_HOOK, PanelOpener } from './debug/panelHandoff';

mw.messages.set( messagesFor( mw.config.get( 'wgUserLanguage' ) ) );
const changes = mw.hook( 'tokenCache.change' );
const opener: PanelOpener = ( tokenCache, onClose ) => openTokenPanel( {
	document: document,
	msg: ( name, param ) => mw.message( MESSAGE_PREFIX + name, param ).text(),
	tokenCache: tokenCache,
	subscribe: ( listener ) => {
		changes.add( listener );
		return () => changes.remove( listener );
	},
	clipboard: navigator.clipboard
}, onClose );
mw.hook( PANEL_HOOK ).fire( opener );
