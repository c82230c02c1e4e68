// `npm run deploy`: publishes the built gadget files in dist/ to a wiki over its API, logged in with a
// bot password. Publishes only a clean work tree whose dist/ matches a fresh build of src/, checks the
// account's rights before writing anything, and names version and commit in every edit summary.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { readDistGadgets, staleDistFiles } from './lib/dist.mjs';
import { RETIRED_GADGETS, SECTION } from '../gadgets.mjs';
import { DEFINITIONS_PAGE, withGadgetDefinitions } from './lib/gadgetDefinitions.mjs';
import { CliError, runCommand } from './lib/cli.mjs';
import { titleForUrl } from './lib/title.mjs';
import {
	client, isUnchanged, logIn, readPages, rightsProblem, save, unifiedDiff
} from './lib/publish.mjs';

const ROOT = path.resolve( path.dirname( fileURLToPath( import.meta.url ) ), '..' );
const CREDENTIALS_FILE = '.deploy-credentials.json';
/** The section heading's pages: other gadgets of the wiki may share the section, so we only create them. */
const SECTION_PAGE = `MediaWiki:Gadget-section-${ SECTION.name }`;

const USAGE = `Usage: npm run deploy -- [options]

Publishes the gadget files in dist/ (the library TokenCache.js, the debug gadget TokenCacheDebug.js,
and the shield's TokenCache-guards.js and TokenCache-shield.js) to a wiki over its API, logged in with a
bot password (Special:BotPasswords on the wiki).

Where (default: MediaWiki:Gadget-<file> for each of them):
  --definition        also add or update the TokenCache lines of ${ DEFINITIONS_PAGE }
                      (from dist/Gadgets-definition.txt; other lines are left alone, the lines
                      of gadgets of earlier releases are taken out) and publish the description
                      pages of dist/Gadget-descriptions.json (${ SECTION_PAGE }
                      and its language versions only if missing: other gadgets may share it)
  --user-page         publish to User:<you>/TokenCache.js (and the other files beside it) instead,
                      to load from your common.js

Options:
  --api <url>         the wiki's api.php, e.g. http://127.0.0.1:8143/api.php  [env TOKENCACHE_API]
  --username <name>   the bot password's login name, e.g. Admin@deploy         [env TOKENCACHE_USERNAME]
  --dry-run           print a unified diff against the wiki's current pages and change nothing
                      (works without a password too: then rights are not checked)
  --help              show this text

The password is read only from the environment variable TOKENCACHE_PASSWORD or from
${ CREDENTIALS_FILE } in the repository root (git-ignored; chmod 600), never from a flag:
  { "api": "…/api.php", "username": "Admin@deploy", "password": "…" }

Rights: MediaWiki:*.js pages need an interface administrator and a bot password with the grant
"Edit sitewide and user CSS/JS" (editsiteconfig); --user-page needs "Edit your user CSS/JSON/
JavaScript" (editmycssjs); pages that do not exist yet also need "Create, edit, and move pages"
(createeditmovepage).

Publishes only a clean work tree (git status shows nothing) whose dist/ matches a fresh build of src/.`;

/**
 * @typedef {Object} Options
 * @property {string | undefined} api
 * @property {string | undefined} username
 * @property {boolean} definition
 * @property {boolean} userPage
 * @property {boolean} dryRun
 */

/**
 * @param {string[]} argv
 * @return {Options | undefined} undefined after --help
 */
function parseOptions( argv ) {
	if ( argv.some( ( arg ) => arg === '--password' || arg.startsWith( '--password=' ) ) ) {
		throw new CliError( 'deploy takes no --password flag (it would end up in your shell history and the ' +
			`process list): set TOKENCACHE_PASSWORD, or put it in ${ CREDENTIALS_FILE }`, 2 );
	}
	let values;
	try {
		( { values } = parseArgs( {
			args: argv,
			options: {
				api: { type: 'string' },
				username: { type: 'string' },
				definition: { type: 'boolean', default: false },
				'user-page': { type: 'boolean', default: false },
				'dry-run': { type: 'boolean', default: false },
				help: { type: 'boolean', default: false }
			},
			strict: true,
			allowPositionals: false
		} ) );
	} catch ( error ) {
		throw new CliError( `${ /** @type {Error} */ ( error ).message } (npm run deploy -- --help lists the options)`, 2 );
	}
	if ( values.help ) {
		console.log( USAGE );
		return undefined;
	}
	if ( values.definition && values[ 'user-page' ] ) {
		throw new CliError( '--definition is for the site gadgets; it cannot go with --user-page', 2 );
	}
	return {
		api: values.api,
		username: values.username,
		definition: Boolean( values.definition ),
		userPage: Boolean( values[ 'user-page' ] ),
		dryRun: Boolean( values[ 'dry-run' ] )
	};
}

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
 * @param {Options} options
 * @return {Promise<import('./lib/publish.mjs').Login>}
 */
async function readLogin( options ) {
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

/**
 * @param {string[]} args
 * @return {Promise<string>}
 */
async function git( ...args ) {
	try {
		const { stdout } = await promisify( execFile )( 'git', args, { cwd: ROOT } );
		// Only the end: `git status --porcelain` lines start with a meaningful space.
		return stdout.trimEnd();
	} catch ( error ) {
		throw new CliError( `git ${ args.join( ' ' ) } failed in ${ ROOT }: deploy publishes committed code ` +
			`from a git work tree (${ /** @type {Error} */ ( error ).message.trim() })` );
	}
}

/**
 * Refuses a work tree with changes: deploy publishes what a commit names.
 *
 * @return {Promise<void>}
 */
async function checkCommitted() {
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
async function checkDistFresh() {
	let stale;
	try {
		stale = await staleDistFiles( ROOT );
	} catch ( error ) {
		throw new CliError( `cannot build src/ to compare it with dist/: ${ /** @type {Error} */ ( error ).message }` );
	}
	if ( stale.length ) {
		throw new CliError( `dist/ does not match a fresh build of src/ (${ stale.join( ', ' ) } ${ stale.length > 1 ? 'differ' : 'differs' }): ` +
			'run `npm run build`, commit dist/, then run deploy again' );
	}
}

/** @param {string} message */
function say( message ) {
	console.log( `deploy: ${ message }` );
}

/** @param {string} message */
function warn( message ) {
	console.error( `deploy: warning: ${ message }` );
}

/**
 * @typedef {Object} Release What this commit publishes.
 * @property {string} version Of package.json, e.g. "1.0.0".
 * @property {import('./lib/dist.mjs').DistGadgets} gadgets
 * @property {string} summary The edit summary, e.g. "TokenCache 1.0.0 (abc1234)".
 *
 * @typedef {Object} Plan What a run writes, worked out before anything is written.
 * @property {import('mwn').Mwn} bot Logged in if there is a password.
 * @property {import('./lib/publish.mjs').Change[]} changes In the order they are written.
 * @property {string | undefined} rightsProblem Why the account may not make them, if it may not.
 * @property {( file: string ) => string} titleOf The page a file of dist/ goes to.
 */

/**
 * @return {Promise<Release>}
 */
async function readRelease() {
	const version = JSON.parse( await readFile( path.join( ROOT, 'package.json' ), 'utf8' ) ).version;
	const gadgets = await readDistGadgets( ROOT ).catch( ( error ) => {
		throw new CliError( error.message );
	} );
	return { version, gadgets, summary: `TokenCache ${ version } (${ await git( 'rev-parse', '--short', 'HEAD' ) })` };
}

/**
 * @param {Options} options
 * @param {string} userName Without the bot password's "@app".
 * @return {( file: string ) => string} the page a file of dist/ goes to
 */
function pageTitles( options, userName ) {
	return ( file ) => options.userPage ? `User:${ userName }/${ file }` : `MediaWiki:Gadget-${ file }`;
}

/**
 * Logs in (with a password) and reads the pages deploy may write.
 *
 * @param {import('mwn').Mwn} bot
 * @param {Options} options
 * @param {import('./lib/publish.mjs').Login} login
 * @param {import('./lib/dist.mjs').DistGadgets} gadgets
 */
async function readWiki( bot, options, login, gadgets ) {
	const account = login.password ? await logIn( bot, login ) : undefined;
	const titleOf = pageTitles( options, account?.name ?? login.username.split( '@' )[ 0 ] );
	const gadgetPages = gadgets.files.map( ( file ) => titleOf( file.name ) );
	const titles = options.userPage ? gadgetPages : [ ...gadgetPages, ...Object.keys( gadgets.descriptions ), DEFINITIONS_PAGE ];
	return { account, titleOf, pages: await readPages( bot, titles, login ) };
}

/**
 * Waits for all of the promises, side by side; fails with the first one's failure, in their order.
 *
 * @param {Promise<*>[]} promises
 * @return {Promise<*[]>}
 */
async function allSucceeded( promises ) {
	const results = await Promise.allSettled( promises );
	const failure = results.find( ( result ) => result.status === 'rejected' );
	if ( failure ) {
		throw /** @type {PromiseRejectedResult} */ ( failure ).reason;
	}
	return results.map( ( result ) => /** @type {PromiseFulfilledResult<*>} */ ( result ).value );
}

/**
 * The description pages to write: all but the section heading's pages that exist already.
 *
 * @param {Release} release
 * @param {Map<string, import('./lib/publish.mjs').WikiPage>} pages
 * @return {import('./lib/publish.mjs').Change[]}
 */
function descriptionChanges( { gadgets, summary }, pages ) {
	const changes = [];
	for ( const [ title, text ] of Object.entries( gadgets.descriptions ) ) {
		const page = pages.get( title );
		if ( title.startsWith( SECTION_PAGE ) && page.exists ) {
			say( `${ title } exists: left as it is (the section may be shared)` );
			continue;
		}
		changes.push( { page, text, source: `dist/Gadget-descriptions.json (${ title })`, summary: `${ summary }: gadget description` } );
	}
	return changes;
}

/**
 * The definition page with our lines merged in (undefined with --user-page, which does not read it).
 *
 * @param {Release} release
 * @param {Map<string, import('./lib/publish.mjs').WikiPage>} pages
 * @return {import('./lib/publish.mjs').Change | undefined}
 */
function definitionsChange( { gadgets, summary }, pages ) {
	const page = pages.get( DEFINITIONS_PAGE );
	if ( !page ) {
		return undefined;
	}
	let text;
	try {
		text = withGadgetDefinitions( page.text, gadgets.lines, RETIRED_GADGETS );
	} catch ( error ) {
		throw new CliError( `${ /** @type {Error} */ ( error ).message }, then run deploy again` );
	}
	return {
		page,
		text,
		source: `${ DEFINITIONS_PAGE } with the lines of dist/Gadgets-definition.txt`,
		summary: `${ summary }: gadget definitions`
	};
}

/**
 * The changes in the order they are written (scripts/lib/publish.mjs): the gadget files first, the
 * definitions after them.
 *
 * @param {Options} options
 * @param {Release} release
 * @param {Map<string, import('./lib/publish.mjs').WikiPage>} pages
 * @param {( file: string ) => string} titleOf
 * @return {import('./lib/publish.mjs').Change[]}
 */
function planChanges( options, release, pages, titleOf ) {
	const changes = release.gadgets.files.map( ( file ) => ( {
		page: pages.get( titleOf( file.name ) ),
		text: file.text,
		source: `dist/${ file.name }`,
		summary: release.summary
	} ) );
	if ( options.definition ) {
		changes.push( ...descriptionChanges( release, pages ) );
	}
	const definitions = definitionsChange( release, pages );
	if ( definitions && options.definition ) {
		// Last: a definition line must never name a page that is not there yet.
		changes.push( definitions );
	} else if ( definitions && !isUnchanged( definitions ) ) {
		warn( `${ DEFINITIONS_PAGE } lacks the current TokenCache definition lines of dist/Gadgets-definition.txt: ` +
			'add them with --definition (see the difference with --definition --dry-run)' );
	}
	return changes;
}

/**
 * Checks dist/, reads the wiki and works out every change, writing nothing.
 *
 * @param {Options} options
 * @param {import('./lib/publish.mjs').Login} login
 * @return {Promise<Plan>}
 */
async function makePlan( options, login ) {
	const release = await readRelease();
	const bot = client( login.api, `TokenCache-deploy/${ release.version } (mwn)` );
	// The build and the wiki's answers take a while each: side by side, and both must succeed.
	say( `building src/ to compare it with dist/, and ${ login.password ? `logging in to ${ login.api } as ${ login.username }` : `reading ${ login.api } logged out (no password: rights are not checked)` }` );
	const [ , { account, titleOf, pages } ] = await allSucceeded( [ checkDistFresh(), readWiki( bot, options, login, release.gadgets ) ] );
	const changes = planChanges( options, release, pages, titleOf );
	// Checked for all pages before the first write, so that a missing right writes nothing.
	const problem = account ? rightsProblem( changes.filter( ( change ) => !isUnchanged( change ) ), account, login.username ) : undefined;
	return { bot, changes, rightsProblem: problem, titleOf };
}

/**
 * --dry-run: the unified diff of every change, and whether a real run would fail.
 *
 * @param {Plan} plan
 */
async function showDiff( plan ) {
	for ( const change of plan.changes ) {
		const diff = await unifiedDiff( change );
		say( diff ? `${ change.page.title } would change (summary "${ change.summary }"):` : `${ change.page.title } is up to date` );
		process.stdout.write( diff );
	}
	if ( plan.rightsProblem ) {
		throw new CliError( `a real run would fail: ${ plan.rightsProblem }` );
	}
	say( 'dry run: nothing was written' );
}

/**
 * Writes the changes that change something, in their order.
 *
 * @param {Plan} plan
 * @param {import('./lib/publish.mjs').Login} login
 */
async function apply( plan, login ) {
	if ( plan.rightsProblem ) {
		throw new CliError( `${ plan.rightsProblem }; nothing was written` );
	}
	/** @type {string[]} */
	const written = [];
	for ( const change of plan.changes ) {
		if ( isUnchanged( change ) ) {
			say( `${ change.page.title } is up to date (revision ${ change.page.revid })` );
			continue;
		}
		let revid;
		try {
			revid = await save( plan.bot, change, login );
		} catch ( error ) {
			// The rights check cannot foresee everything (protection, an edit conflict): say what did land.
			throw written.length ?
				new CliError( `${ /** @type {Error} */ ( error ).message }; already saved before that: ${ written.join( ', ' ) }` ) :
				error;
		}
		written.push( `${ change.page.title } (revision ${ revid })` );
		say( `${ change.page.exists ? 'saved' : 'created' } ${ change.page.title }: revision ${ revid } ("${ change.summary }")` );
	}
}

/**
 * After --user-page: the lines that load the published files from common.js.
 *
 * @param {import('./lib/publish.mjs').Login} login
 * @param {( file: string ) => string} titleOf
 */
function sayHowToLoad( login, titleOf ) {
	const script = new URL( login.api ).pathname.replace( /api\.php$/, 'index.php' );
	const load = ( /** @type {string} */ file ) => `mw.loader.load( '${ script }?title=${ titleForUrl( titleOf( file ) ) }` +
		'&action=raw&ctype=text/javascript\' );';
	say( `load it from your common.js with: ${ load( 'TokenCache.js' ) }` );
	say( `and, for the debug link and panel: ${ load( 'TokenCacheDebug.js' ) }` );
}

/**
 * @param {string[]} argv
 */
async function main( argv ) {
	const options = parseOptions( argv );
	if ( !options ) {
		return;
	}
	const login = await readLogin( options );
	await checkCommitted();
	const plan = await makePlan( options, login );
	if ( options.dryRun ) {
		await showDiff( plan );
		return;
	}
	await apply( plan, login );
	if ( options.userPage ) {
		sayHowToLoad( login, plan.titleOf );
	}
}

await runCommand( 'deploy', () => main( process.argv.slice( 2 ) ) );
