// `npm start`: a local MediaWiki with TokenCache from dist/ installed as a real gadget, a demo gadget
// that uses it and a page that says what to try. Provisions what is missing, rebuilds a stale dist/,
// reuses the wiki's data between runs, and serves until Ctrl-C, then stops every process it started.
// The steps live in scripts/lib/start/: options, prepare, localWiki, install, serve, around a Run.
import { runCommand } from './lib/cli.mjs';
import { install } from './lib/start/install.mjs';
import { openOrCreate } from './lib/start/localWiki.mjs';
import { DEFAULT_PORTS, DEFAULT_VERSION, VERSIONS, parseOptions } from './lib/start/options.mjs';
import { prepare } from './lib/start/prepare.mjs';
import { Run } from './lib/start/run.mjs';
import { printReady, serve } from './lib/start/serve.mjs';

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
 * @param {string[]} argv
 */
async function main( argv ) {
	const options = parseOptions( argv );
	if ( !options ) {
		console.log( USAGE );
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

await runCommand( 'start', () => main( process.argv.slice( 2 ) ) );
