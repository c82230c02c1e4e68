// `npm start` from a temporary clone, as a person would run it: a first start creates the wiki and
// prints its address, the demo gadget edits through TokenCache in Chromium, Ctrl-C stops every process
// it started, and a second start reuses the wiki. A port in use fails at once with a clear message.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDistGadgets } from '../../scripts/lib/distGadgets.mjs';
import { DEMO_GADGET, LEGACY_DEMO_GADGET } from '../../scripts/lib/demo/index.mjs';
import { assertPortFree, findFreePort } from '../../scripts/lib/process.mjs';
import { launchBrowser, login } from '../support/browser/browser.js';
import { openWiki } from '../../scripts/lib/wiki.mjs';
import { cleanEnv, cloneWorkTree, type TempClone } from './support/tempClone.js';

/**
 * A first start creates a wiki and writes every gadget file (library, panel, shield, two demo gadgets)
 * with one PHP process per page: on a machine busy with other wikis that takes well over half a minute.
 */
const READY_TIMEOUT_MS = 90_000;
/** A start, a browser session and a stop. */
const START_TEST_TIMEOUT_MS = 150_000;

interface Started {
	child: ChildProcess;
	/** Everything it printed so far, stdout and stderr. */
	output(): string;
	exited: Promise<number | null>;
	/** The demo page's address, as printed. */
	url: string;
}

let clone: TempClone;
let running: Started | undefined;

beforeAll( () => {
	clone = cloneWorkTree();
} );

afterAll( async () => {
	if ( running ) {
		running.child.kill( 'SIGTERM' );
		await running.exited;
	}
	clone?.remove();
} );

/** Runs `npm start` (node scripts/start.mjs) in the clone until it says it is ready. */
async function start( args: string[] = [] ): Promise<Started> {
	const child = spawn( process.execPath, [ 'scripts/start.mjs', ...args ], { cwd: clone.dir, env: cleanEnv(), stdio: [ 'ignore', 'pipe', 'pipe' ] } );
	let output = '';
	child.stdout.on( 'data', ( chunk ) => {
		output += chunk;
	} );
	child.stderr.on( 'data', ( chunk ) => {
		output += chunk;
	} );
	const exited = new Promise<number | null>( ( resolve ) => {
		child.on( 'exit', ( code ) => resolve( code ) );
	} );
	running = { child, output: () => output, exited, url: '' };
	const deadline = Date.now() + READY_TIMEOUT_MS;
	let exitCode: number | null | undefined;
	exited.then( ( code ) => {
		exitCode = code;
	} );
	while ( !output.includes( 'Press Ctrl-C to stop.' ) ) {
		if ( exitCode !== undefined || Date.now() > deadline ) {
			throw new Error( `npm start ${ exitCode !== undefined ? `exited (${ exitCode })` : 'was not ready in time' }:\n${ output }` );
		}
		await delay( 100 );
	}
	running.url = ( /^ {2}(http:\/\/\S+)$/m.exec( output ) as RegExpExecArray )[ 1 ];
	return running;
}

/** Sends `signal` and waits for the exit code. */
async function stop( started: Started, signal: NodeJS.Signals ): Promise<number | null> {
	started.child.kill( signal );
	const code = await started.exited;
	running = undefined;
	return code;
}

/**
 * Whether a live process of the group is left. Zombies do not count: they have ended, and an init
 * that does not reap orphans (as in some containers) keeps them listed.
 */
function processGroupAlive( pgid: number ): boolean {
	return readdirSync( '/proc' ).filter( ( name ) => /^\d+$/.test( name ) ).some( ( pid ) => {
		let stat;
		try {
			stat = readFileSync( `/proc/${ pid }/stat`, 'utf8' );
		} catch {
			return false; // gone meanwhile
		}
		// "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
		const [ state, , pgrp ] = stat.slice( stat.lastIndexOf( ')' ) + 2 ).split( ' ' );
		return Number( pgrp ) === pgid && state !== 'Z';
	} );
}

test.each( [ 'TokenCacheDemo.js', 'TokenCacheLegacyDemo.js' ] )( 'the demo gadget %s is ECMAScript 5, which MediaWiki 1.39 requires of gadgets', ( file ) => {
	const code = readFileSync( new URL( `../../scripts/lib/demo/${ file }`, import.meta.url ), 'utf8' );
	expect( () => parse( code, { ecmaVersion: 5 } ) ).not.toThrow();
} );

describe( 'npm start', () => {
	test( 'a first start creates the wiki, serves TokenCache as the README installs it with the demo, and Ctrl-C stops every process it started', async () => {
		const port = await findFreePort();
		const started = await start( [ '--port', String( port ) ] );
		expect( started.output() ).toContain( 'creating a MediaWiki 1.43 wiki in .wikis/start-1.43' );
		expect( started.output() ).toMatch( /log in as Admin, password \S+/ );
		expect( started.url ).toBe( `http://127.0.0.1:${ port }/index.php?title=TokenCache_demo` );
		const pgid = Number( readFileSync( path.join( clone.dir, '.wikis/start-1.43/server.pid' ), 'utf8' ) );
		expect( processGroupAlive( pgid ) ).toBe( true );

		// The gadgets as dist/ defines and describes them, and the demo in a section of its own.
		const wikiUrl = `http://127.0.0.1:${ port }`;
		const raw = async ( title: string ): Promise<string> => ( await fetch( `${ wikiUrl }/index.php?title=${ encodeURIComponent( title ) }&action=raw` ) ).text();
		const gadgets = await readDistGadgets( clone.dir );
		expect( ( await raw( 'MediaWiki:Gadgets-definition' ) ).trimEnd() ).toBe( [ ...gadgets.lines, '== demo ==', DEMO_GADGET.definition, LEGACY_DEMO_GADGET.definition ].join( '\n' ) );
		for ( const [ title, text ] of Object.entries( gadgets.descriptions ) ) {
			expect( await raw( title ), title ).toBe( text );
		}

		// The demo gadget's button edits the sandbox with mw.libs.tokenCache.postWithToken.
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			await page.goto( started.url );
			await page.click( '#tokencache-demo-append' );
			await expect.poll( () => page.locator( '.mw-notification' ).allInnerTexts(), { timeout: 15_000 } )
				.toContainEqual( expect.stringMatching( /^Saved revision \d+ of TokenCache demo\/Sandbox\.$/ ) );
			// The debug link is for those who chose it: not for this reader, but for Admin, through the preference.
			expect( await page.locator( '#t-tokencache' ).count() ).toBe( 0 );
			const password = /log in as Admin, password (\S+)/.exec( started.output() )?.[ 1 ] as string;
			await login( page, { url: wikiUrl, apiUrl: `${ wikiUrl }/api.php` }, 'Admin', password );
			await page.goto( started.url );
			await page.waitForSelector( '#t-tokencache' );
			expect( await page.evaluate( () => window.mw.user.options.get( 'gadget-TokenCacheDebug' ) ) ).toBe( '1' );

			// The legacy gadget on the demo page: logged in, the shield switched on, the session lost, its
			// core mw.Api edit is refused with sessionlost instead of being saved under the IP address.
			await page.click( '#tokencache-demo-shield-switch' );
			await expect.poll( () => page.textContent( '#tokencache-demo-shield-switch' ) ).toBe( 'Shield is on: switch it off' );
			const demoWiki = openWiki( path.join( clone.dir, '.wikis/start-1.43' ) );
			const session = ( await page.context().cookies( wikiUrl ) ).find( ( cookie ) => cookie.name === demoWiki.sessionCookieName );
			await demoWiki.expireSession( session?.value ?? '' );
			await page.click( '#tokencache-legacy-append' );
			await expect.poll( () => page.textContent( '#tokencache-legacy-result' ), { timeout: 15_000 } ).toBe( 'Not saved: sessionlost.' );
		} finally {
			await browser.close();
		}

		expect( await stop( started, 'SIGINT' ) ).toBe( 0 );
		expect( started.output() ).toContain( `SIGINT: stopping the wiki (PHP server process group ${ pgid })` );
		// SIGKILLed workers take a moment to go.
		await expect.poll( () => processGroupAlive( pgid ), { timeout: 3000 } ).toBe( false );
		await assertPortFree( port, 'the demo wiki\'s port' );
	}, START_TEST_TIMEOUT_MS );

	test( 'a second start reuses the wiki and its pages, and stops on SIGTERM', async () => {
		const started = await start();
		expect( started.output() ).toContain( 'reusing the wiki in .wikis/start-1.43' );
		const raw = await fetch( started.url.replace( 'TokenCache_demo', 'TokenCache_demo/Sandbox&action=raw' ) );
		expect( await raw.text() ).toContain( 'Appended by the TokenCache demo gadget' );
		expect( await stop( started, 'SIGTERM' ) ).toBe( 0 );
	}, START_TEST_TIMEOUT_MS );

	test( 'a port in use: says so and exits non-zero before any slow step', async () => {
		const blocker = net.createServer();
		await new Promise<void>( ( resolve ) => {
			blocker.listen( 0, '127.0.0.1', resolve );
		} );
		const port = ( blocker.address() as net.AddressInfo ).port;
		const dir = path.join( os.tmpdir(), `tokencache-start-${ port }` );
		try {
			const result = await clone.runScript( 'start', [ '--port', String( port ), '--dir', dir ] );
			expect( result.code ).toBe( 1 );
			expect( result.stderr ).toContain( `start: port ${ port } on 127.0.0.1 is in use by another program` );
			expect( result.stdout ).not.toContain( 'provision' );
			expect( existsSync( dir ) ).toBe( false );
		} finally {
			blocker.close();
		}
	} );
} );
