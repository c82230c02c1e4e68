// Which wiki npm start serves: the one a run made earlier in --dir if it fits the options, else a new
// one; and a clear word when its port is taken or it is served already.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli.mjs';
import { CommandError, assertPortFree } from '../process.mjs';
import { Wiki, createWiki, openWiki } from '../wiki.mjs';
import { DEFAULT_PORTS } from './options.mjs';
import { displayPath, say } from './output.mjs';

const ADMIN_PASSWORD = 'TokenCache-demo-Admin-1';

/**
 * The wiki a run made earlier in options.dir, if any, checked against the options.
 *
 * @param {import('./options.mjs').Options} options
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
 * @param {import('./options.mjs').Options} options
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
 * Before the slow steps: the mistakes that need no MediaWiki code to spot. Without the code (not
 * provisioned yet) a made wiki cannot be opened; openOrCreate checks again after provisioning.
 *
 * @param {import('./options.mjs').Options} options
 */
export async function preflight( options ) {
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
 * The wiki in options.dir, created on the first run.
 *
 * @param {import('./options.mjs').Options} options
 * @return {Promise<{wiki: Wiki, created: boolean}>}
 */
export async function openOrCreate( options ) {
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
		throw error instanceof CommandError ? new CliError( `could not create the wiki: ${ error.message }` ) : error;
	}
}
