// TokenCache loaded as a dependency, and twice, on real MediaWiki 1.39 and 1.43: as the gadget and, as
// README's "For yourself only" install says, from the user's common.js with mw.loader.load of the raw pages;
// and the shield's two files loaded by hand from common.js, as the README says for wikis without its gadget.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser/browser.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from '../support/wiki/wikiState.js';
import { DEBUG_GADGET, maintenance, USERS, wikiInfo, type WikiName } from './support/wikis.js';

const NAMES: WikiName[] = [ 'wiki139', 'wiki143' ];
/** A user with the debug gadget whose common.js loads TokenCache a second time. */
const BOB = { name: 'Bob', password: 'Bob-pass-TokenCache-1' };
/** A user with no gadget who loads TokenCache and the debug gadget from common.js only. */
const CAROL = { name: 'Carol', password: 'Carol-pass-TokenCache-1' };
/** A user with no gadget whose common.js loads TokenCache and, by hand, the shield's two files. */
const ERIN = { name: 'Erin', password: 'Erin-pass-TokenCache-1' };
const RAW_GADGET = '/index.php?title=MediaWiki:Gadget-TokenCache.js&action=raw&ctype=text/javascript';
const rawPage = ( file: string ) => `/index.php?title=MediaWiki:Gadget-${ file }&action=raw&ctype=text/javascript`;
const RAW_DEBUG = `/index.php?title=MediaWiki:Gadget-${ DEBUG_GADGET }.js&action=raw&ctype=text/javascript`;
const COMMON_JS = `mw.loader.load( '${ RAW_GADGET }' );\n`;

let browser: Browser;
beforeAll( async () => {
	await Promise.all( NAMES.map( async ( name ) => {
		const wiki = maintenance( wikiInfo( name ) );
		await wiki.createUser( BOB.name, BOB.password );
		await wiki.setUserOption( BOB.name, `gadget-${ DEBUG_GADGET }`, '1' );
		await wiki.editPage( `User:${ BOB.name }/common.js`, COMMON_JS );
		await wiki.createUser( CAROL.name, CAROL.password );
		await wiki.editPage( `User:${ CAROL.name }/common.js`, `${ COMMON_JS }mw.loader.load( '${ RAW_DEBUG }' );\n` );
		// The README's lines for the shield on a wiki without its gadget: the guards first, then the shield.
		await wiki.createUser( ERIN.name, ERIN.password );
		await wiki.editPage( `User:${ ERIN.name }/common.js`, `${ COMMON_JS }mw.loader.getScript( '${ rawPage( 'TokenCache-guards.js' ) }' ).then( function () {
	mw.loader.load( '${ rawPage( 'TokenCache-shield.js' ) }' );
} );
` );
	} ) );
	browser = await launchBrowser();
} );
afterAll( async () => {
	await browser?.close();
} );

/** A script element's load event comes after the script ran: marks the page once the raw copy executed. */
function markRawCopyRun(): void {
	document.addEventListener( 'load', ( event ) => {
		const script = event.target as HTMLScriptElement;
		if ( script.tagName === 'SCRIPT' && script.src.includes( 'Gadget-TokenCache.js' ) ) {
			document.documentElement.dataset.tokenCacheRawCopy = 'ran';
		}
	}, true );
}

describe.each( NAMES )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'a user with consumer gadgets but not the debug gadget has the library, as their dependency, and no debug link', () => inScenario( browser, wiki, async ( s ) => {
		await s.signIn( USERS.dana );
		const seen = await s.page.evaluate( ( debugModule ) => ( {
			library: typeof window.mw.libs.tokenCache.getToken,
			libraryGadget: window.mw.loader.getState( 'ext.gadget.TokenCache' ),
			debugGadget: window.mw.loader.getState( debugModule ),
			debugLinks: document.querySelectorAll( '#t-tokencache' ).length
		} ), `ext.gadget.${ DEBUG_GADGET }` );
		expect( seen ).toEqual( { library: 'function', libraryGadget: 'ready', debugGadget: 'registered', debugLinks: 0 } );
	} ) );

	test( 'loaded again from common.js, it keeps one instance and one debug link, and still works', () => inScenario( browser, wiki, async ( s ) => {
		const rawRequests: string[] = [];
		s.context.on( 'request', ( request ) => {
			if ( request.url() === wiki.url + RAW_GADGET ) {
				rawRequests.push( request.url() );
			}
		} );
		await s.context.addInitScript( markRawCopyRun );
		await s.login( BOB );
		await s.page.waitForSelector( 'html[data-token-cache-raw-copy=ran]' );
		const seen = await s.page.evaluate( () => {
			const mw = window.mw;
			return new Promise( ( resolve ) => mw.hook( 'tokenCache.ready' ).add( resolve ) ).then( ( announced ) => ( {
				userScripts: mw.loader.getState( 'user' ),
				gadget: mw.loader.getState( 'ext.gadget.TokenCache' ),
				sameAsAnnounced: announced === mw.libs.tokenCache,
				sameAsModule: mw.loader.require( 'ext.gadget.TokenCache' ) === mw.libs.tokenCache,
				debugLinks: document.querySelectorAll( '#t-tokencache' ).length
			} ) );
		} );

		// $wgAllowUserJs is on and common.js really loaded the raw page.
		expect( seen ).toMatchObject( { userScripts: 'ready', gadget: 'ready', sameAsAnnounced: true, sameAsModule: true } );
		expect( rawRequests ).toHaveLength( 1 );
		expect( seen.debugLinks ).toBe( 1 );

		s.api.clear();
		const works = await s.page.evaluate( () => {
			const tokenCache = window.mw.libs.tokenCache;
			return tokenCache.getTokens( [ 'rollback', 'csrf' ] )
				.then( () => tokenCache.postWithToken( 'watch', { action: 'watch', titles: 'Main Page', formatversion: 2 } ) )
				.then( ( response: { watch: { watched: boolean }[] } ) => response.watch[ 0 ].watched );
		} );
		await s.api.settled();
		expect( works ).toBe( true );
		expect( s.api.tokenRequests().map( ( call ) => call.params.type ) ).toEqual( [ 'rollback' ] );
		expect( s.api.withAction( 'watch' ) ).toHaveLength( 1 );
	} ) );

	test( 'loaded from common.js only, library and debug gadget, it works and its debug link opens the panel', () => inScenario( browser, wiki, async ( s ) => {
		await s.context.addInitScript( markRawCopyRun );
		await s.login( CAROL );
		await s.page.waitForSelector( 'html[data-token-cache-raw-copy=ran]' );
		await s.page.waitForSelector( '#t-tokencache' );
		const seen = await s.page.evaluate( ( debugModule ) => ( {
			gadget: window.mw.loader.getState( 'ext.gadget.TokenCache' ),
			debugGadget: window.mw.loader.getState( debugModule ),
			version: window.mw.libs.tokenCache.version,
			debugLinks: document.querySelectorAll( '#t-tokencache' ).length
		} ), `ext.gadget.${ DEBUG_GADGET }` );
		expect( seen ).toEqual( { gadget: 'registered', debugGadget: 'registered', version: expect.any( String ), debugLinks: 1 } );
		await s.page.locator( '#t-tokencache a' ).click();
		await expect.poll( () => s.page.getByRole( 'dialog' ).locator( 'caption' ).first().innerText() ).toMatch( /api\.php$/ );

		s.api.clear();
		const title = `TokenCache from common.js ${ name }`;
		const saved = await s.page.evaluate( ( editTitle ) => window.mw.libs.tokenCache
			.postWithToken( 'csrf', { action: 'edit', title: editTitle, text: 'Saved by the common.js copy', formatversion: 2 } )
			.then( ( response: { edit: { result: string } } ) => response.edit.result ), title );
		await s.api.settled();
		expect( saved ).toBe( 'Success' );
		expect( s.api.tokenRequests() ).toEqual( [] );
		expect( ( await revisionsOf( wiki, title ) ).map( ( r ) => r.user ) ).toEqual( [ CAROL.name ] );
	} ) );

	test( 'the shield\'s two files loaded by hand from common.js switch it on: core mw.Api then shares TokenCache\'s tokens', () => inScenario( browser, wiki, async ( s ) => {
		await s.login( ERIN );
		// The shield tells the debug panel what it saw once it is on; its hook remembers that for later handlers.
		await s.page.evaluate( () => new Promise( ( resolve ) => {
			window.mw.hook( 'tokenCache.shieldSummary' ).add( () => resolve( true ) );
		} ) );
		s.api.clear();
		const seen = await s.page.evaluate( () => {
			const mw = window.mw;
			const core = new mw.Api();
			return Promise.all( [ core.getToken( 'rollback' ), mw.libs.tokenCache.getToken( 'rollback' ) ] ).then( ( tokens: string[] ) => ( {
				shieldGadget: mw.loader.getState( 'ext.gadget.TokenCacheShield' ),
				sameToken: tokens[ 0 ] === tokens[ 1 ]
			} ) );
		} );
		await s.api.settled();
		expect( seen ).toEqual( { shieldGadget: 'registered', sameToken: true } );
		// Unshielded, core and TokenCache would each ask once.
		expect( s.api.tokenRequests().map( ( call ) => call.params.type ) ).toEqual( [ 'rollback' ] );
	} ) );
} );
