/**
 * Entry point of the debug gadget (dist/TokenCacheDebug.js), the only file of it that touches `mw`,
 * `window` and `document`: adds the TokenCache link, and opens the token panel from it, with the
 * wiki's stylesheets loaded on the first click. It needs the library, which the gadget declares as a
 * dependency and a common.js install loads first; it waits for `tokenCache.ready` either way.
 */
import { InstanceList } from './debug/instances';
import { CHANGE_HOOK, INSTANCES_HOOK, READY_HOOK } from './hooks';
import { MESSAGE_PREFIX, messagesFor } from './debug/messages';
import { openTokenPanel } from './debug/panel';
import { installDebugLink } from './debug/portlet';
import { PANEL_CSS, stylesModule } from './debug/styles';
import { SUMMARY_HOOK } from './shield/handoff';

// Handed over by the library before `tokenCache.ready`: every instance, the page's own first.
let instances: InstanceList = () => [];
// Set while the shield is on (see shield/handoff.ts).
let shieldSummary = (): string => '';
let styles: JQuery.Promise<unknown> | null = null;

/** Our own rules at once, the wiki's button stylesheet once, on the first click. */
function loadStyles(): JQuery.Promise<unknown> {
	if ( !styles ) {
		mw.util.addCSS( PANEL_CSS );
		styles = mw.loader.using( stylesModule( mw.loader.getState ) );
	}
	return styles;
}

function start(): void {
	const changes = mw.hook( CHANGE_HOOK );
	$( () => installDebugLink( {
		document: document,
		addPortletLink: mw.util.addPortletLink,
		openPanel: ( onClose ) => {
			let close: ( () => void ) | null = null;
			let cancelled = false;
			// Opened once the buttons are styled; a stylesheet that fails to load leaves them plain.
			const open = (): void => {
				if ( cancelled ) {
					return;
				}
				close = openTokenPanel( {
					document: document,
					// Messages that can be used here (src/debug/messages.ts, src/debug/columns.ts):
					// * tokencache-close, tokencache-refresh, tokencache-reveal, tokencache-hide, tokencache-copy
					// * tokencache-copied, tokencache-failed, tokencache-anon, tokencache-ago
					// * tokencache-col-type, tokencache-col-masked, tokencache-col-issuedAt, tokencache-col-source,
					//   tokencache-col-served, tokencache-col-refreshed, tokencache-col-actions
					// * tokencache-source-page, tokencache-source-fetched, tokencache-source-refreshed
					msg: ( name, param ) => mw.message( MESSAGE_PREFIX + name, param ).text(),
					tokenCaches: () => instances(),
					subscribe: ( listener ) => {
						changes.add( listener );
						return () => changes.remove( listener );
					},
					// eslint-disable-next-line compat/compat -- undefined on insecure pages: the panel then reports a failed copy
					clipboard: navigator.clipboard,
					// Below the page's title, above its text (#bodyContent in every common skin); else at the top of
					// what the skin calls its content.
					shieldSummary: () => shieldSummary(),
					place: ( panel ) => {
						( document.getElementById( 'bodyContent' ) || mw.util.$content[ 0 ] ).prepend( panel );
					}
				}, onClose );
			};
			loadStyles().then( open, open );
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

mw.messages.set( messagesFor( mw.config.get( 'wgUserLanguage' ) ) );
mw.hook( INSTANCES_HOOK ).add( ( list: InstanceList ) => {
	instances = list;
} );
mw.hook( SUMMARY_HOOK ).add( ( describe: () => string ) => {
	shieldSummary = describe;
} );
// A gadget declares mediawiki.util; a copy loaded from common.js may run before it has loaded.
mw.loader.using( 'mediawiki.util' ).then( () => {
	mw.hook( READY_HOOK ).add( start );
} );
