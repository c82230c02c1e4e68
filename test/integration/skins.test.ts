// TokenCache in every common skin on real MediaWiki 1.39 and 1.43: no console or page errors, and the
// debug link #t-tokencache opens the token panel. One screenshot per version and skin goes to
// test-results/screenshots/<version>-<skin>.png (git-ignored; docs/ keeps the ones the README shows).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { inScenario } from './support/scenario.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const SKINS = [ 'vector', 'vector-2022', 'monobook', 'timeless', 'minerva' ];
const SCREENSHOTS = path.resolve( path.dirname( fileURLToPath( import.meta.url ) ), '../../test-results/screenshots' );

let browser: Browser;
beforeAll( async () => {
	mkdirSync( SCREENSHOTS, { recursive: true } );
	browser = await launchBrowser();
} );
afterAll( async () => {
	await browser?.close();
} );

/** Clicks the debug link as a person would, first opening the collapsed menu some skins keep it in. */
async function clickDebugLink( page: Page ): Promise<void> {
	const link = page.locator( '#t-tokencache a' );
	if ( !await link.isVisible() ) {
		// Minerva: the user menu is a "toggle list" opened by its toggle button.
		await page.locator( '.toggle-list', { has: link } ).locator( '.toggle-list__toggle' ).first().click();
	}
	await link.click();
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test.each( SKINS )( 'in %s it loads without console or page errors and #t-tokencache opens a token panel listing csrf', ( skin ) => inScenario( browser, wiki, async ( s ) => {
		await s.signIn( USERS.alice, { query: { useskin: skin } } );
		const seen = await s.page.evaluate( () => window.mw.libs.tokenCache.getToken( 'rollback' ).then( ( token: string ) => ( {
			skin: window.mw.config.get( 'skin' ),
			rollback: /^[0-9a-f]{40}\+\\$/.test( token ),
			links: document.querySelectorAll( '#t-tokencache' ).length
		} ) ) );
		expect( seen ).toEqual( { skin, rollback: true, links: 1 } );

		await clickDebugLink( s.page );
		const panel = s.page.getByRole( 'dialog' );
		await expect.poll( () => panel.isVisible() ).toBe( true );
		const csrfRows = panel.locator( 'tr' ).filter( { has: s.page.locator( 'td:first-child', { hasText: /^csrf$/ } ) } );
		await expect.poll( () => csrfRows.count() ).toBe( 1 );
		// Masked until a person asks to reveal it.
		expect( await csrfRows.locator( 'code' ).innerText() ).toMatch( /^[0-9a-f]{4}…\+\\$/ );
		await s.page.screenshot( { path: path.join( SCREENSHOTS, `${ wiki.version }-${ skin }.png` ) } );
	} ) );
} );
