// Creates and serves isolated MediaWiki instances from the code trees that scripts/provision.sh
// extracts into .cache/mediawiki/<version>/. One instance = one directory (settings, SQLite files,
// logs) + one port + PHP's built-in server. The code tree itself is never written to.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, openSync, closeSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
	CommandError, assertPortFree, findFreePort, forgetOnExit, killGroup, killOnExit, run, tail
} from './process.mjs';
import { ROOT } from './repository.mjs';
import { articleUrl } from './title.mjs';

const SET_USER_OPTION = path.join( ROOT, 'scripts/lib/setUserOption.php' );
const EDIT_PAGES = path.join( ROOT, 'scripts/lib/editPages.php' );
const INSTANCE_FILE = 'instance.json';
const PID_FILE = 'server.pid';
const DEFAULT_ADMIN_PASSWORD = 'Admin-pass-TokenCache-1';
const START_TIMEOUT_MS = 60_000;

/**
 * @typedef {'1.39' | '1.43'} MwVersion
 *
 * @typedef {Object} CreateWikiOptions
 * @property {MwVersion} version Which extracted code tree to use.
 * @property {string} dir Instance directory; created if missing, reused if it holds an install.
 * @property {string} dbName Database name, unique per instance: cookie names derive from it, and
 *   browsers ignore ports, so two wikis on 127.0.0.1 with one dbName would share session cookies.
 * @property {number} [port] Port to install for. Default: the port a reused instance has, else a free one.
 * @property {string} [adminPassword] Password of the installer's user "Admin". Default: a fixed test password.
 * @property {string} [siteName] Default: the dbName.
 *
 * @typedef {Object} Instance What instance.json stores, so a reused instance keeps its identity.
 * @property {MwVersion} version
 * @property {string} dbName
 * @property {number} port
 * @property {string} adminPassword
 * @property {string} siteName
 */

export class Wiki {
	/**
	 * @param {string} dir
	 * @param {Instance} instance
	 */
	constructor( dir, instance ) {
		this.dir = dir;
		this.version = instance.version;
		this.dbName = instance.dbName;
		this.port = instance.port;
		this.adminUser = 'Admin';
		this.adminPassword = instance.adminPassword;
		this.codeDir = codeDirFor( instance.version );
		/** Exact Debian package version of the code tree, e.g. "1:1.43.9+dfsg-1~deb13u1". */
		this.packageVersion = readFileSync( path.join( this.codeDir, '../../../VERSION' ), 'utf8' ).trim();
		this.url = `http://127.0.0.1:${ this.port }`;
		this.apiUrl = `${ this.url }/api.php`;
		/** Cookie names start with this ($wgCookiePrefix defaults to the database name). */
		this.cookiePrefix = this.dbName.replace( /[=,; +."'\\[]/g, '_' );
		this.sessionCookieName = `${ this.cookiePrefix }_session`;
		/** "Keep me logged in" cookie. */
		this.tokenCookieName = `${ this.cookiePrefix }Token`;
		this.configFile = path.join( dir, 'LocalSettings.php' );
		/** @type {import('node:child_process').ChildProcess | undefined} */
		this.server = undefined;
	}

	/**
	 * @param {string} title
	 * @param {Record<string, string> | URLSearchParams} [query]
	 */
	articleUrl( title, query ) {
		return articleUrl( this.url, title, query );
	}

	/** Starts PHP's built-in server; resolves once the API answers. */
	async start() {
		if ( this.server ) {
			return;
		}
		await this.assertCanStart();
		const logFile = path.join( this.dir, 'logs/server.log' );
		const log = openSync( logFile, 'a' );
		// Own process group (detached): with workers, killing only the parent leaves workers serving.
		const server = spawn( 'php', [ '-S', `127.0.0.1:${ this.port }`, '-t', this.codeDir ], {
			detached: true,
			stdio: [ 'ignore', log, log ],
			env: { ...process.env, MW_CONFIG_FILE: this.configFile, PHP_CLI_SERVER_WORKERS: '4' }
		} );
		closeSync( log );
		if ( server.pid === undefined ) {
			const [ error ] = await once( server, 'error' );
			throw new Error( `cannot run php (${ /** @type {Error} */ ( error ).message }): run scripts/provision.sh` );
		}
		this.server = server;
		killOnExit( server.pid );
		writeFileSync( path.join( this.dir, PID_FILE ), `${ server.pid }\n` );
		const exited = once( server, 'exit' );
		try {
			await waitUntilServing( this.apiUrl, exited, logFile );
		} catch ( error ) {
			await this.stop();
			throw error;
		}
	}

	/** Rejects if a server of this instance already runs or another program holds its port. */
	async assertCanStart() {
		const pid = this.#serverPid();
		if ( pid ) {
			throw new Error( `a server for ${ this.dir } is already running (process group ${ pid }); ` +
				`stop it with openWiki(dir).stop() or: kill -- -${ pid }` );
		}
		await assertPortFree( this.port, `the port of the wiki in ${ this.dir }` );
	}

	/** Stops the server (the whole process group), also one started by another process. */
	async stop() {
		const pid = this.server?.pid ?? this.#serverPid();
		const server = this.server;
		this.server = undefined;
		if ( !pid ) {
			return;
		}
		const exited = !server || server.exitCode !== null || server.signalCode !== null ?
			Promise.resolve() :
			once( server, 'exit' );
		killGroup( pid, 'SIGTERM' );
		// An unref'd timer: a finished stop() must not hold the process open.
		await Promise.race( [ exited, delay( 3000, undefined, { ref: false } ) ] );
		killGroup( pid, 'SIGKILL' ); // workers that ignored SIGTERM; usually the group is gone already
		forgetOnExit( pid );
		rmSync( path.join( this.dir, PID_FILE ), { force: true } );
	}

	/**
	 * Runs a maintenance script against this instance.
	 *
	 * @param {string} script Name in maintenance/ ("edit" or "edit.php") or an absolute path.
	 * @param {string[]} [args]
	 * @param {{ input?: string }} [options] `input` is written to the script's stdin.
	 * @return {Promise<import('./process.mjs').ProcessOutput>}
	 */
	runMaintenance( script, args = [], { input } = {} ) {
		const file = path.isAbsolute( script ) ?
			script :
			path.join( this.codeDir, 'maintenance', script.endsWith( '.php' ) ? script : `${ script }.php` );
		return run( 'php', [ file, ...args ], {
			input,
			env: { ...process.env, MW_CONFIG_FILE: this.configFile, MW_INSTALL_PATH: this.codeDir },
			what: `${ path.basename( file ) } on ${ this.dbName }`
		} );
	}

	/**
	 * Saves a page (a null edit if the text is unchanged).
	 *
	 * @param {string} title
	 * @param {string} text
	 * @param {{ user?: string, summary?: string }} [options] Default user: Admin.
	 */
	async editPage( title, text, { user = 'Admin', summary = 'TokenCache test setup' } = {} ) {
		await this.runMaintenance( 'edit', [ '--user', user, '--summary', summary, title ], { input: text } );
	}

	/**
	 * Saves several pages in one maintenance run, in the order given (unchanged ones are null edits).
	 *
	 * @param {Object.<string, string>} pages title → text
	 * @param {{ user?: string, summary?: string }} [options]
	 */
	async editPages( pages, { user = 'Admin', summary = 'TokenCache test setup' } = {} ) {
		await this.runMaintenance( EDIT_PAGES, [ user, summary ], { input: JSON.stringify( pages ) } );
	}

	/**
	 * Creates a user, or sets the password and adds the groups of an existing one.
	 *
	 * @param {string} name
	 * @param {string} password At least 10 characters and not a common password.
	 * @param {string[]} [groups] e.g. ['sysop', 'interface-admin', 'bureaucrat']
	 */
	async createUser( name, password, groups = [] ) {
		const standard = [ 'sysop', 'bureaucrat', 'interface-admin', 'bot' ];
		const flags = groups.filter( ( g ) => standard.includes( g ) ).map( ( g ) => `--${ g }` );
		const custom = groups.filter( ( g ) => !standard.includes( g ) );
		if ( custom.length ) {
			flags.push( '--custom-groups', custom.join( ',' ) );
		}
		await this.runMaintenance( 'createAndPromote', [ '--force', ...flags, name, password ] );
	}

	/**
	 * @param {string} user
	 * @param {string} key e.g. "gadget-TokenCache" or "skin"
	 * @param {string} value
	 */
	async setUserOption( user, key, value ) {
		await this.runMaintenance( SET_USER_OPTION, [ user, key, value ] );
	}

	/**
	 * Runs one SQL statement on the instance's SQLite files and returns its result rows
	 * (use `RETURNING` to see what a DELETE or UPDATE touched).
	 *
	 * @param {string} query
	 * @param {{ params?: unknown[], db?: 'main' | 'cache' }} [options] `cache` is data/wikicache.sqlite
	 *   (object cache, sessions); `main` the wiki's database.
	 * @return {Promise<Record<string, unknown>[]>}
	 */
	async sql( query, { params = [], db = 'main' } = {} ) {
		const file = path.join( this.dir, 'data', db === 'cache' ? 'wikicache.sqlite' : `${ this.dbName }.sqlite` );
		const php = `
      $db = new PDO('sqlite:' . $argv[1]);
      $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
      $db->exec('PRAGMA busy_timeout = 10000'); // the server may hold a write lock briefly
      $st = $db->prepare($argv[2]);
      $st->execute(json_decode($argv[3]));
      echo json_encode($st->fetchAll(PDO::FETCH_ASSOC), JSON_INVALID_UTF8_SUBSTITUTE);`;
		const { stdout } = await run( 'php', [ '-r', php, file, query, JSON.stringify( params ) ], { what: `SQL on ${ file }` } );
		return JSON.parse( stdout );
	}

	/**
	 * Deletes the server-side session behind a session cookie, so its tokens go stale. The browser
	 * keeps the cookie; with a "Keep me logged in" cookie the next request gets a new session.
	 *
	 * @param {string} sessionCookieValue value of the `<cookiePrefix>_session` cookie
	 */
	async expireSession( sessionCookieValue ) {
		if ( !/^[0-9a-z]+$/i.test( sessionCookieValue ) ) {
			throw new Error( `not a session id: ${ sessionCookieValue }` );
		}
		const rows = await this.sql( 'DELETE FROM objectcache WHERE keyname LIKE ? RETURNING keyname',
			{ params: [ `%:MWSession:${ sessionCookieValue }` ], db: 'cache' } );
		if ( rows.length === 0 ) {
			throw new Error( `no session ${ sessionCookieValue } stored on ${ this.dbName }` );
		}
	}

	/** Process group id of a running server of this instance, from the pid file; else undefined. */
	#serverPid() {
		const file = path.join( this.dir, PID_FILE );
		if ( !existsSync( file ) ) {
			return undefined;
		}
		const pid = Number( readFileSync( file, 'utf8' ) );
		try {
			// Only a php server for this port counts: the pid may have been reused since.
			const cmdline = readFileSync( `/proc/${ pid }/cmdline`, 'utf8' ).split( '\0' );
			if ( cmdline.includes( '-S' ) && cmdline.includes( `127.0.0.1:${ this.port }` ) ) {
				return pid;
			}
		} catch {
			// no such process
		}
		rmSync( file, { force: true } );
		return undefined;
	}
}

/**
 * Installs a wiki into `dir` unless it already holds one, and returns a handle for it.
 * The server is not started: call `start()`.
 *
 * @param {CreateWikiOptions} options
 * @return {Promise<Wiki>}
 */
export async function createWiki( options ) {
	const dir = path.resolve( options.dir );
	const codeDir = codeDirFor( options.version );
	if ( existsSync( path.join( dir, 'LocalSettings.php' ) ) ) {
		const wiki = openWiki( dir );
		for ( const key of /** @type {const} */ ( [ 'version', 'dbName', 'port', 'adminPassword' ] ) ) {
			if ( options[ key ] !== undefined && options[ key ] !== wiki[ key ] ) {
				throw new Error( `${ dir } already holds a wiki with ${ key } ${ wiki[ key ] }, not ${ options[ key ] }: delete the directory to reinstall` );
			}
		}
		await wiki.assertCanStart();
		return wiki;
	}

	const port = options.port ?? await findFreePort();
	await assertPortFree( port, `the port for the new wiki in ${ dir }` );
	/** @type {Instance} */
	const instance = {
		version: options.version,
		dbName: options.dbName,
		port,
		adminPassword: options.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
		siteName: options.siteName ?? options.dbName
	};
	// install.php neither creates the directory nor fails when it cannot write LocalSettings.php.
	await mkdir( path.join( dir, 'data' ), { recursive: true } );
	await run( 'php', [
		path.join( codeDir, 'maintenance/install.php' ),
		'--confpath', dir, '--dbtype', 'sqlite', '--dbpath', path.join( dir, 'data' ),
		'--dbname', instance.dbName, '--server', `http://127.0.0.1:${ port }`, '--scriptpath', '',
		'--lang', 'en', '--pass', instance.adminPassword,
		'--extensions', 'Gadgets', '--skins', 'Vector,MonoBook,Timeless,MinervaNeue',
		instance.siteName, 'Admin'
	], { env: withoutConfigFile(), what: `install.php for ${ dir }` } );
	if ( !existsSync( path.join( dir, 'LocalSettings.php' ) ) ) {
		throw new CommandError( `install.php did not write ${ dir }/LocalSettings.php` );
	}
	await appendFile( path.join( dir, 'LocalSettings.php' ), OVERRIDES );
	for ( const sub of [ 'cache', 'images', 'tmp', 'logs' ] ) {
		await mkdir( path.join( dir, sub ), { recursive: true } );
	}
	await writeFile( path.join( dir, INSTANCE_FILE ), JSON.stringify( instance, null, 2 ) + '\n' );
	return new Wiki( dir, instance );
}

/**
 * A handle for an instance that `createWiki` installed earlier, e.g. in another process: tests get
 * the directory from the global setup and use this for maintenance work and SQL.
 *
 * @param {string} dir
 * @return {Wiki}
 */
export function openWiki( dir ) {
	dir = path.resolve( dir );
	const file = path.join( dir, INSTANCE_FILE );
	if ( !existsSync( file ) ) {
		throw new Error( `${ dir } holds no wiki made by createWiki (no ${ INSTANCE_FILE }): delete it to reinstall` );
	}
	return new Wiki( dir, JSON.parse( readFileSync( file, 'utf8' ) ) );
}

/** Settings appended to the installer's LocalSettings.php. */
const OVERRIDES = `
# ---- Added by scripts/lib/wiki.mjs: an isolated test instance ----
# Debian's PlatformSettings.php points these at /var; keep everything inside this directory.
$wgCacheDirectory = __DIR__ . '/cache';
$wgUploadDirectory = __DIR__ . '/images';
$wgTmpDirectory = __DIR__ . '/tmp';
$wgDBerrorLog = __DIR__ . '/logs/dberror.log';
$wgDebugLogGroups['exception'] = __DIR__ . '/logs/exception.log';
$wgDebugLogGroups['error'] = __DIR__ . '/logs/error.log';
$wgDebugLogGroups['fatal'] = __DIR__ . '/logs/fatal.log';
# The installer finds a stand-in "convert" on this machine.
$wgUseImageMagick = false;
$wgEnableUploads = false;
# An icon that exists: Chromium's request for the default /favicon.ico logs a 404 console error.
$wgFavicon = '/resources/assets/change-your-logo-icon.svg';
# Tests make many edits and token requests quickly.
$wgRateLimits = [];
$wgGroupPermissions['user']['noratelimit'] = true;
# Sessions in the SQLite object cache (data/wikicache.sqlite), so tests can delete one.
$wgSessionCacheType = CACHE_DB;
# mw.ForeignApi with credentials between local wikis on other ports.
$wgCrossSiteAJAXdomains = [ '*' ];
$wgShowExceptionDetails = true;
# Lets tests install the gadget the other documented way, from User:Name/common.js.
$wgAllowUserJs = true;
`;

/** @param {string} version */
function codeDirFor( version ) {
	if ( version !== '1.39' && version !== '1.43' ) {
		throw new Error( `unknown MediaWiki version ${ version } (1.39 or 1.43)` );
	}
	const dir = path.join( ROOT, '.cache/mediawiki', version, 'usr/share/mediawiki' );
	if ( !existsSync( path.join( dir, 'maintenance/install.php' ) ) ) {
		throw new Error( `MediaWiki ${ version } is not in ${ dir }: run scripts/provision.sh` );
	}
	return dir;
}

function withoutConfigFile() {
	const env = { ...process.env };
	delete env.MW_CONFIG_FILE;
	return env;
}

/**
 * @param {string} apiUrl
 * @param {Promise<unknown>} exited resolves when the server process ends
 * @param {string} logFile
 */
async function waitUntilServing( apiUrl, exited, logFile ) {
	let dead = false;
	const died = () => {
		dead = true;
	};
	exited.then( died, died );
	const deadline = Date.now() + START_TIMEOUT_MS;
	while ( Date.now() < deadline ) {
		if ( dead ) {
			throw new Error( `the PHP server for ${ apiUrl } exited:\n${ tail( logFile ) }` );
		}
		let text;
		try {
			const response = await fetch( `${ apiUrl }?action=query&meta=siteinfo&format=json`, { signal: AbortSignal.timeout( 10_000 ) } );
			text = await response.text();
		} catch {
			await delay( 100 ); // not listening yet
			continue;
		}
		// PHP answered: either MediaWiki works, or its settings are broken and waiting won't help.
		try {
			if ( JSON.parse( text )?.query?.general ) {
				return;
			}
		} catch {
			// not JSON: an error page
		}
		await delay( 300 ); // PHP logs the error just after answering
		throw new Error( `the wiki at ${ apiUrl } answers with an error:\n${ text.slice( 0, 2000 ) }\nserver log:\n${ tail( logFile ) }` );
	}
	throw new Error( `the PHP server for ${ apiUrl } did not answer within ${ START_TIMEOUT_MS / 1000 } s:\n${ tail( logFile ) }` );
}
