// What deploy asks of the work tree: committed code only (the edit summary names the commit), and a
// dist/ that a fresh build of src/ would not change.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CliError } from '../cli.mjs';
import { BuildError, staleDistFiles } from '../distFreshness.mjs';
import { ROOT } from '../repository.mjs';

/**
 * @param {string[]} args
 * @return {Promise<string>}
 */
export async function git( ...args ) {
	// Every rejection is git's: it could not run or it failed.
	const { stdout } = await promisify( execFile )( 'git', args, { cwd: ROOT } ).catch( ( error ) => {
		throw new CliError( `git ${ args.join( ' ' ) } failed in ${ ROOT }: deploy publishes committed code ` +
			`from a git work tree (${ error.message.trim() })` );
	} );
	// Only the end: `git status --porcelain` lines start with a meaningful space.
	return stdout.trimEnd();
}

/**
 * Refuses a work tree with changes: deploy publishes what a commit names.
 *
 * @return {Promise<void>}
 */
export async function checkCommitted() {
	const changes = await git( 'status', '--porcelain' );
	if ( changes ) {
		const lines = changes.split( '\n' );
		const shown = lines.slice( 0, 10 ).map( ( line ) => `  ${ line }` ).join( '\n' );
		const more = lines.length > 10 ? `\n  … and ${ lines.length - 10 } more` : '';
		throw new CliError( `the work tree has changes that are not committed (git status --porcelain):\n${ shown }${ more }\n` +
			'deploy publishes committed code only: commit or stash them, then run it again' );
	}
}

/**
 * Refuses a dist/ that a fresh build of src/ would change.
 *
 * @return {Promise<void>}
 */
export async function checkDistFresh() {
	let stale;
	try {
		stale = await staleDistFiles( ROOT );
	} catch ( error ) {
		throw error instanceof BuildError ? new CliError( `cannot build src/ to compare it with dist/: ${ error.message }` ) : error;
	}
	if ( stale.length ) {
		throw new CliError( `dist/ does not match a fresh build of src/ (${ stale.join( ', ' ) } ${ stale.length > 1 ? 'differ' : 'differs' }): ` +
			'run `npm run build`, commit dist/, then run deploy again' );
	}
}
