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
		if ( closePanel ) {
			closePanel();
		} else {
			closePanel = deps.openPanel( () => {
				closePanel = null;
				link.focus();
			} );
		}
	};
}
