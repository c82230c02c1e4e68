import { TokenCache } from '../publicTypes';
import { COLUMNS } from './columns';
import { Child, elementFactory } from './element';
import { Message } from './messages';
import { BUTTON_CLASS, PANEL_CLASS } from './styles';

export interface PanelDeps {
	document: Document;
	/** Every TokenCache of the page: the page's own wiki first, then one per `forApi` endpoint. */
	tokenCaches(): TokenCache[];
	msg: Message;
	/** Calls `listener` on every token change until the returned function is called. */
	subscribe( listener: () => void ): () => void;
	/** `navigator.clipboard`: undefined outside secure contexts, which then shows as a failed copy. */
	clipboard?: Pick<Clipboard, 'writeText'>;
	/** Puts the panel into the page (above the page's content). */
	place( panel: HTMLElement ): void;
	/** What the shield saw, in the user's language; '' while the shield is off. */
	shieldSummary(): string;
}

const TITLE_ID = 'tokencache-title';
const AGE_REFRESH_MS = 30000;

/**
 * Opens the token panel: a non-modal dialog in the page's flow, above its content, listing the cached
 * tokens of every endpoint, masked, kept up to date through `subscribe` while the page stays usable.
 * A full token enters the DOM only in a row whose Reveal was clicked. Returns `close`.
 */
export function openTokenPanel( deps: PanelDeps, onClose: () => void ): () => void {
	const msg = deps.msg;
	const el = elementFactory( deps.document );
	// Full tokens shown on request, by row key, with the id of the snapshot entry that holds them.
	const revealed: Record<string, { id: number; token: string }> = {};

	// `name` finds a row's button again after the rows are rebuilt.
	const button = ( label: string, onClick: () => void, name?: string ): HTMLElement => {
		const node = el( 'button', [ msg( label ) ], { name: name || label, type: 'button', class: BUTTON_CLASS } );
		node.onclick = onClick;
		return node;
	};
	// One table per endpoint, captioned with its address, rebuilt on every change.
	const tables = el( 'div' );
	const status = el( 'p', [], { role: 'status' } );
	const shield = el( 'p' );
	const panel = el( 'dialog', [
		el( 'div', [
			el( 'strong', [ 'TokenCache ' + deps.tokenCaches()[ 0 ].version ], { id: TITLE_ID } ),
			button( 'refresh', () => {
				deps.tokenCaches().forEach( ( tokenCache ) => {
					const types = tokenCache.snapshot().map( ( entry ) => entry.type );
					tokenCache.invalidate();
					// One batched request per endpoint for every type that was listed.
					if ( types.length ) {
						tokenCache.getTokens( types ).then( null, fail );
					}
				} );
			} ),
			button( 'close', close )
		] ),
		shield,
		tables,
		status
	], { open: '', 'aria-labelledby': TITLE_ID, tabindex: '-1', class: PANEL_CLASS } );

	function say( text: string ): void {
		status.textContent = text;
	}

	function fail( error: { code?: string } ): void {
		say( msg( 'failed' ) + ': ' + ( error.code || error ) );
	}

	/** The rows of one endpoint; `suffix` tells its buttons and revealed tokens from other endpoints'. */
	function rowsOf( tokenCache: TokenCache, suffix: string ): HTMLElement[] {
		const now = Date.now();
		return tokenCache.snapshot().map( ( entry ) => {
			const type = entry.type;
			const key = type + suffix;
			// A token revealed before a refresh is not the one the cache holds now: show the new one masked.
			const shown = revealed[ key ];
			const full = shown && shown.id === entry.id ? shown.token : '';
			const actions = (): Child[] => [
				button( full ? 'hide' : 'reveal', () => {
					( full ? Promise.resolve( '' ) : tokenCache.getToken( type ) ).then( ( token ) => {
						// Tied to the row clicked: if the cache moved on meanwhile, the new row stays masked.
						revealed[ key ] = { id: entry.id, token: token };
						render();
					}, fail );
				}, 'reveal-' + key ),
				' ',
				button( 'copy', () => {
					tokenCache.getToken( type )
						.then( ( token ) => deps.clipboard ? deps.clipboard.writeText( token ) : Promise.reject( { code: 'noclipboard' } ) )
						.then( () => say( msg( 'copied' ) ), fail );
				}, 'copy-' + key )
			];
			const row = { entry: entry, full: full, now: now, msg: msg, el: el, actions: actions };
			return el( 'tr', COLUMNS.map( ( column ) => el( 'td', column.cell( row ) ) ) );
		} );
	}

	function render(): void {
		shield.textContent = deps.shieldSummary();
		const active = deps.document.activeElement as HTMLButtonElement;
		// Rows are rebuilt on every change: keep keyboard focus on the same button.
		const focused = tables.contains( active ) && active.name;
		tables.textContent = '';
		deps.tokenCaches().forEach( ( tokenCache, i ) => {
			// Wide tables scroll sideways inside the panel on a narrow screen.
			tables.append( el( 'div', [
				el( 'table', [
					el( 'caption', [ tokenCache.endpoint ] ),
					el( 'thead', [ el( 'tr', COLUMNS.map( ( column ) => el( 'th', [ msg( 'col-' + column.name ) ], { scope: 'col' } ) ) ) ] ),
					el( 'tbody', rowsOf( tokenCache, i ? '-' + i : '' ) )
				], { class: 'wikitable' } )
			] ) );
		} );
		if ( focused ) {
			( tables.querySelector( '[name=' + focused + ']' ) as HTMLElement || panel ).focus();
		}
	}

	// Rendered on every change (nothing can close the panel before it is in the page and subscribed).
	const unsubscribe = deps.subscribe( render );
	// Ages ("3 min ago") grow while the panel is open, also when no token changes.
	const ageTimer = setInterval( render, AGE_REFRESH_MS );

	function close(): void {
		clearInterval( ageTimer );
		unsubscribe();
		panel.remove();
		onClose();
	}

	panel.onkeydown = ( event ) => {
		if ( event.key === 'Escape' ) {
			close();
		}
	};
	deps.place( panel );
	render();
	panel.focus();
	return close;
}
