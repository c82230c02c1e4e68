export interface DebugLinkDeps {
	document: Document;
	/** `mw.util.addPortletLink`: answers null when the page has no such portlet. */
	addPortletLink( portletId: string, href: string, text: string, id: string ): HTMLElement | null;
	/**
	 * Opens the panel and returns its `close`; the panel calls `onClose` however it was closed.
	 * Passed in, so that the panel could be loaded only when first asked for.
	 */
	openPanel( onClose: () => void ): () => void;
}

export const LINK_ID = 't-tokencache';

// The Tools menu where the skin has one; Minerva has none, so its user menu.
const PORTLETS = [ 'p-tb', 'p-personal' ];

/**
 * Adds the "TokenCache" link that opens and closes the token panel, once per page: `addPortletLink` does
 * not check ids, and a second copy of the gadget must not add a second link.
 */
export function installDebugLink( deps: DebugLinkDeps ): void {
	if ( deps.document.getElementById( LINK_ID ) ) {
		return;
	}
	let item: HTMLElement | null = null;
	PORTLETS.some( ( portlet ) => !!( item = deps.addPortletLink( portlet, '#', 'TokenCache', LINK_ID ) ) );
	if ( !item ) {
		return;
	}
	// addPortletLink answers the <li>; the <a> in it is what takes focus.
	const link = ( item as HTMLElement ).firstChild as HTMLElement;
	let closePanel: ( () => void ) | null = null;
	link.onclick = ( event ) => {
		event.preventDefault();
		// Minerva's user menu is a toggle list, open while its checkbox is checked, which only leaving the page
		// unchecks: it would stay open over the panel. So the link closes it, and on the way back the keyboard
		// goes to the menu's toggle, as the link is hidden then.
		const menuToggle = ( link.closest( '.toggle-list' ) || link ).querySelector<HTMLInputElement>( ':checked' );
		if ( menuToggle ) {
			menuToggle.checked = false;
		}
		if ( closePanel ) {
			closePanel();
		} else {
			closePanel = deps.openPanel( () => {
				closePanel = null;
				( menuToggle || link ).focus();
			} );
		}
	};
}
