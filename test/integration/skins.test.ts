// The debug gadget in every common skin on real MediaWiki 1.39 and 1.43, light and (Vector 2022 on
// 1.43: night mode, and the automatic setting with a dark system theme) dark: no console or page errors,
// the link #t-tokencache opens the token panel above the content, where it covers neither the skin's
// header nor the menu it came from (a collapsed menu, Minerva's, closes with the click), axe finds no
// serious or critical problem in it, and the keyboard goes in, out with Escape and back to the link (or
// to the toggle of the collapsed menu). Screenshots go to test-results/screenshots/
// <version>-<skin>[-<theme>].png (git-ignored; docs/screenshots keeps the ones the README shows).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser/browser.js';
import { inScenario, type Scenario } from './support/scenario.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const SKINS = [ 'vector', 'vector-2022', 'monobook', 'timeless', 'minerva' ];
const SCREENSHOTS = path.resolve( path.dirname( fileURLToPath( import.meta.url ) ), '../../test-results/screenshots' );
/** A phone held upright. */
const PHONE = { width: 360, height: 740 };

type Theme = 'light' | 'night' | 'os-dark';
/** Vector 2022's dark themes (1.43+): the `<html>` class its own switch sets; `os` follows the system. */
const THEME_CLASSES: Record<Theme, string> = {
	light: 'skin-theme-clientpref-day',
	night: 'skin-theme-clientpref-night',
	'os-dark': 'skin-theme-clientpref-os'
};

let browser: Browser;
beforeAll( async () => {
	mkdirSync( SCREENSHOTS, { recursive: true } );
	browser = await launchBrowser();
} );
afterAll( async () => {
	await browser?.close();
} );

/**
 * Clicks the debug link as a person would, first opening the collapsed menu some skins keep it in;
 * answers whether it had to.
 */
async function clickDebugLink( page: Page ): Promise<boolean> {
	const link = page.locator( '#t-tokencache a' );
	const inMenu = !await link.isVisible();
	if ( inMenu ) {
		// Minerva: the user menu is a "toggle list" opened by its toggle button.
		await page.locator( '.toggle-list', { has: link } ).locator( '.toggle-list__toggle' ).first().click();
	}
	await link.click();
	return inMenu;
}

/** What has the keyboard: the debug link, the toggle of the menu it is in, or something else (its tag). */
function focusedControl( page: Page ): Promise<string> {
	return page.evaluate( () => {
		const active = document.activeElement;
		if ( active === document.querySelector( '#t-tokencache a' ) ) {
			return 'link';
		}
		return active && active.matches( '.toggle-list:has(#t-tokencache) .toggle-list__checkbox' ) ? 'menu toggle' : String( active && active.tagName );
	} );
}

/** Scrolled into view, what is drawn at the middle of `target`'s box belongs to the panel: it covers it there. */
function isCoveredByPanel( target: Locator ): Promise<boolean> {
	return target.evaluate( ( node ) => {
		node.scrollIntoView( { block: 'center' } );
		const box = node.getBoundingClientRect();
		const top = document.elementFromPoint( box.left + box.width / 2, box.top + box.height / 2 );
		return !!top && !!top.closest( '.tokencache-panel' );
	} );
}

/**
 * Opens the panel and checks what every skin and theme must hold; returns the panel, and whether the
 * link was in a collapsed menu.
 */
async function openPanel( s: Scenario ): Promise<{ panel: Locator; inMenu: boolean }> {
	const seen = await s.page.evaluate( () => window.mw.libs.tokenCache.getToken( 'rollback' ).then( ( token: string ) => ( {
		rollback: /^[0-9a-f]{40}\+\\$/.test( token ),
		links: document.querySelectorAll( '#t-tokencache' ).length
	} ) ) );
	expect( seen ).toEqual( { rollback: true, links: 1 } );
	const inMenu = await clickDebugLink( s.page );
	const panel = s.page.getByRole( 'dialog', { name: /^TokenCache / } );
	await expect.poll( () => panel.isVisible() ).toBe( true );
	const csrfRows = panel.locator( 'tr' ).filter( { has: s.page.locator( 'td:first-child', { hasText: /^csrf$/ } ) } );
	await expect.poll( () => csrfRows.count() ).toBe( 1 );
	// Masked until a person asks to reveal it; the keyboard is in the panel.
	expect( await csrfRows.locator( 'code' ).innerText() ).toMatch( /^[0-9a-f]{4}…\+\\$/ );
	expect( await panel.evaluate( ( node ) => node === document.activeElement ) ).toBe( true );
	// Styled with the wiki's own buttons: Codex on 1.43, MediaWiki UI on 1.39.
	const buttonStyles = await s.page.evaluate( () => ( {
		codex: window.mw.loader.getState( 'codex-styles' ),
		mediawikiUi: window.mw.loader.getState( 'mediawiki.ui.button' )
	} ) );
	expect( buttonStyles ).toEqual( s.wiki.version === '1.39' ?
		{ codex: null, mediawikiUi: 'ready' } :
		{ codex: 'ready', mediawikiUi: 'registered' } );
	// Inside the window's width and on top of nothing: the link it came from is still there to see.
	const box = await panel.boundingBox();
	const width = await s.page.evaluate( () => document.documentElement.clientWidth );
	expect( box && box.x >= 0 && box.x + box.width <= width ).toBe( true );
	const link = s.page.locator( '#t-tokencache a' );
	if ( inMenu ) {
		// The menu closed with the click: it does not stay open over the panel.
		expect( await link.isVisible() ).toBe( false );
	} else {
		expect( await isCoveredByPanel( link ) ).toBe( false );
	}
	return { panel, inMenu };
}

/** Axe on the open panel: the serious and critical findings, as "rule: where". */
async function accessibilityProblems( page: Page ): Promise<string[]> {
	const results = await new AxeBuilder( { page } ).include( '.tokencache-panel' ).analyze();
	return results.violations
		.filter( ( violation ) => violation.impact === 'serious' || violation.impact === 'critical' )
		.map( ( violation ) => `${ violation.id }: ${ violation.nodes.map( ( node ) => node.target.join( ' ' ) ).join( ', ' ) }` );
}

/** Escape closes the panel and puts the keyboard back on the link, or on the toggle of the menu it is in. */
async function closeWithEscape( page: Page, { panel, inMenu }: { panel: Locator; inMenu: boolean } ): Promise<void> {
	await page.keyboard.press( 'Escape' );
	await expect.poll( () => panel.count() ).toBe( 0 );
	expect( await focusedControl( page ) ).toBe( inMenu ? 'menu toggle' : 'link' );
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );
	// Vector 2022 has a dark theme from 1.43 on; the other skins here have none outside the mobile site.
	const themes = ( skin: string ): Theme[] => skin === 'vector-2022' && wiki.version !== '1.39' ? [ 'light', 'night', 'os-dark' ] : [ 'light' ];
	const cases = SKINS.flatMap( ( skin ) => themes( skin ).map( ( theme ) => [ skin, theme ] as [ string, Theme ] ) );

	test.each( cases )( 'in %s (%s) #t-tokencache opens a token panel above the content, with no serious accessibility problem, and Escape closes it', ( skin, theme ) => inScenario( browser, wiki, async ( s ) => {
		await s.signIn( USERS.alice, { query: { useskin: skin } } );
		expect( await s.page.evaluate( () => window.mw.config.get( 'skin' ) ) ).toBe( skin );
		if ( theme !== 'light' ) {
			await s.page.emulateMedia( { colorScheme: 'dark' } );
			await s.page.evaluate( ( classes ) => {
				const root = document.documentElement.classList;
				root.remove( classes.light, classes.night, classes[ 'os-dark' ] );
				root.add( classes[ classes.theme ] );
			}, { ...THEME_CLASSES, theme } as Record<string, string> );
		}
		const opened = await openPanel( s );
		const panel = opened.panel;
		if ( theme !== 'light' ) {
			// The skin's dark colours reach the panel: light text on a dark background.
			const lightness = await panel.evaluate( ( node ) => {
				const channels = ( colour: string ): number => ( colour.match( /\d+/g ) || [] ).slice( 0, 3 ).reduce( ( sum, n ) => sum + Number( n ), 0 );
				const style = getComputedStyle( node );
				return { text: channels( style.color ), background: channels( style.backgroundColor ) };
			} );
			expect( lightness.text ).toBeGreaterThan( lightness.background );
		}
		if ( skin === 'vector-2022' ) {
			// Scrolled so far that the sticky header shows, where the panel is: the panel stays under it.
			await panel.evaluate( ( node ) => window.scrollTo( 0, node.getBoundingClientRect().top + window.scrollY - 20 ) );
			const header = s.page.locator( '.vector-sticky-header' );
			await expect.poll( () => header.isVisible() ).toBe( true );
			// The header slides in: wait until it is drawn over the panel's place, so the check below means something.
			const overlap = async (): Promise<number> => await header.evaluate( ( node ) => node.getBoundingClientRect().bottom ) -
				await panel.evaluate( ( node ) => node.getBoundingClientRect().top );
			await expect.poll( overlap ).toBeGreaterThan( 0 );
			expect( await isCoveredByPanel( header ) ).toBe( false );
		}
		expect( await accessibilityProblems( s.page ) ).toEqual( [] );
		await s.page.evaluate( () => window.scrollTo( 0, 0 ) );
		await s.page.screenshot( { path: path.join( SCREENSHOTS, `${ wiki.version }-${ skin }${ theme === 'light' ? '' : `-${ theme }` }.png` ) } );
		await closeWithEscape( s.page, opened );
	} ) );

	test( 'in minerva on a 360-pixel-wide phone screen the panel fits the width, and the page does not scroll sideways', () => inScenario( browser, wiki, async ( s ) => {
		await s.page.setViewportSize( PHONE );
		await s.signIn( USERS.alice, { query: { useskin: 'minerva' } } );
		const opened = await openPanel( s );
		const box = await opened.panel.boundingBox();
		expect( box && box.width <= PHONE.width ).toBe( true );
		expect( await s.page.evaluate( () => document.documentElement.scrollWidth ) ).toBeLessThanOrEqual( PHONE.width );
		expect( await accessibilityProblems( s.page ) ).toEqual( [] );
		await s.page.evaluate( () => window.scrollTo( 0, 0 ) );
		await s.page.screenshot( { path: path.join( SCREENSHOTS, `${ wiki.version }-minerva-phone.png` ) } );
		await closeWithEscape( s.page, opened );
	} ) );
} );
