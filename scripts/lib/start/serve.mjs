// npm start's last step: the wiki's server, up until Ctrl-C, and where to find it.
import path from 'node:path';
import { CliError } from '../cli.mjs';
import { DEMO_PAGE } from '../demo/index.mjs';
import { displayPath, say, warn } from './output.mjs';

/**
 * Starts the wiki's server and stops the run when the server exits on its own.
 *
 * @param {import('../wiki.mjs').Wiki} wiki
 * @param {import('./run.mjs').Run} run
 */
export async function serve( wiki, run ) {
	say( `starting the PHP server on ${ wiki.url }` );
	await wiki.start().catch( ( error ) => {
		throw new CliError( `the wiki did not start: ${ error.message }` );
	} );
	wiki.server?.once( 'exit', () => {
		if ( !run.stopping ) {
			warn( `the PHP server exited unexpectedly; see ${ displayPath( path.join( wiki.dir, 'logs/server.log' ) ) }` );
			run.stop( 'server gone', 1 );
		}
	} );
	run.serving = true;
}

/**
 * @param {import('../wiki.mjs').Wiki} wiki
 * @param {number} elapsedMs
 */
export function printReady( wiki, elapsedMs ) {
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
