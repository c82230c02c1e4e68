// One run of npm start: what it has started, and how Ctrl-C (or a server that dies) stops it all.
import os from 'node:os';
import { say, warn } from './output.mjs';

/**
 * What a run has started, and how it stops. Ctrl-C (or a server that dies) stops
 * scripts/provision.sh if it runs and the wiki's server, then `finished` resolves with the exit code.
 */
export class Run {
	/** @type {( exitCode: number ) => void} */
	#finish = () => {};

	constructor() {
		/** @type {import('../wiki.mjs').Wiki | undefined} Once opened or created. */
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
		}, ( error ) => {
			warn( `stopping the wiki failed: ${ error?.message ?? error }` );
			this.#finish( exitCode || 1 );
		} );
	}

	stopOnSignals() {
		const onSignal = ( /** @type {NodeJS.Signals} */ signal ) => {
			if ( !this.stopping ) {
				// Interrupted during setup: the conventional 128 + the signal's number (130 for SIGINT).
				this.stop( signal, this.serving ? 0 : 128 + os.constants.signals[ signal ] );
			}
		};
		for ( const signal of [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) {
			process.on( signal, onSignal );
		}
	}
}
