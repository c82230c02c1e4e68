// `npm start`: a local MediaWiki with TokenCache from dist/ installed as a real gadget, a demo gadget
// that uses it and a page that says what to try. Provisions what is missing, rebuilds a stale dist/,
// reuses the wiki's data between runs, and serves until Ctrl-C, then stops every process it started.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDist, readDistGadgets, staleDistFiles } from './lib/dist.mjs';
import { RETIRED_GADGETS } from '../gadgets.mjs';
import { DEFINITIONS_PAGE, withGadgetDefinitions } from './lib/gadgetDefinitions.mjs';
import { DEMO_GADGET, DEMO_PAGE, LEGACY_DEMO_GADGET, MAIN_PAGE_TEXT, demoGadgetCode, demoPageText, legacyGadgetCode } from './lib/demo/index.mjs';
import { CliError, runCommand } from './lib/cli.mjs';
import { assertPortFree } from './lib/process.mjs';
import { Wiki, createWiki, openWiki } from './lib/wiki.mjs';

const ROOT = path.resolve( path.dirname( fileURLToPath( import.meta.url ) ), '..' );
const VERSIONS = [ '1.39', '1.43' ];
const DEFAULT_VERSION = '1.43';
const DEFAULT_PORTS = { 1.39: 8139, 1.43: 8143 };
const ADMIN_PASSWORD = 'TokenCache-demo-Admin-1';
const SUMMARY = 'npm start: install from the work tree';
/** The debug gadget (gadgets.mjs), switched on for Admin through the preference a user would tick. */
const DEBUG_GADGET = 'TokenCacheDebug';

const USAGE = `Usage: npm start [-- options]

Starts a local MediaWiki with TokenCache from dist/ installed as a gadget, plus a demo gadget
that uses it and a page that says what to try. Serves until Ctrl-C.

Options:
  --mw <version>   MediaWiki ${ VERSIONS.join( ' or ' ) } (default ${ DEFAULT_VERSION }; env TOKENCACHE_MW)
  --port <port>    port on 127.0.0.1 (default ${ DEFAULT_PORTS[ '1.39' ] } for 1.39, ${ DEFAULT_PORTS[ '1.43' ] } for 1.43;
                   a wiki made earlier keeps its port)
  --dir <path>     where the wiki keeps its data (default .wikis/start-<version>)
  --help           show this text

The first run installs what is missing (Debian packages need root) and creates the wiki;
later runs reuse its pages and users and start in seconds. Every run rebuilds dist/ if it
does not match src/ and installs the current gadget files of dist/ into the wiki.`;

/**
 * @typedef {Object} Options
 * @property {'1.39' | '1.43'} version
 * @property {number | undefined} port
 * @property {string} dir
 */

/**
 * @param {string[]} argv
 * @return {Options | undefined} undefined after --help
 */
function parseOptions( argv ) {
	let values;
	try {
		( { values } = parseArgs( {
			args: argv,
			options: {
				mw: { type: 'string' },
				port: { type: 'string' },
				dir: { type: 'string' },
				help: { type: 'boolean', default: false }
			},
			strict: true,
			allowPositionals: false
		} ) );
	} catch ( error ) {
		throw new CliError( `${ /** @type {Error} */ ( error ).message } (npm start -- --help lists the options)`, 2 );
	}
	if ( values.help ) {
		console.log( USAGE );
		return undefined;
	}
	const version = values.mw ?? process.env.TOKENCACHE_MW ?? DEFAULT_VERSION;
	if ( !VERSIONS.includes( version ) ) {
		throw new CliError( `unknown MediaWiki version "${ version }": use --mw=1.39 or --mw=1.43`, 2 );
	}
	let port;
	if ( values.port !== undefined ) {
		port = Number( values.port );
		if ( !Number.isInteger( port ) || port < 1 || port > 65535 ) {
			throw new CliError( `--port must be a port number (1-65535), not "${ values.port }"`, 2 );
		}
	}
	return {
		version: /** @type {'1.39' | '1.43'} */ ( version ),
		port,
		dir: path.resolve( ROOT, values.dir ?? `.wikis/start-${ version }` )
	};
}

/** @param {string} message */
function say( message ) {
	console.log( `start: ${ message }` );
}

/**
 * A path as messages show it: short inside the repository.
 *
 * @param {string} dir
 * @return {string} relative to the repository if inside it, else as given
 */
function displayPath( dir ) {
	const relative = path.relative( ROOT, dir );
	return relative && !relative.startsWith( '..' ) ? relative : dir;
}

/**
 * Runs scripts/provision.sh, which installs what is missing and prints its own progress.
 *
 * @param {Function} track Called with the running child process, then with undefined.
 */
async function provision( track ) {
	const child = spawn( 'bash', [ path.join( ROOT, 'scripts/provision.sh' ) ], { stdio: [ 'ignore', 'inherit', 'inherit' ] } );
	track( child );
	const code = await new Promise( ( resolve ) => {
		child.on( 'error', () => resolve( -1 ) );
		child.on( 'close', ( exitCode ) => resolve( exitCode ) );
	} );
	track( undefined );
	if ( code !== 0 ) {
		throw new CliError( 'scripts/provision.sh failed (its message is above)' );
	}
}

/**
 * Rebuilds dist/ if it does not match a fresh build of src/.
 *
 * @return {Promise<void>}
 */
async function buildIfStale() {
	let stale;
	try {
		stale = await staleDistFiles( ROOT );
		if ( stale.length ) {
			await buildDist( ROOT );
		}
	} catch ( error ) {
		throw new CliError( `cannot build src/: ${ /** @type {Error} */ ( error ).message }` );
	}
	say( stale.length ?
		`dist/ did not match src/ (${ stale.join( ', ' ) }): rebuilt it; commit it with your change` :
		'dist/ matches src/' );
}

/**
 * The wiki a run made earlier in options.dir, if any, checked against the options.
 *
 * @param {Options} options
 * @return {Wiki|undefined}
 */
function storedWiki( options ) {
	if ( !existsSync( path.join( options.dir, 'LocalSettings.php' ) ) ) {
		return undefined;
	}
	// Throws a plain Error when the code tree is missing or the folder holds something else.
	const stored = openWiki( options.dir );
	if ( stored.version !== options.version ) {
		throw new CliError( `${ displayPath( options.dir ) } holds a MediaWiki ${ stored.version } wiki, not ${ options.version }: ` +
			'delete it or use another --dir' );
	}
	if ( options.port !== undefined && options.port !== stored.port ) {
		throw new CliError( `the wiki in ${ displayPath( options.dir ) } was made for port ${ stored.port }, not ${ options.port }: ` +
			`run without --port, or delete ${ displayPath( options.dir ) } to make a new wiki (its pages and users are lost), ` +
			'or use another --dir' );
	}
	return stored;
}

/**
 * Says clearly why the wiki cannot serve on its port (taken by another program, or served already).
 *
 * @param {Options} options
 * @param {Wiki|undefined} stored
 */
async function checkPort( options, stored ) {
	const port = stored?.port ?? options.port ?? DEFAULT_PORTS[ options.version ];
	try {
		await ( stored ? stored.assertCanStart() : assertPortFree( port, 'the port' ) );
	} catch ( error ) {
		const message = /** @type {Error} */ ( error ).message;
		const running = /already running \(process group (\d+)\)/.exec( message );
		if ( running ) {
			throw new CliError( `the wiki in ${ displayPath( options.dir ) } is being served already (PHP server process group ` +
				`${ running[ 1 ] }), probably by another npm start: stop that one with Ctrl-C, or: kill -- -${ running[ 1 ] }` );
		}
		throw new CliError( `port ${ port } on 127.0.0.1 is in use by another program. Stop it, or ` + ( stored ?
			`delete ${ displayPath( options.dir ) } and run npm start -- --port <another port> (the wiki keeps the port it was made for)` :
			'choose another port: npm start -- --port <port>' ) );
	}
}

/**
 * The wiki in options.dir, created on the first run.
 *
 * @param {Options} options
 * @return {Promise<{wiki: Wiki, created: boolean}>}
 */
async function openOrCreate( options ) {
	let stored;
	try {
		stored = storedWiki( options );
	} catch ( error ) {
		throw error instanceof CliError ? error : new CliError( `${ /** @type {Error} */ ( error ).message } (or use another --dir)` );
	}
	await checkPort( options, stored );
	if ( stored ) {
		say( `reusing the wiki in ${ displayPath( options.dir ) }` );
		return { wiki: stored, created: false };
	}
	const port = options.port ?? DEFAULT_PORTS[ options.version ];
	say( `creating a MediaWiki ${ options.version } wiki in ${ displayPath( options.dir ) } for port ${ port }` );
	const dirExisted = existsSync( options.dir );
	try {
		const wiki = await createWiki( {
			version: options.version,
			dir: options.dir,
			dbName: `tokencachedemo${ options.version.replace( '.', '' ) }`,
			port,
			adminPassword: ADMIN_PASSWORD,
			siteName: 'TokenCache demo'
		} );
		return { wiki, created: true };
	} catch ( error ) {
		if ( !dirExisted ) {
			// A half-made wiki would be taken for a made one next time.
			rmSync( options.dir, { recursive: true, force: true } );
		}
		throw new CliError( `could not create the wiki: ${ /** @type {Error} */ ( error ).message }` );
	}
}

/**
 * Before the slow steps: the mistakes that need no MediaWiki code to spot. Without the code (not
 * provisioned yet) a made wiki cannot be opened; openOrCreate checks again after provisioning.
 *
 * @param {Options} options
 */
async function preflight( options ) {
	let stored;
	try {
		stored = storedWiki( options );
	} catch ( error ) {
		if ( error instanceof CliError ) {
			throw error;
		}
		return;
	}
	await checkPort( options, stored );
}

/**
 * The wiki's MediaWiki:Gadgets-definition ('' on a new wiki or without the page).
 *
 * @param {Wiki} wiki
 * @param {boolean} created
 * @return {Promise<string>}
 */
async function currentDefinitions( wiki, created ) {
	if ( created ) {
		return '';
	}
	return wiki.runMaintenance( 'getText', [ DEFINITIONS_PAGE ] ).then(
		( output ) => output.stdout,
		( error ) => {
			if ( /does not exist/.test( error.message ) ) {
				return '';
			}
			throw error;
		}
	);
}

/**
 * What install writes on every start (a null edit when unchanged), as the README installs it: the
 * gadget pages, their description pages, their definition lines (merged as `npm run deploy --
 * --definition` does: other gadgets' lines are kept, those of gadgets of earlier releases go) and the
 * demo page; the Main Page only on a new wiki.
 *
 * @param {Wiki} wiki
 * @param {boolean} created
 * @return {Promise<Object.<string, string>>} title → text, in the order they are written
 */
async function pagesToInstall( wiki, created ) {
	const [ gadgets, demoCode, demoText, legacyCode, definitions ] = await Promise.all( [
		readDistGadgets( ROOT ), demoGadgetCode(), demoPageText(), legacyGadgetCode(), currentDefinitions( wiki, created )
	] );
	/** @type {Object.<string, string>} */
	const pages = {};
	for ( const file of gadgets.files ) {
		pages[ `MediaWiki:Gadget-${ file.name }` ] = file.text;
	}
	Object.assign( pages, gadgets.descriptions );
	pages[ `MediaWiki:Gadget-${ DEMO_GADGET.name }.js` ] = demoCode;
	pages[ `MediaWiki:Gadget-${ DEMO_GADGET.name }` ] = DEMO_GADGET.description;
	pages[ `MediaWiki:Gadget-${ LEGACY_DEMO_GADGET.name }.js` ] = legacyCode;
	const updated = withGadgetDefinitions( withGadgetDefinitions( definitions, gadgets.lines, RETIRED_GADGETS ),
		[ '== demo ==', DEMO_GADGET.definition, LEGACY_DEMO_GADGET.definition ] );
	if ( updated.trimEnd() !== definitions.trimEnd() ) {
		// After the pages it names.
		pages[ DEFINITIONS_PAGE ] = updated;
	}
	pages[ DEMO_PAGE ] = demoText;
	if ( created ) {
		pages[ 'Main Page' ] = MAIN_PAGE_TEXT;
	}
	return pages;
}

/**
 * Writes the gadgets of dist/ and the demo into the wiki (in one maintenance run), and gives Admin
 * the debug gadget through the real preference.
 *
 * @param {Wiki} wiki
 * @param {boolean} created
 */
async function install( wiki, created ) {
	say( 'installing TokenCache from dist/ and the demo gadget' );
	try {
		await wiki.editPages( await pagesToInstall( wiki, created ), { summary: SUMMARY } );
		await wiki.setUserOption( wiki.adminUser, `gadget-${ DEBUG_GADGET }`, '1' );
	} catch ( error ) {
		throw new CliError( `installing the gadgets failed: ${ /** @type {Error} */ ( error ).message }` );
	}
}

/**
 * One run of npm start: what it has started, and how it stops. Ctrl-C (or a server that dies) stops
 * scripts/provision.sh if it runs and the wiki's server, then `finished` resolves with the exit code.
 */
class Run {
	/** @type {( exitCode: number ) => void} */
	#finish = () => {};

	constructor() {
		/** @type {Wiki | undefined} Once opened or created. */
		this.wiki = undefined;
		/** @type {import('node:child_process').ChildProcess | undefined} scripts/provision.sh while it runs. */
		this.provisioning = undefined;
		/** Whether the wiki is up: from then on Ctrl-C is the normal end, exit code 0. */
		this.serving = false;
		this.stopping = false;
		/** @type {Promise<number>} The exit code, once everything this run started is stopped. */
		this.finished = new Promise( ( resolve ) => {
			this.#finish = resolve;
		} );
	}

	/**
	 * @param {string} why e.g. "SIGINT"
	 * @param {number} exitCode
	 */
	stop( why, exitCode ) {
		this.stopping = true;
		this.provisioning?.kill( 'SIGTERM' );
		const pid = this.wiki?.server?.pid;
		say( pid ? `${ why }: stopping the wiki (PHP server process group ${ pid })` : `${ why }: stopping` );
		( this.wiki ? this.wiki.stop() : Promise.resolve() ).then( () => {
			say( 'stopped' );
			this.#finish( exitCode );
		} );
	}

	stopOnSignals() {
		const onSignal = ( /** @type {string} */ signal ) => {
			if ( !this.stopping ) {
				// Interrupted during setup: the conventional 128 + SIGINT.
				this.stop( signal, this.serving ? 0 : 130 );
			}
		};
		for ( const signal of [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) {
			process.on( signal, onSignal );
		}
	}
}

/**
 * The steps that need no wiki: the quick checks, then provisioning and the build.
 *
 * @param {Options} options
 * @param {Run} run
 */
async function prepare( options, run ) {
	await preflight( options );
	say( 'checking PHP and the MediaWiki code (scripts/provision.sh)' );
	await provision( ( child ) => {
		run.provisioning = child;
	} );
	if ( !run.stopping ) {
		say( 'checking that dist/ matches a fresh build of src/' );
		await buildIfStale();
	}
}

/**
 * Starts the wiki's server and stops the run when the server exits on its own.
 *
 * @param {Wiki} wiki
 * @param {Run} run
 */
async function serve( wiki, run ) {
	say( `starting the PHP server on ${ wiki.url }` );
	await wiki.start().catch( ( error ) => {
		throw new CliError( `the wiki did not start: ${ error.message }` );
	} );
	wiki.server?.once( 'exit', () => {
		if ( !run.stopping ) {
			console.error( `start: the PHP server exited unexpectedly; see ${ displayPath( path.join( wiki.dir, 'logs/server.log' ) ) }` );
			run.stop( 'server gone', 1 );
		}
	} );
	run.serving = true;
}

/**
 * @param {string[]} argv
 */
async function main( argv ) {
	const options = parseOptions( argv );
	if ( !options ) {
		return;
	}
	const startedMs = performance.now();
	const run = new Run();
	run.stopOnSignals();
	try {
		await prepare( options, run );
		if ( !run.stopping ) {
			const { wiki, created } = await openOrCreate( options );
			run.wiki = wiki;
			await install( wiki, created );
		}
		if ( !run.stopping && run.wiki ) {
			await serve( run.wiki, run );
			printReady( run.wiki, performance.now() - startedMs );
		}
	} catch ( error ) {
		if ( !run.stopping ) {
			await run.wiki?.stop();
			throw error;
		}
		// Interrupted: the step failed because its process got the signal too.
	}
	// The server's process handle keeps Node running until the server is stopped.
	process.exitCode = await run.finished;
}

/**
 * @param {Wiki} wiki
 * @param {number} elapsedMs
 */
function printReady( wiki, elapsedMs ) {
	const release = /\d+\.\d+\.\d+/.exec( wiki.packageVersion )?.[ 0 ] ?? wiki.packageVersion;
	console.log( [
		'',
		`TokenCache demo wiki (MediaWiki ${ release }) ready in ${ ( elapsedMs / 1000 ).toFixed( 1 ) } s:`,
		`  ${ wiki.articleUrl( DEMO_PAGE ) }`,
		`  log in as ${ wiki.adminUser }, password ${ wiki.adminPassword }`,
		`  API for npm run deploy: ${ wiki.apiUrl }`,
		`Data in ${ displayPath( wiki.dir ) } (kept between runs); server log in ${ displayPath( path.join( wiki.dir, 'logs/server.log' ) ) }.`,
		'Press Ctrl-C to stop.',
		''
	].join( '\n' ) );
}

await runCommand( 'start', () => main( process.argv.slice( 2 ) ) );
