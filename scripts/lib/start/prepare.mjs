// npm start's steps before there is a wiki: the quick checks, then scripts/provision.sh and the build.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CliError } from '../cli.mjs';
import { BuildError, buildDist, staleDistFiles } from '../distFreshness.mjs';
import { ROOT } from '../repository.mjs';
import { preflight } from './localWiki.mjs';
import { say } from './output.mjs';

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
		throw error instanceof BuildError ? new CliError( `cannot build src/: ${ error.message }` ) : error;
	}
	say( stale.length ?
		`dist/ did not match src/ (${ stale.join( ', ' ) }): rebuilt it; commit it with your change` :
		'dist/ matches src/' );
}

/**
 * The steps that need no wiki: the quick checks, then provisioning and the build.
 *
 * @param {import('./options.mjs').Options} options
 * @param {import('./run.mjs').Run} run
 */
export async function prepare( options, run ) {
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
