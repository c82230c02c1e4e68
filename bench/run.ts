// `npm run bench`: starts fresh wikis under .wikis/bench/ (MediaWiki 1.43 and 1.39 with TokenCache
// installed, and a second 1.43 as the foreign wiki), runs every benchmark case in headless Chromium through
// TokenCache and through core mw.Api, prints the table and writes it to bench/results.md.
// Whatever happens (success, failure, Ctrl-C) it stops every wiki server and browser it started.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEBUG_GADGET } from '../gadgets.mjs';
import { readGadgetsIn } from '../scripts/lib/distGadgets.mjs';
import { installTokenCache } from '../scripts/lib/gadget.mjs';
import { ROOT } from '../scripts/lib/repository.mjs';
import { createWiki, openWiki, type Wiki } from '../scripts/lib/wiki.mjs';
import { launchBrowser } from '../test/support/browser/browser.js';
import { WRITERS_GADGET_SPEC } from '../test/support/browser/writers.js';
import { markdown, textTable, type Outcome } from './report.js';
import { measureSize } from './size.js';
import { BENCH_CASES } from './cases.js';

const WIKIS_DIR = path.join( ROOT, '.wikis/bench' );
const DIST_DIR = path.join( ROOT, 'dist' );
const DIST_FILE = path.join( DIST_DIR, 'TokenCache.js' );
const DEBUG_FILE = path.join( DIST_DIR, 'TokenCacheDebug.js' );
const GUARDS_FILE = path.join( DIST_DIR, 'TokenCache-guards.js' );
const SHIELD_FILE = path.join( DIST_DIR, 'TokenCache-shield.js' );
const RESULTS_FILE = path.join( ROOT, 'bench/results.md' );
/** A case that takes longer than this on one wiki hangs: fail instead of waiting forever. */
const CASE_TIMEOUT_MS = 120_000;

/** Each wiki has its own dbName: cookies ignore ports, and cookie names derive from the dbName. */
const HOME_WIKIS = [ { name: 'bench143', version: '1.43' }, { name: 'bench139', version: '1.39' } ] as const;
const FOREIGN_WIKI = { name: 'bench143b', version: '1.43' } as const;

let browser: Browser | undefined;
const wikis: Wiki[] = [];
/** Set by a signal: the run is being torn down, and the errors that causes are not worth printing. */
let interrupted = false;

async function main(): Promise<void> {
	const started = performance.now();
	try {
		execFileSync( 'bash', [ path.join( ROOT, 'scripts/provision.sh' ) ], { stdio: 'inherit' } );
	} catch {
		throw new Error( 'scripts/provision.sh failed (its message is above): the bench needs PHP, Chromium and the MediaWiki trees' );
	}
	// Every file the gadget definitions name is there, or it says to run npm run build.
	await readGadgetsIn( DIST_DIR );

	const [ foreign, ...homes ] = await startWikis();
	browser = await launchBrowser();
	console.log( `bench: wikis and Chromium ${ browser.version() } ready in ${ seconds( started ) } s` );

	const outcomes: Outcome[] = [];
	for ( const benchCase of BENCH_CASES ) {
		for ( const home of homes ) {
			if ( interrupted ) {
				return;
			}
			const caseStarted = performance.now();
			const outcome = await withTimeout( benchCase( { browser, home, foreign } ), `${ benchCase.name } on MediaWiki ${ home.version }` );
			console.log( `bench: ${ outcome.label } on ${ outcome.version }: ours ${ outcome.ours.text }; ` +
				`core ${ outcome.core.text } (${ seconds( caseStarted ) } s)` );
			outcomes.push( outcome );
		}
	}

	const size = await Promise.all( [ DIST_FILE, DEBUG_FILE, SHIELD_FILE, GUARDS_FILE ].map( measureSize ) );
	const runSeconds = ( performance.now() - started ) / 1000;
	console.log( `\n${ textTable( outcomes, size ) }\n` );
	writeFileSync( RESULTS_FILE, markdown( outcomes, size, {
		date: new Date().toISOString().slice( 0, 10 ),
		chromium: browser.version(),
		mediawiki: Object.fromEntries( homes.map( ( wiki ) => [ wiki.version, wiki.packageVersion ] ) ),
		node: process.version,
		seconds: runSeconds
	} ) );
	console.log( `bench: wrote ${ path.relative( ROOT, RESULTS_FILE ) }; the run took ${ runSeconds.toFixed( 0 ) } s` );
}

/** Fresh wikis each run, the foreign one first; servers a killed earlier run left behind are stopped. */
async function startWikis(): Promise<Wiki[]> {
	const specs = [ FOREIGN_WIKI, ...HOME_WIKIS ];
	for ( const { name } of specs ) {
		if ( existsSync( path.join( WIKIS_DIR, name, 'instance.json' ) ) ) {
			await openWiki( path.join( WIKIS_DIR, name ) ).stop();
		}
	}
	rmSync( WIKIS_DIR, { recursive: true, force: true } );
	return Promise.all( specs.map( async ( { name, version } ) => {
		const wiki = await createWiki( { version, dir: path.join( WIKIS_DIR, name ), dbName: name } );
		wikis.push( wiki );
		if ( name !== FOREIGN_WIKI.name ) {
			// The writers gadget writes the ways gadgets do without mw.Api's token methods (write pattern cases).
			await installTokenCache( wiki, { distDir: path.dirname( DIST_FILE ), consumerGadgets: [ WRITERS_GADGET_SPEC ] } );
			// The library loads where something uses it: here the debug gadget, chosen in Admin's preferences.
			await wiki.setUserOption( wiki.adminUser, `gadget-${ DEBUG_GADGET }`, '1' );
		}
		await wiki.start();
		return wiki;
	} ) );
}

/** `work`, failing with a message that names `what` if it fails or takes too long. */
function withTimeout<T>( work: Promise<T>, what: string ): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>( ( _resolve, reject ) => {
		timer = setTimeout( () => reject( new Error( `did not finish within ${ CASE_TIMEOUT_MS / 1000 } s` ) ), CASE_TIMEOUT_MS );
	} );
	return Promise.race( [ work, timeout ] ).then( ( result ) => result, ( error: unknown ) => {
		throw new Error( `${ what }: ${ error instanceof Error ? error.message : String( error ) }` );
	} ).finally( () => clearTimeout( timer ) );
}

function seconds( since: number ): string {
	return ( ( performance.now() - since ) / 1000 ).toFixed( 1 );
}

/** Closes Chromium and stops every wiki server (whole process groups). Never throws. */
async function release(): Promise<void> {
	const closing = browser?.close().catch( () => undefined );
	browser = undefined;
	await Promise.all( [ closing, ...wikis.map( ( wiki ) => wiki.stop().catch( () => undefined ) ) ] );
}

function onSignal( signal: NodeJS.Signals, exitCode: number ): void {
	process.on( signal, () => {
		if ( interrupted ) {
			return; // tsx relays the terminal's Ctrl-C, so it may come twice
		}
		interrupted = true;
		process.exitCode = exitCode;
		console.error( `\nbench: interrupted (${ signal }); stopping the wikis and Chromium` );
		// A case may still be waiting on the page: do not let it keep the process alive. The exit
		// handlers of scripts/lib/process.mjs and Playwright then kill whatever release() has not.
		// eslint-disable-next-line n/no-process-exit
		setTimeout( () => process.exit(), 5000 ).unref();
		release();
	} );
}
onSignal( 'SIGINT', 130 );
onSignal( 'SIGTERM', 143 );
onSignal( 'SIGHUP', 129 );

main().then( () => 0, ( error: unknown ) => {
	if ( !interrupted ) {
		console.error( `\nbench: FAILED: ${ error instanceof Error ? error.message : String( error ) }` );
	}
	return 1;
} ).then( async ( exitCode ) => {
	if ( !interrupted ) {
		process.exitCode = exitCode;
		await release();
	}
} );
