// The gadgets as the README installs them, on real MediaWiki 1.39 and 1.43: readers and users without a
// consumer gadget load no TokenCache module; the debug gadget is chosen in Special:Preferences (its real
// form) or for one page view with ?withgadget=; Special:Gadgets describes both in English, French and
// Spanish, from the texts of dist/Gadget-descriptions.json.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { articleUrl, login } from '../support/browser/browser.js';
import { useBrowser } from './support/useBrowser.js';
import { DEBUG_GADGET, maintenance, wikiInfo, type WikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();
const NAMES: WikiName[] = [ 'wiki139', 'wiki143' ];
/** Users with no gadget switched on; Frank switches the debug gadget on in the preferences form. */
const ERIN = { name: 'Erin', password: 'Erin-pass-TokenCache-1' };
const FRANK = { name: 'Frank', password: 'Frank-pass-TokenCache-1' };
const DESCRIPTIONS: Record<string, string> = JSON.parse( readFileSync( new URL( '../../dist/Gadget-descriptions.json', import.meta.url ), 'utf8' ) );

beforeAll( async () => {
	await Promise.all( NAMES.map( async ( name ) => {
		const wiki = maintenance( wikiInfo( name ) );
		await wiki.createUser( ERIN.name, ERIN.password );
		await wiki.createUser( FRANK.name, FRANK.password );
	} ) );
} );

/**
 * The module names of a load.php URL. ResourceLoader packs them: "a.b,c|d" is a.b, a.c and d (names
 * after the first of a group share its prefix up to the last dot).
 */
function moduleNames( url: string ): string[] {
	const packed = new URL( url ).searchParams.get( 'modules' ) || '';
	return packed.split( '|' ).filter( Boolean ).flatMap( ( group ) => {
		const [ first, ...rest ] = group.split( ',' );
		const prefix = first.includes( '.' ) ? first.slice( 0, first.lastIndexOf( '.' ) + 1 ) : '';
		return [ first, ...rest.map( ( suffix ) => prefix + suffix ) ];
	} );
}

interface PageLoad {
	/** Every module name the page asked load.php for. */
	modules: string[];
	debugLinks: number;
	libraryState: string | null;
	debugState: string | null;
}

/** Opens `url` in `page`, waits until the page has stopped loading modules, and tells what it loaded. */
async function openAndCount( page: Page, url: string ): Promise<PageLoad> {
	const modules: string[] = [];
	const onRequest = ( request: { url(): string } ): void => {
		if ( new URL( request.url() ).pathname.endsWith( '/load.php' ) ) {
			modules.push( ...moduleNames( request.url() ) );
		}
	};
	page.on( 'request', onRequest );
	try {
		await page.goto( url );
		await page.waitForLoadState( 'networkidle' );
		// Every module the page asked for has arrived and run (or failed): nothing is still on its way.
		await page.waitForFunction( () => window.mw?.loader.getModuleNames()
			.every( ( name: string ) => [ 'registered', 'ready', 'error', 'missing' ].includes( window.mw.loader.getState( name ) ) ) );
	} finally {
		page.off( 'request', onRequest );
	}
	const seen = await page.evaluate( ( debugModule ) => ( {
		debugLinks: document.querySelectorAll( '#t-tokencache' ).length,
		libraryState: window.mw.loader.getState( 'ext.gadget.TokenCache' ),
		debugState: window.mw.loader.getState( debugModule )
	} ), `ext.gadget.${ DEBUG_GADGET }` );
	return { modules, ...seen };
}

const tokenCacheModules = ( load: PageLoad ): string[] => load.modules.filter( ( name ) => /^ext\.gadget\.TokenCache/.test( name ) );

/** The text a reader sees of a description's wikitext. */
const shownText = ( wikitext: string ): string => wikitext.replace( /<[^>]+>/g, '' );

describe.each( NAMES )( 'on %s', ( name ) => {
	const wiki: WikiInfo = wikiInfo( name );

	test( 'a logged-out reader\'s page loads no TokenCache module and has no debug link', async () => {
		const context = await browser().newContext();
		try {
			const load = await openAndCount( await context.newPage(), articleUrl( wiki, 'Main Page' ) );
			// The page did load modules (so the count means something), none of ours.
			expect( load.modules ).toContain( 'site' );
			expect( tokenCacheModules( load ) ).toEqual( [] );
			expect( load ).toMatchObject( { debugLinks: 0, libraryState: 'registered', debugState: 'registered' } );
		} finally {
			await context.close();
		}
	} );

	test( 'a logged-in user\'s page without consumer gadgets loads no TokenCache module and has no debug link', async () => {
		const context = await browser().newContext();
		try {
			const page = await context.newPage();
			await login( page, wiki, ERIN.name, ERIN.password );
			const load = await openAndCount( page, articleUrl( wiki, 'Main Page' ) );
			expect( await page.evaluate( () => window.mw.config.get( 'wgUserName' ) ) ).toBe( ERIN.name );
			expect( load.modules ).toContain( 'site' );
			expect( tokenCacheModules( load ) ).toEqual( [] );
			expect( load ).toMatchObject( { debugLinks: 0, libraryState: 'registered', debugState: 'registered' } );
		} finally {
			await context.close();
		}
	} );

	test( '?withgadget=TokenCacheDebug shows the debug link for that page view only, logged out too', async () => {
		const context = await browser().newContext();
		try {
			const page = await context.newPage();
			const withGadget = await openAndCount( page, articleUrl( wiki, 'Main Page', { withgadget: DEBUG_GADGET } ) );
			expect( tokenCacheModules( withGadget ).sort() ).toEqual( [ 'ext.gadget.TokenCache', `ext.gadget.${ DEBUG_GADGET }` ] );
			expect( withGadget ).toMatchObject( { debugLinks: 1, libraryState: 'ready', debugState: 'ready' } );
			const next = await openAndCount( page, articleUrl( wiki, 'Main Page' ) );
			expect( tokenCacheModules( next ) ).toEqual( [] );
			expect( next.debugLinks ).toBe( 0 );
		} finally {
			await context.close();
		}
	} );

	test( 'a user who ticks the debug gadget in Special:Preferences, in its own section, gets the link on the next page', async () => {
		const context = await browser().newContext();
		try {
			const page = await context.newPage();
			await login( page, wiki, FRANK.name, FRANK.password );
			const before = await openAndCount( page, articleUrl( wiki, 'Main Page' ) );
			expect( before.debugLinks ).toBe( 0 );

			await page.goto( articleUrl( wiki, 'Special:Preferences' ) + '#mw-prefsection-gadgets' );
			const checkbox = page.locator( `input[name="wpgadget-${ DEBUG_GADGET }"]` );
			const gadgetsTab = page.locator( '#mw-prefsection-gadgets' );
			await expect.poll( () => checkbox.isVisible() ).toBe( true );
			// The section heading and the description, as dist/ has them; the hidden library is not offered.
			const tabText = await gadgetsTab.innerText();
			expect( tabText ).toContain( DESCRIPTIONS[ 'MediaWiki:Gadget-section-developer' ] );
			expect( tabText ).toContain( shownText( DESCRIPTIONS[ `MediaWiki:Gadget-${ DEBUG_GADGET }` ] ).slice( 0, 60 ) );
			expect( await page.locator( 'input[name="wpgadget-TokenCache"]' ).count() ).toBe( 0 );
			await checkbox.check();
			await Promise.all( [ page.waitForNavigation(), page.locator( '#prefcontrol button, #prefcontrol input[type=submit]' ).first().click() ] );
			expect( await page.evaluate( ( option ) => window.mw.user.options.get( option ), `gadget-${ DEBUG_GADGET }` ) ).toBe( '1' );

			const after = await openAndCount( page, articleUrl( wiki, 'Main Page' ) );
			expect( tokenCacheModules( after ).sort() ).toEqual( [ 'ext.gadget.TokenCache', `ext.gadget.${ DEBUG_GADGET }` ] );
			expect( after ).toMatchObject( { debugLinks: 1, libraryState: 'ready', debugState: 'ready' } );
		} finally {
			await context.close();
		}
	} );

	test.each( [ 'en', 'fr', 'es' ] )( 'Special:Gadgets describes both gadgets and their section with uselang=%s', async ( language ) => {
		const context = await browser().newContext();
		try {
			const page = await context.newPage();
			await page.goto( articleUrl( wiki, 'Special:Gadgets', { uselang: language } ) );
			// French typography puts a no-break space before a colon.
			const text = ( await page.locator( '#mw-content-text' ).innerText() ).replace( /[\u00a0\u202f]/g, ' ' );
			const suffix = language === 'en' ? '' : `/${ language }`;
			for ( const base of [ 'MediaWiki:Gadget-TokenCache', `MediaWiki:Gadget-${ DEBUG_GADGET }`, 'MediaWiki:Gadget-section-developer' ] ) {
				const description = DESCRIPTIONS[ base + suffix ];
				expect( description, base + suffix ).toBeTruthy();
				expect( text ).toContain( shownText( description ) );
			}
		} finally {
			await context.close();
		}
	} );
} );
