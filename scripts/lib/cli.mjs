// How the command-line scripts (npm start, npm run deploy) fail: a CliError is a problem the person
// running them can fix and is printed as its message alone; anything else is a bug and shows its stack.

import { parseArgs } from 'node:util';

/** A problem the person running the command can fix; printed without a stack trace. */
export class CliError extends Error {
	/**
	 * @param {string} message What went wrong and what to do about it.
	 * @param {number} [exitCode] 2 for a wrong command line, 1 otherwise.
	 */
	constructor( message, exitCode = 1 ) {
		super( message );
		this.name = 'CliError';
		this.exitCode = exitCode;
	}
}

/**
 * Reads a command line of flags only (no positionals, unknown flags refused) with `--help` added.
 *
 * @param {string[]} argv
 * @param {import('node:util').ParseArgsConfig['options']} options
 * @param {string} command How the person runs it, e.g. "npm start", for the hint in the error.
 * @return {Record<string, string | boolean | undefined> | undefined} The values; undefined for --help.
 */
export function parseCommandLine( argv, options, command ) {
	let values;
	try {
		( { values } = parseArgs( {
			args: argv,
			options: { ...options, help: { type: 'boolean', default: false } },
			strict: true,
			allowPositionals: false
		} ) );
	} catch ( error ) {
		throw new CliError( `${ /** @type {Error} */ ( error ).message } (${ command } -- --help lists the options)`, 2 );
	}
	return values.help ? undefined : values;
}

/**
 * What a command prints: progress on stdout, warnings on stderr, each line marked with the command's name.
 *
 * @param {string} name e.g. "deploy"
 * @return {{ say: ( message: string ) => void, warn: ( message: string ) => void }}
 */
export function commandOutput( name ) {
	return {
		say: ( message ) => console.log( `${ name }: ${ message }` ),
		warn: ( message ) => console.error( `${ name }: warning: ${ message }` )
	};
}

/**
 * Runs a command's `main` and sets the exit code: a CliError prints its message alone, anything else
 * its stack.
 *
 * @param {string} name e.g. "deploy", the prefix of every message
 * @param {() => Promise<void>} main
 * @return {Promise<void>}
 */
export async function runCommand( name, main ) {
	try {
		await main();
	} catch ( error ) {
		if ( error instanceof CliError ) {
			console.error( `${ name }: ${ error.message }` );
			process.exitCode = error.exitCode;
		} else {
			// The stack only: error objects of the API client carry the request, which may hold a password.
			console.error( `${ name }: unexpected failure: ${ /** @type {Error} */ ( error )?.stack ?? error }` );
			process.exitCode = 1;
		}
	}
}
