import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTokenPanel, PanelDeps } from '../../../src/debug/panel';
import {
	CSRF_TOKEN, entry, fakeClipboard, fakeSubscription, fakeTokenCache, FakeTokenCache, messageIn, NEW_CSRF_TOKEN, settle, WATCH_TOKEN
} from './fakes';

const MINUTE = 60000;
const page = () => document.documentElement.outerHTML;
const dialog = () => document.querySelector( 'dialog' ) as HTMLElement;
const status = () => ( dialog().querySelector( '[role=status]' ) as HTMLElement ).textContent;
/** The table as text, one array of cell texts per row, header first. */
const table = () => Array.from( dialog().querySelectorAll( 'tr' ) )
	.map( ( row ) => Array.from( row.children ).map( ( cell ) => cell.textContent ) );
const button = ( label: string, type?: string ) => {
	const scope = type ? ( Array.from( dialog().querySelectorAll( 'tbody tr' ) )
		.find( ( row ) => row.firstElementChild?.textContent === type ) as HTMLElement ) : dialog();
	const found = Array.from( scope.querySelectorAll( 'button' ) ).find( ( node ) => node.textContent === label );
	if ( !found ) {
		throw new Error( 'no button ' + label + ( type ? ' in row ' + type : '' ) );
	}
	return found;
};

let closed: number;
let logged: unknown[][];

/** The panel over `tokenCache` (a default one with csrf and watch) and the `others` after it. */
function open( overrides: Partial<PanelDeps> & { tokenCache?: FakeTokenCache; others?: FakeTokenCache[] } = {}, language = 'en' ) {
	const tokenCache = overrides.tokenCache || fakeTokenCache( [
		entry( 'csrf', CSRF_TOKEN, { issuedAt: Date.now() - 3 * MINUTE, source: 'page', served: 2, refreshed: 0 } ),
		entry( 'watch', WATCH_TOKEN, { issuedAt: Date.now() - 3 * 60 * MINUTE, source: 'fetched', served: 1, refreshed: 1 } )
	], { csrf: CSRF_TOKEN, watch: WATCH_TOKEN } );
	const subscription = fakeSubscription();
	const clipboard = fakeClipboard();
	const deps: PanelDeps = Object.assign( {
		document: document,
		tokenCaches: () => [ tokenCache ].concat( overrides.others || [] ),
		msg: messageIn( language ),
		subscribe: subscription.subscribe,
		clipboard: clipboard,
		place: ( panel: HTMLElement ) => document.body.append( panel ),
		shieldSummary: () => ''
	}, overrides ) as PanelDeps;
	const close = openTokenPanel( deps, () => {
		closed++;
	} );
	return { tokenCache, subscription, clipboard, close };
}

beforeEach( () => {
	document.body.innerHTML = '';
	closed = 0;
	logged = [];
	( [ 'log', 'info', 'warn', 'error', 'debug' ] as const ).forEach( ( level ) => {
		vi.spyOn( console, level ).mockImplementation( ( ...args: unknown[] ) => {
			logged.push( args );
		} );
	} );
} );

afterEach( () => {
	// Nothing the panel does goes to the console, least of all a token.
	expect( logged ).toEqual( [] );
} );

describe( 'the token panel', () => {
	it( 'is a labelled dialog naming the version and the endpoint', () => {
		open();
		// <dialog> has the role dialog without saying so; open, it shows without script.
		expect( dialog().tagName ).toBe( 'DIALOG' );
		expect( dialog().hasAttribute( 'open' ) ).toBe( true );
		const title = document.getElementById( dialog().getAttribute( 'aria-labelledby' ) as string );
		expect( title?.textContent ).toBe( 'TokenCache 9.8.7' );
		expect( dialog().textContent ).toContain( 'https://wiki.test/w/api.php' );
		expect( document.activeElement ).toBe( dialog() );
	} );

	it( 'goes where the page puts it, styled as MediaWiki\'s buttons and tables, with column headings', () => {
		const placed: HTMLElement[] = [];
		open( { place: ( panel ) => {
			placed.push( panel );
			document.body.append( panel );
		} } );
		expect( placed ).toEqual( [ dialog() ] );
		expect( dialog().className ).toBe( 'tokencache-panel' );
		expect( Array.from( dialog().querySelectorAll( 'button' ) ).every( ( node ) => node.className === 'cdx-button mw-ui-button' && node.getAttribute( 'type' ) === 'button' ) ).toBe( true );
		expect( dialog().querySelector( 'table' )?.className ).toBe( 'wikitable' );
		expect( Array.from( dialog().querySelectorAll( 'thead th' ) ).map( ( cell ) => cell.getAttribute( 'scope' ) ) ).toEqual( Array( 7 ).fill( 'col' ) );
	} );

	it( 'lists every cached token with its type, masked value, age, source and counts', () => {
		open();
		expect( table() ).toEqual( [
			[ 'Type', 'Token', 'Issued', 'Source', 'Served', 'Refreshed', 'Actions' ],
			[ 'csrf', '0123…+\\', '3 min ago', 'page', '2', '0', 'Reveal Copy' ],
			[ 'watch', 'fedc…+\\', '3 h ago', 'fetched', '1', '1', 'Reveal Copy' ]
		] );
	} );

	it( 'lists the tokens of every endpoint under its address; Reveal and Refresh all act on each', async () => {
		const foreign = Object.assign( fakeTokenCache( [ entry( 'csrf', NEW_CSRF_TOKEN, { source: 'fetched' } ) ], { csrf: NEW_CSRF_TOKEN } ),
			{ endpoint: 'https://commons.test/w/api.php' } );
		const { tokenCache } = open( { others: [ foreign ] } );
		expect( Array.from( dialog().querySelectorAll( 'caption' ) ).map( ( node ) => node.textContent ) )
			.toEqual( [ 'https://wiki.test/w/api.php', 'https://commons.test/w/api.php' ] );
		expect( table().map( ( row ) => row[ 0 ] ) ).toEqual( [ 'Type', 'csrf', 'watch', 'Type', 'csrf' ] );
		expect( table()[ 4 ][ 1 ] ).toBe( 'aaaa…+\\' );

		( dialog().querySelector( '[name=reveal-csrf-1]' ) as HTMLElement ).click();
		await settle();
		expect( foreign.calls ).toEqual( [ 'getToken csrf' ] );
		expect( tokenCache.calls ).toEqual( [] );
		expect( table()[ 4 ][ 1 ] ).toBe( NEW_CSRF_TOKEN );
		expect( table()[ 1 ][ 1 ] ).toBe( '0123…+\\' );

		button( 'Refresh all' ).click();
		expect( tokenCache.calls ).toEqual( [ 'invalidate', 'getTokens csrf|watch' ] );
		expect( foreign.calls ).toEqual( [ 'getToken csrf', 'invalidate', 'getTokens csrf' ] );
	} );

	it( 'keeps the ages current while open, and stops when closed', () => {
		vi.useFakeTimers( { now: Date.now() } );
		try {
			open();
			expect( table()[ 1 ][ 2 ] ).toBe( '3 min ago' );
			vi.advanceTimersByTime( 2 * MINUTE );
			expect( table()[ 1 ][ 2 ] ).toBe( '5 min ago' );
			button( 'Close' ).click();
			expect( vi.getTimerCount() ).toBe( 0 );
		} finally {
			vi.useRealTimers();
		}
	} );

	it( 'shows what the shield saw while it is on, kept current with every change, and nothing while it is off', () => {
		let summary = 'Shield — core mw.Api token calls: 1 · jQuery requests asserted: 0 · fetch requests asserted: 0 · forms stopped: 0';
		const { subscription } = open( { shieldSummary: () => summary } );
		const paragraphs = () => Array.from( document.querySelectorAll( 'dialog p' ) ).map( ( p ) => p.textContent );
		expect( paragraphs() ).toContain( summary );
		summary = 'Shield — core mw.Api token calls: 2 · jQuery requests asserted: 1 · fetch requests asserted: 0 · forms stopped: 0';
		subscription.fireChange();
		expect( paragraphs() ).toContain( summary );
		summary = '';
		subscription.fireChange();
		expect( paragraphs().filter( Boolean ) ).toEqual( [] );
	} );

	it( 'labels the anonymous token, which has no issue time', () => {
		open( { tokenCache: fakeTokenCache( [ entry( 'csrf', '+\\' ) ], { csrf: '+\\' } ) } );
		expect( table()[ 1 ].slice( 0, 3 ) ).toEqual( [ 'csrf', '+\\ (anonymous)', '' ] );
	} );

	it( 'speaks the user\'s language', () => {
		open( { tokenCache: fakeTokenCache( [ entry( 'csrf', '+\\', { issuedAt: Date.now() - 3 * MINUTE, source: 'refreshed' } ) ], {} ) }, 'fr' );
		expect( table()[ 0 ] ).toEqual( [ 'Type', 'Jeton', 'Émis', 'Origine', 'Servi', 'Renouvelé', 'Actions' ] );
		expect( table()[ 1 ] ).toEqual( [ 'csrf', '+\\ (anonyme)', 'il y a 3 min', 'renouvelé', '0', '0', 'Afficher Copier' ] );
		expect( button( 'Tout renouveler' ) ).toBeTruthy();
		expect( button( 'Fermer' ) ).toBeTruthy();
	} );

	it( 'never puts a full token in the page before Reveal', () => {
		const { tokenCache } = open();
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
		expect( page() ).not.toContain( WATCH_TOKEN.slice( 0, 32 ) );
		expect( tokenCache.calls ).toEqual( [] );
	} );

	it( 'reveals one full token on Reveal, in that row only, and hides it again on a second click', async () => {
		const { tokenCache } = open();
		button( 'Reveal', 'csrf' ).click();
		await settle();
		expect( tokenCache.calls ).toEqual( [ 'getToken csrf' ] );
		expect( table()[ 1 ][ 1 ] ).toBe( CSRF_TOKEN );
		expect( table()[ 2 ][ 1 ] ).toBe( 'fedc…+\\' );
		expect( page().split( CSRF_TOKEN.slice( 0, 32 ) ) ).toHaveLength( 2 );
		expect( page() ).not.toContain( WATCH_TOKEN.slice( 0, 32 ) );
		button( 'Hide', 'csrf' ).click();
		await settle();
		expect( table()[ 1 ][ 1 ] ).toBe( '0123…+\\' );
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
		expect( tokenCache.calls ).toEqual( [ 'getToken csrf' ] );
	} );

	it( 'stops showing a revealed token once the cache holds a new one', async () => {
		const { tokenCache, subscription } = open();
		button( 'Reveal', 'csrf' ).click();
		await settle();
		tokenCache.entries = [ entry( 'csrf', NEW_CSRF_TOKEN, { source: 'refreshed', refreshed: 1 } ) ];
		subscription.fireChange();
		expect( table()[ 1 ].slice( 0, 2 ) ).toEqual( [ 'csrf', 'aaaa…+\\' ] );
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
		expect( page() ).not.toContain( NEW_CSRF_TOKEN.slice( 0, 32 ) );
	} );

	it( 'stops showing a revealed token once the cache holds a new one with the same masked value', async () => {
		const { tokenCache, subscription } = open();
		button( 'Reveal', 'csrf' ).click();
		await settle();
		const lookalike = CSRF_TOKEN.slice( 0, 4 ) + 'ffffffffffffffffffffffffffff6735b000+\\';
		tokenCache.entries = [ entry( 'csrf', lookalike, { source: 'fetched' } ) ];
		subscription.fireChange();
		expect( table()[ 1 ].slice( 0, 2 ) ).toEqual( [ 'csrf', '0123…+\\' ] );
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
	} );

	it( 'does not show a token revealed just as the cache moved on to a lookalike against the new entry', async () => {
		const { tokenCache, subscription } = open();
		button( 'Reveal', 'csrf' ).click();
		// Before getToken's answer is handled, a refresh lands a new token with the same mask.
		tokenCache.entries = [ entry( 'csrf', CSRF_TOKEN.slice( 0, 4 ) + 'ffffffffffffffffffffffffffff6735b000+\\', { source: 'refreshed' } ) ];
		subscription.fireChange();
		await settle();
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
		expect( table()[ 1 ][ 1 ] ).toBe( '0123…+\\' );
	} );

	it( 'keeps showing a revealed token while only its counts change', async () => {
		const { tokenCache, subscription } = open();
		button( 'Reveal', 'csrf' ).click();
		await settle();
		tokenCache.entries = tokenCache.entries.map( ( item ) => Object.assign( {}, item, { served: item.served + 1 } ) );
		subscription.fireChange();
		expect( table()[ 1 ][ 1 ] ).toBe( CSRF_TOKEN );
	} );

	it( 'keeps keyboard focus on the button pressed when the rows are rebuilt', async () => {
		open();
		button( 'Reveal', 'watch' ).focus();
		button( 'Reveal', 'watch' ).click();
		await settle();
		expect( document.activeElement ).toBe( button( 'Hide', 'watch' ) );
	} );

	it( 'copies the full token to the clipboard only, and says so', async () => {
		const { tokenCache, clipboard } = open();
		button( 'Copy', 'watch' ).click();
		await settle();
		expect( tokenCache.calls ).toEqual( [ 'getToken watch' ] );
		expect( clipboard.written ).toEqual( [ WATCH_TOKEN ] );
		expect( status() ).toBe( 'Copied' );
		expect( page() ).not.toContain( WATCH_TOKEN.slice( 0, 32 ) );
	} );

	it( 'says when the browser refuses the copy', async () => {
		const refusing = fakeClipboard( 'refuse' );
		open( { clipboard: refusing } );
		button( 'Copy', 'csrf' ).click();
		await settle();
		expect( refusing.written ).toEqual( [ CSRF_TOKEN ] );
		expect( status() ).toMatch( /^Failed: .*NotAllowedError/ );
		expect( page() ).not.toContain( CSRF_TOKEN.slice( 0, 32 ) );
	} );

	it( 'says that a copy failed where there is no clipboard (insecure context)', async () => {
		open( { clipboard: undefined } );
		button( 'Copy', 'csrf' ).click();
		await settle();
		expect( status() ).toBe( 'Failed: noclipboard' );
	} );

	it( 'shows the error code when the token cannot be had', async () => {
		open( { tokenCache: fakeTokenCache( [ entry( 'csrf', CSRF_TOKEN ) ], {} ) } );
		button( 'Copy', 'csrf' ).click();
		await settle();
		expect( status() ).toBe( 'Failed: unknowntype' );
	} );

	it( 'refreshes all listed tokens in one batched request', async () => {
		const { tokenCache } = open();
		button( 'Refresh all' ).click();
		await settle();
		expect( tokenCache.calls ).toEqual( [ 'invalidate', 'getTokens csrf|watch' ] );
	} );

	it( 'only invalidates on Refresh all when nothing is listed', () => {
		const tokenCache = fakeTokenCache( [], {} );
		open( { tokenCache: tokenCache } );
		expect( table() ).toHaveLength( 1 );
		button( 'Refresh all' ).click();
		expect( tokenCache.calls ).toEqual( [ 'invalidate' ] );
	} );

	it( 'follows token changes while open, and stops following when closed', () => {
		const { tokenCache, subscription, close } = open();
		expect( subscription.state.subscribed ).toBe( 1 );
		tokenCache.entries = [ entry( 'rollback', WATCH_TOKEN, { source: 'fetched', served: 5 } ) ];
		subscription.fireChange();
		expect( table().slice( 1 ).map( ( row ) => row.slice( 0, 5 ) ) ).toEqual( [ [ 'rollback', 'fedc…+\\', '', 'fetched', '5' ] ] );
		close();
		expect( subscription.state ).toMatchObject( { listener: null, unsubscribed: 1 } );
		expect( document.querySelector( 'dialog' ) ).toBeNull();
		expect( closed ).toBe( 1 );
	} );

	it( 'closes on Escape and on its Close button', () => {
		open();
		dialog().dispatchEvent( new KeyboardEvent( 'keydown', { key: 'Enter', bubbles: true } ) );
		expect( closed ).toBe( 0 );
		dialog().dispatchEvent( new KeyboardEvent( 'keydown', { key: 'Escape', bubbles: true } ) );
		expect( closed ).toBe( 1 );
		expect( document.querySelector( 'dialog' ) ).toBeNull();
		open();
		button( 'Close' ).click();
		expect( closed ).toBe( 2 );
		expect( document.querySelector( 'dialog' ) ).toBeNull();
	} );
} );
