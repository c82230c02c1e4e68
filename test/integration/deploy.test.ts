// `npm run deploy` against a real MediaWiki 1.43 of its own (publishing to MediaWiki:Gadget-TokenCache.js
// must not change the gadget the other tests run), from a temporary clone (deploy refuses a dirty work
// tree). Bot passwords with and without the needed grants; the gadgets it publishes run in Chromium.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDistGadgets } from '../../scripts/lib/distGadgets.mjs';
import { DEFINITIONS_PAGE, parseGadgetLine } from '../../scripts/lib/gadgetDefinitions.mjs';
import { findFreePort } from '../../scripts/lib/process.mjs';
import { createWiki, type Wiki } from '../../scripts/lib/wiki.mjs';
import { articleUrl, launchBrowser, login } from '../support/browser/browser.js';
import { cloneWorkTree, type TempClone } from './support/tempClone.js';

const GADGET_PAGE = 'MediaWiki:Gadget-TokenCache.js';
/** Bot passwords are 32+ characters of 0-9 and a-w. */
const BOT_PASSWORD = 'tokencachetestbotpassword0123456789';
const DEPLOYER = { name: 'Deployer', password: 'Deployer-pass-TokenCache-1' };
/**
 * Lines of other gadgets, around the lines an earlier release installed (the library for everyone and
 * its hidden panel gadget): deploy --definition must keep the others as they are, replace the
 * library's line where it is, take the panel's out and add the debug gadget in its own section.
 */
const OLD_LINE = '* TokenCache[ResourceLoader|hidden|default|dependencies=mediawiki.api,mediawiki.util]|TokenCache.js';
const OLD_PANEL_LINE = '* TokenCachePanel[ResourceLoader|hidden|dependencies=ext.gadget.TokenCache]|TokenCache-panel.js';
const DEFINITIONS_BEFORE = [
	'== Tools ==',
	'* Other[ResourceLoader]|Other.js',
	OLD_LINE,
	OLD_PANEL_LINE,
	'* Third[ResourceLoader|default]|Third.js'
].join( '\n' );
/** A section heading the wiki already has in French: deploy leaves it alone. */
const OWN_SECTION_PAGE = 'MediaWiki:Gadget-section-developer/fr';
const OWN_SECTION_TEXT = 'Développement';

let clone: TempClone;
let wiki: Wiki;
let browser: Browser;
/** The built files (TokenCache.js, TokenCacheDebug.js), definition lines and descriptions of the clone's dist/. */
let gadgets: Awaited<ReturnType<typeof readDistGadgets>>;
/** The library's own definition line; the others (section heading, debug gadget) are added at the end. */
let libraryLine: string;
let otherLines: string[];
/** The definition page after deploy --definition. */
let definitionsAfter: string;
let summary: string;

beforeAll( async () => {
	clone = cloneWorkTree();
	gadgets = await readDistGadgets( clone.dir );
	libraryLine = gadgets.lines.find( ( line ) => parseGadgetLine( line )?.name === 'TokenCache' ) as string;
	otherLines = gadgets.lines.filter( ( line ) => line !== libraryLine );
	definitionsAfter = [ DEFINITIONS_BEFORE.replace( OLD_LINE, libraryLine ).replace( `${ OLD_PANEL_LINE }\n`, '' ), ...otherLines ].join( '\n' );
	const version = JSON.parse( readFileSync( path.join( clone.dir, 'package.json' ), 'utf8' ) ).version;
	summary = `TokenCache ${ version } (${ clone.git( 'rev-parse', '--short', 'HEAD' ) })`;

	// Inside the clone, where .wikis/ is git-ignored: the clone stays clean.
	wiki = await createWiki( { version: '1.43', dir: path.join( clone.dir, '.wikis/deploy143' ), dbName: 'deploy143' } );
	await wiki.createUser( DEPLOYER.name, DEPLOYER.password );
	const botPassword = ( user: string, app: string, grants: string ) => wiki.runMaintenance( 'createBotPassword',
		[ '--appid', app, '--grants', `basic,${ grants }`, user, BOT_PASSWORD ] );
	await botPassword( 'Admin', 'deploy', 'editsiteconfig,createeditmovepage' );
	await botPassword( 'Admin', 'pages', 'editpage,createeditmovepage' );
	await botPassword( DEPLOYER.name, 'site', 'editsiteconfig,createeditmovepage' );
	await botPassword( DEPLOYER.name, 'mine', 'editmycssjs,createeditmovepage' );
	await wiki.editPage( DEFINITIONS_PAGE, DEFINITIONS_BEFORE );
	await wiki.editPage( OWN_SECTION_PAGE, OWN_SECTION_TEXT );
	// The README's common.js install: the library, and the debug gadget for its link and panel.
	const load = ( file: string ): string => `mw.loader.load( '/index.php?title=User:Deployer/${ file }&action=raw&ctype=text/javascript' );`;
	await wiki.editPage( 'User:Deployer/common.js', `${ load( 'TokenCache.js' ) }\n${ load( 'TokenCacheDebug.js' ) }\n`, { user: DEPLOYER.name } );
	await wiki.start();
	browser = await launchBrowser();
} );

afterAll( async () => {
	await browser?.close();
	await wiki?.stop();
	clone?.remove();
} );

function deploy( args: string[], env: Record<string, string> = { TOKENCACHE_PASSWORD: BOT_PASSWORD } ) {
	return clone.runScript( 'deploy', [ '--api', wiki.apiUrl, ...args ], env );
}

/** Every revision of the wiki: "nothing written" means this stays the same. */
async function revisionCount(): Promise<number> {
	const [ row ] = await wiki.sql( 'SELECT COUNT(*) AS n FROM revision' );
	return Number( row.n );
}

async function pageRevisions( title: string ): Promise<{ revid: number; comment: string; content: string }[]> {
	const query = new URLSearchParams( {
		action: 'query', prop: 'revisions', titles: title, rvprop: 'ids|comment|content', rvslots: 'main',
		rvlimit: 'max', format: 'json', formatversion: '2'
	} );
	const response = await fetch( `${ wiki.apiUrl }?${ query }` );
	const page = ( await response.json() ).query.pages[ 0 ];
	type Revision = { revid: number; comment: string; slots?: { main?: { content?: string } } };
	return ( page.revisions ?? [] ).map( ( r: Revision ) => ( { revid: r.revid, comment: r.comment, content: r.slots?.main?.content ?? '' } ) );
}

async function currentText( title: string ): Promise<string> {
	return ( await pageRevisions( title ) )[ 0 ]?.content ?? '';
}

describe( 'refusals before anything is sent', () => {
	test( 'refuses a --password flag and says where a password may come from', async () => {
		const result = await clone.runScript( 'deploy', [ '--password', BOT_PASSWORD ] );
		expect( result.code ).toBe( 2 );
		expect( result.stderr ).toContain( 'no --password flag' );
		expect( result.stderr ).toContain( 'TOKENCACHE_PASSWORD' );
		expect( result.stderr ).toContain( '.deploy-credentials.json' );
		expect( result.stdout + result.stderr ).not.toContain( BOT_PASSWORD );
	} );

	test( 'refuses a work tree with uncommitted changes', async () => {
		const before = await revisionCount();
		const file = path.join( clone.dir, 'src/notCommitted.ts' );
		writeFileSync( file, 'export const x = 1;\n' );
		try {
			const result = await deploy( [ '--username', 'Admin@deploy', '--definition' ] );
			expect( result.code ).toBe( 1 );
			expect( result.stderr ).toContain( 'not committed' );
			expect( result.stderr ).toContain( '?? src/notCommitted.ts' );
		} finally {
			rmSync( file );
		}
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'refuses a credentials file that was committed, and sends nothing', async () => {
		const before = await revisionCount();
		const credentials = path.join( clone.dir, '.deploy-credentials.json' );
		writeFileSync( credentials, JSON.stringify( { username: 'Admin@deploy', password: BOT_PASSWORD } ), { mode: 0o600 } );
		clone.git( 'add', '--force', '.deploy-credentials.json' );
		clone.git( 'commit', '--quiet', '-m', 'Commit a password by mistake' );
		try {
			const result = await deploy( [], {} );
			expect( result.code ).toBe( 1 );
			expect( result.stderr ).toContain( '.deploy-credentials.json is committed to the repository' );
			expect( result.stdout + result.stderr ).not.toContain( BOT_PASSWORD );
		} finally {
			clone.git( 'reset', '--quiet', '--hard', 'HEAD~1' );
			rmSync( credentials, { force: true } );
		}
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'refuses a committed dist/ that differs from a fresh build of src/', async () => {
		const before = await revisionCount();
		const library = readFileSync( path.join( clone.dir, 'dist/TokenCache.js' ), 'utf8' );
		writeFileSync( path.join( clone.dir, 'dist/TokenCache.js' ), library.replace( '// </nowiki>', 'window.edited = 1;\n// </nowiki>' ) );
		clone.commitAll( 'Edit dist/ by hand' );
		try {
			const result = await deploy( [ '--username', 'Admin@deploy' ] );
			expect( result.code ).toBe( 1 );
			expect( result.stderr ).toContain( 'dist/ does not match a fresh build of src/ (TokenCache.js differs)' );
		} finally {
			clone.git( 'reset', '--quiet', '--hard', 'HEAD~1' );
		}
		expect( await revisionCount() ).toBe( before );
	} );
} );

// None of these writes. One after another: side by side, five builds and logins against one SQLite wiki
// can outlast the script's time limit on a busy two-core machine.
describe( 'runs that write nothing', () => {
	test( '--dry-run prints a unified diff against the wiki and writes nothing', async () => {
		const before = await revisionCount();
		const result = await deploy( [ '--username', 'Admin@deploy', '--definition', '--dry-run' ] );
		expect( result.stderr ).toBe( '' );
		expect( result.code ).toBe( 0 );
		for ( const file of gadgets.files ) {
			expect( result.stdout ).toContain( `--- MediaWiki:Gadget-${ file.name } (does not exist on the wiki)\n+++ dist/${ file.name }\n@@ -0,0 +1,` );
			expect( result.stdout ).toContain( `+${ file.text.split( '\n' )[ 1 ] }\n` );
		}
		// The definitions: the library's line replaced, the old panel's taken out, the others kept as context,
		// the debug gadget added in its section.
		expect( result.stdout ).toContain( ` * Other[ResourceLoader]|Other.js\n-${ OLD_LINE }\n-${ OLD_PANEL_LINE }\n+${ libraryLine }\n` +
			` * Third[ResourceLoader|default]|Third.js\n${ otherLines.map( ( line ) => `+${ line }\n` ).join( '' ) }` );
		// The description pages, but not a section heading the wiki has already.
		expect( result.stdout ).toContain( '--- MediaWiki:Gadget-TokenCacheDebug/es (does not exist on the wiki)' );
		expect( result.stdout ).toContain( `${ OWN_SECTION_PAGE } exists: left as it is` );
		expect( result.stdout ).toContain( 'dry run: nothing was written' );
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'a wrong password: login failed', async () => {
		const before = await revisionCount();
		const result = await deploy( [ '--username', 'Admin@deploy', '--definition' ],
			{ TOKENCACHE_PASSWORD: BOT_PASSWORD.replace( /0/g, '1' ) } );
		expect( result.code ).toBe( 1 );
		expect( result.stderr ).toContain( `login as Admin@deploy at ${ wiki.apiUrl } failed: Incorrect username or password` );
		expect( result.stderr ).toContain( 'nothing was written' );
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'a bot password without the editsiteconfig grant: names the grant', async () => {
		const before = await revisionCount();
		const result = await deploy( [ '--username', 'Admin@pages', '--definition' ] );
		expect( result.code ).toBe( 1 );
		expect( result.stderr ).toContain( `Admin@pages may not create ${ GADGET_PAGE }: the bot password lacks the rights "editinterface", "editsitejs"` );
		expect( result.stderr ).toContain( 'editsiteconfig ("Edit sitewide and user CSS/JS") at Special:BotPasswords/pages' );
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'a user who is not an interface administrator: says so', async () => {
		const before = await revisionCount();
		const result = await deploy( [ '--username', 'Deployer@site', '--definition' ] );
		expect( result.code ).toBe( 1 );
		expect( result.stderr ).toContain( `Deployer@site may not create ${ GADGET_PAGE }: the user Deployer` );
		expect( result.stderr ).toContain( 'interface-admin' );
		expect( await revisionCount() ).toBe( before );
	} );

	test( 'an API nobody answers at: cannot reach it', async () => {
		const api = `http://127.0.0.1:${ await findFreePort() }/api.php`;
		const result = await clone.runScript( 'deploy', [ '--api', api, '--username', 'Admin@deploy' ], { TOKENCACHE_PASSWORD: BOT_PASSWORD } );
		expect( result.code ).toBe( 1 );
		expect( result.stderr ).toContain( `cannot reach the API at ${ api }` );
		expect( result.stderr ).toContain( 'ECONNREFUSED' );
	} );
} );

describe( 'publishing', () => {
	test( '--user-page publishes to User:<name>/, where the user\'s common.js loads the library and the debug gadget', async () => {
		// The git-ignored credentials file, not the environment; the clone stays clean with it.
		const credentials = path.join( clone.dir, '.deploy-credentials.json' );
		writeFileSync( credentials, JSON.stringify( { api: wiki.apiUrl, username: 'Deployer@mine', password: BOT_PASSWORD } ), { mode: 0o600 } );
		try {
			const result = await clone.runScript( 'deploy', [ '--user-page' ] );
			expect( result.stderr ).toBe( '' );
			expect( result.code ).toBe( 0 );
		} finally {
			rmSync( credentials );
		}
		for ( const file of gadgets.files ) {
			const revisions = await pageRevisions( `User:Deployer/${ file.name }` );
			expect( revisions.map( ( r ) => r.comment ) ).toEqual( [ summary ] );
			expect( revisions[ 0 ].content ).toBe( file.text.trimEnd() );
		}

		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await login( page, wiki, DEPLOYER.name, DEPLOYER.password );
			await page.goto( articleUrl( wiki, 'Main Page' ) );
			await page.waitForFunction( () => window.mw?.libs?.tokenCache !== undefined );
			const loaded = await page.evaluate( async () => ( {
				// The site's gadget pages are not published yet (the old default line names an empty page):
				// the instance came from the user page.
				fromUserPage: performance.getEntriesByType( 'resource' ).some( ( entry ) => entry.name.includes( 'User:Deployer/TokenCache.js' ) ),
				csrf: await window.mw.libs.tokenCache.getToken( 'csrf' )
			} ) );
			expect( await pageRevisions( GADGET_PAGE ) ).toEqual( [] );
			expect( loaded.fromUserPage ).toBe( true );
			expect( loaded.csrf ).toMatch( /^[0-9a-f]{40}\+\\$/ );
			// The debug gadget's copy (the site does not define that gadget yet) adds the link, which opens the panel.
			expect( await page.evaluate( () => window.mw.loader.getState( 'ext.gadget.TokenCacheDebug' ) ) ).toBeNull();
			await page.locator( '#t-tokencache a' ).click();
			await expect.poll( () => page.getByRole( 'dialog', { name: /^TokenCache / } ).isVisible() ).toBe( true );
		} finally {
			await context.close();
		}
	} );

	test( 'without --definition publishes the files and warns that the definitions are not current', async () => {
		const result = await deploy( [ '--username', 'Admin@deploy' ] );
		expect( result.code ).toBe( 0 );
		for ( const file of gadgets.files ) {
			expect( result.stdout ).toContain( `created MediaWiki:Gadget-${ file.name }` );
			const revisions = await pageRevisions( `MediaWiki:Gadget-${ file.name }` );
			expect( revisions.map( ( r ) => r.comment ) ).toEqual( [ summary ] );
			expect( revisions[ 0 ].content ).toBe( file.text.trimEnd() );
		}
		expect( result.stderr ).toContain( `warning: ${ DEFINITIONS_PAGE } lacks the current TokenCache definition lines` );
		expect( await currentText( DEFINITIONS_PAGE ) ).toBe( DEFINITIONS_BEFORE );
		expect( await pageRevisions( 'MediaWiki:Gadget-TokenCache' ) ).toEqual( [] );
	} );

	test( '--definition moves the old lines to the new layout, keeps the others and publishes the descriptions', async () => {
		const result = await deploy( [ '--username', 'Admin@deploy', '--definition' ] );
		expect( result.stderr ).toBe( '' );
		expect( result.code ).toBe( 0 );
		expect( result.stdout ).toContain( `${ GADGET_PAGE } is up to date` );
		expect( result.stdout ).toContain( `saved ${ DEFINITIONS_PAGE }` );
		expect( ( await pageRevisions( DEFINITIONS_PAGE ) )[ 0 ].comment ).toBe( `${ summary }: gadget definitions` );
		expect( await currentText( DEFINITIONS_PAGE ) ).toBe( definitionsAfter );
		for ( const [ title, text ] of Object.entries( gadgets.descriptions ) ) {
			expect( await currentText( title ), title ).toBe( title === OWN_SECTION_PAGE ? OWN_SECTION_TEXT : text );
		}
	} );

	test( 'after --definition a reader loads no TokenCache module, and ?withgadget=TokenCacheDebug loads both gadgets', async () => {
		expect( await currentText( DEFINITIONS_PAGE ) ).toBe( definitionsAfter );
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto( articleUrl( wiki, 'Main Page' ) );
			await page.waitForFunction( () => window.mw?.loader.getState( 'ext.gadget.TokenCache' ) !== null );
			expect( await page.evaluate( () => [ 'ext.gadget.TokenCache', 'ext.gadget.TokenCacheDebug', 'ext.gadget.TokenCachePanel' ]
				.map( ( name ) => window.mw.loader.getState( name ) ) ) ).toEqual( [ 'registered', 'registered', null ] );
			await page.goto( articleUrl( wiki, 'Main Page', { withgadget: 'TokenCacheDebug' } ) );
			// In the Tools menu, which Vector 2022 keeps collapsed for readers.
			await page.waitForSelector( '#t-tokencache', { state: 'attached' } );
			expect( await page.evaluate( () => typeof window.mw.libs.tokenCache?.version ) ).toBe( 'string' );
		} finally {
			await context.close();
		}
	} );

	test( 'a second run writes nothing', async () => {
		const before = await revisionCount();
		const result = await deploy( [ '--username', 'Admin@deploy', '--definition' ] );
		expect( result.code ).toBe( 0 );
		for ( const file of gadgets.files ) {
			expect( result.stdout ).toContain( `MediaWiki:Gadget-${ file.name } is up to date` );
		}
		expect( result.stdout ).toContain( `${ DEFINITIONS_PAGE } is up to date` );
		expect( await revisionCount() ).toBe( before );
	} );

	test( '--definition adds the lines at the end when the page has none', async () => {
		const others = DEFINITIONS_BEFORE.split( '\n' ).filter( ( line ) => line !== OLD_LINE && line !== OLD_PANEL_LINE ).join( '\n' );
		await wiki.editPage( DEFINITIONS_PAGE, others );
		const result = await deploy( [ '--username', 'Admin@deploy', '--definition' ] );
		expect( result.code ).toBe( 0 );
		expect( await currentText( DEFINITIONS_PAGE ) ).toBe( [ others, ...gadgets.lines ].join( '\n' ) );
	} );
} );
