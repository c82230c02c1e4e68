// Where deploy logs in and with what: flags, then the environment, then the credentials file. The
// password never comes from a flag and is never printed.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli.mjs';
import { ROOT } from '../repository.mjs';
import { warn } from './output.mjs';
import { git } from './workTree.mjs';

/** In the repository root, git-ignored. */
export const CREDENTIALS_FILE = '.deploy-credentials.json';

/**
 * The settings of CREDENTIALS_FILE, if there is one: refused when committed or not one JSON object.
 *
 * @return {Promise<Object.<string, *>>} e.g. { api, username, password }; {} without the file
 */
async function readCredentialsFile() {
	const file = path.join( ROOT, CREDENTIALS_FILE );
	if ( !existsSync( file ) ) {
		return {};
	}
	// A password in a commit is published with the repository: refuse it, however it got there.
	if ( await git( 'ls-files', '--', CREDENTIALS_FILE ) ) {
		throw new CliError( `${ CREDENTIALS_FILE } is committed to the repository: remove it from git ` +
			`(git rm --cached ${ CREDENTIALS_FILE }), revoke that bot password on the wiki and make a new one` );
	}
	let settings;
	try {
		settings = JSON.parse( await readFile( file, 'utf8' ) );
	} catch ( error ) {
		throw new CliError( `${ CREDENTIALS_FILE } is not valid JSON (${ /** @type {Error} */ ( error ).message })` );
	}
	if ( typeof settings !== 'object' || settings === null || Array.isArray( settings ) ) {
		throw new CliError( `${ CREDENTIALS_FILE } must hold one object: { "api": …, "username": …, "password": … }` );
	}
	// Any permission bit for the group or others.
	if ( statSync( file ).mode % 0o100 !== 0 ) {
		warn( `${ CREDENTIALS_FILE } can be read by other users of this machine: chmod 600 ${ CREDENTIALS_FILE }` );
	}
	return settings;
}

/**
 * Flags, then the environment, then the credentials file; the password never from a flag.
 *
 * @param {import('./options.mjs').Options} options
 * @return {Promise<import('./wikiApi.mjs').Login>}
 */
export async function readLogin( options ) {
	const fromFile = await readCredentialsFile();
	const setting = ( /** @type {string | undefined} */ flag, /** @type {string} */ variable, /** @type {string} */ key ) => {
		const value = flag ?? process.env[ variable ] ?? fromFile[ key ];
		if ( value !== undefined && typeof value !== 'string' ) {
			throw new CliError( `"${ key }" in ${ CREDENTIALS_FILE } must be a string` );
		}
		return value || undefined;
	};
	const api = setting( options.api, 'TOKENCACHE_API', 'api' );
	const username = setting( options.username, 'TOKENCACHE_USERNAME', 'username' );
	const password = setting( undefined, 'TOKENCACHE_PASSWORD', 'password' );
	if ( !api ) {
		throw new CliError( `no API address: pass --api <url> (the wiki's api.php), set TOKENCACHE_API, or add "api" to ${ CREDENTIALS_FILE }` );
	}
	let url;
	try {
		url = new URL( api );
	} catch {
		url = undefined;
	}
	if ( !url || ( url.protocol !== 'https:' && url.protocol !== 'http:' ) ) {
		throw new CliError( `--api must be the http(s) address of the wiki's api.php, not "${ api }"` );
	}
	if ( !username ) {
		throw new CliError( `no user name: pass --username <Name@BotPasswordName>, set TOKENCACHE_USERNAME, or add "username" to ${ CREDENTIALS_FILE }` );
	}
	if ( !password && !options.dryRun ) {
		throw new CliError( `no password: set TOKENCACHE_PASSWORD or add "password" to ${ CREDENTIALS_FILE } ` +
			'(make a bot password at Special:BotPasswords on the wiki)' );
	}
	if ( password && url.protocol === 'http:' && ![ '127.0.0.1', 'localhost', '[::1]' ].includes( url.hostname ) ) {
		warn( `${ api } is plain http: the password crosses the network unencrypted` );
	}
	return { api, username, password };
}
