// Child-process helpers for the local wikis (scripts/lib/wiki.mjs, start/localWiki.mjs): run a command to
// completion, check ports, and make sure process groups we start die with us.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const COMMAND_TIMEOUT_MS = 120_000;

/**
 * @typedef {{ stdout: string, stderr: string }} ProcessOutput
 */

/** A command that could not run or failed; its message holds what it printed. */
export class CommandError extends Error {
	/** @param {string} message */
	constructor( message ) {
		super( message );
		this.name = 'CommandError';
	}
}

/**
 * Runs a command to completion; rejects with a CommandError with its output on a non-zero exit or
 * after the timeout.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ input?: string, env?: NodeJS.ProcessEnv, what: string }} options
 * @return {Promise<ProcessOutput>}
 */
export function run( command, args, { input, env = process.env, what } ) {
	return new Promise( ( resolve, reject ) => {
		const child = spawn( command, args, { env, stdio: [ 'pipe', 'pipe', 'pipe' ], timeout: COMMAND_TIMEOUT_MS } );
		let stdout = '';
		let stderr = '';
		child.stdout.on( 'data', ( chunk ) => {
			stdout += chunk;
		} );
		child.stderr.on( 'data', ( chunk ) => {
			stderr += chunk;
		} );
		child.on( 'error', ( error ) => reject( new CommandError( `${ what }: cannot run ${ command }: ${ error.message }` ) ) );
		child.on( 'close', ( code, signal ) => {
			if ( code === 0 ) {
				resolve( { stdout, stderr } );
			} else {
				reject( new CommandError( `${ what } failed (${ signal ?? `exit ${ code }` }):\n${ ( stderr + stdout ).trim() }` ) );
			}
		} );
		child.stdin.on( 'error', () => {} ); // the script may exit without reading its input
		child.stdin.end( input ?? '' );
	} );
}

/** @param {string} file */
export function tail( file ) {
	try {
		return readFileSync( file, 'utf8' ).trim().split( '\n' ).slice( -10 ).join( '\n' );
	} catch {
		return '(no log)';
	}
}

/** @return {Promise<number>} */
export function findFreePort() {
	return new Promise( ( resolve, reject ) => {
		const server = net.createServer();
		server.once( 'error', reject );
		server.listen( 0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ ( server.address() );
			server.close( () => resolve( port ) );
		} );
	} );
}

/**
 * @param {number} port
 * @param {string} what
 */
export function assertPortFree( port, what ) {
	return new Promise( ( resolve, reject ) => {
		const server = net.createServer();
		server.once( 'error', ( error ) => reject( new Error(
			`${ what }, 127.0.0.1:${ port }, is in use by another program (${ /** @type {NodeJS.ErrnoException} */ ( error ).code })` ) ) );
		server.listen( port, '127.0.0.1', () => server.close( () => resolve( undefined ) ) );
	} );
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
export function killGroup( pid, signal ) {
	try {
		process.kill( -pid, signal );
	} catch {
		// already gone
	}
}

/** Process groups started by this process that must not outlive it. */
const groupsToKill = new Set();
let handlersRegistered = false;

/**
 * Kills the process group `pgid` when this process ends, however it ends (except SIGKILL).
 *
 * @param {number} pgid
 */
export function killOnExit( pgid ) {
	groupsToKill.add( pgid );
	if ( handlersRegistered ) {
		return;
	}
	handlersRegistered = true;
	const killAll = () => {
		for ( const group of groupsToKill ) {
			killGroup( group, 'SIGKILL' );
		}
		groupsToKill.clear();
	};
	process.on( 'exit', killAll );
	for ( const signal of /** @type {NodeJS.Signals[]} */ ( [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) ) {
		const onSignal = () => {
			killAll();
			// Keep the default behaviour (exit) unless someone else handles the signal too.
			if ( process.listenerCount( signal ) === 1 ) {
				process.removeListener( signal, onSignal );
				process.kill( process.pid, signal );
			}
		};
		process.on( signal, onSignal );
	}
}

/**
 * Undoes `killOnExit` once the group has been stopped.
 *
 * @param {number} pgid
 */
export function forgetOnExit( pgid ) {
	groupsToKill.delete( pgid );
}
