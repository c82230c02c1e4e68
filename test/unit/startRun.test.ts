// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Run } from '../../scripts/lib/start/run.mjs';
import type { Wiki } from '../../scripts/lib/wiki.mjs';

const SIGNALS = [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] as const;

/** A wiki whose server stops as `stop` says; only what Run uses. */
function fakeWiki( stop: () => Promise<void> ): Wiki {
	return { server: { pid: 4242 }, stop } as unknown as Wiki;
}

// What each test adds to `process`, taken off again: the runner itself listens to some of these signals.
let listenersBefore: Map<string, Set<NodeJS.SignalsListener>>;
let printed: string[];
beforeEach( () => {
	listenersBefore = new Map( SIGNALS.map( ( signal ) => [ signal, new Set( process.listeners( signal ) ) ] ) );
	printed = [];
	vi.spyOn( console, 'log' ).mockImplementation( ( line: string ) => printed.push( line ) );
	vi.spyOn( console, 'error' ).mockImplementation( ( line: string ) => printed.push( line ) );
} );
afterEach( () => {
	for ( const signal of SIGNALS ) {
		for ( const listener of process.listeners( signal ) ) {
			if ( !listenersBefore.get( signal )?.has( listener ) ) {
				process.off( signal, listener );
			}
		}
	}
} );

describe( 'npm start\'s run: how it stops and with which exit code', () => {
	it( 'stops the wiki\'s server and then finishes with the exit code it was given', async () => {
		const run = new Run();
		const stop = vi.fn( () => Promise.resolve() );
		run.wiki = fakeWiki( stop );
		run.stop( 'SIGINT', 130 );
		expect( await run.finished ).toBe( 130 );
		expect( stop ).toHaveBeenCalledTimes( 1 );
		expect( printed ).toEqual( [ 'start: SIGINT: stopping the wiki (PHP server process group 4242)', 'start: stopped' ] );
	} );

	it( 'still finishes when the server will not stop, with exit code 1 instead of 0, and says why', async () => {
		const run = new Run();
		run.wiki = fakeWiki( () => Promise.reject( new Error( 'kill ESRCH' ) ) );
		run.stop( 'the PHP server exited', 0 );
		expect( await run.finished ).toBe( 1 );
		expect( printed ).toContain( 'start: warning: stopping the wiki failed: kill ESRCH' );
	} );

	it.each( [ [ 'SIGINT', 130 ], [ 'SIGTERM', 143 ], [ 'SIGHUP', 129 ] ] as const )(
		'a %s during setup stops what was started and exits 128 + the signal\'s number (%i)',
		async ( signal, exitCode ) => {
			const run = new Run();
			run.stopOnSignals();
			const provisioning = { kill: vi.fn() };
			run.provisioning = provisioning as unknown as Run[ 'provisioning' ];
			process.emit( signal, signal );
			expect( await run.finished ).toBe( exitCode );
			expect( provisioning.kill ).toHaveBeenCalledWith( 'SIGTERM' );
		}
	);

	it( 'a signal once the wiki is serving is the normal end: exit code 0, and a second signal changes nothing', async () => {
		const run = new Run();
		run.stopOnSignals();
		let stopped: () => void = () => undefined;
		const stop = vi.fn( () => new Promise<void>( ( resolve ) => {
			stopped = resolve;
		} ) );
		run.wiki = fakeWiki( stop );
		run.serving = true;
		process.emit( 'SIGINT', 'SIGINT' );
		process.emit( 'SIGTERM', 'SIGTERM' );
		stopped();
		expect( await run.finished ).toBe( 0 );
		expect( stop ).toHaveBeenCalledTimes( 1 );
	} );
} );
