// The wiki side of scripts/deploy.mjs: reading and writing pages over a wiki's API with mwn, checking
// beforehand that the logged-in account may write them, and unified diffs for --dry-run. Every failure
// becomes a CliError whose message says what to do.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Mwn } from 'mwn';
import { CliError } from './cli.mjs';

const REQUEST_TIMEOUT_MS = 30_000;
/** Bot passwords are 32 or more of these characters (MediaWiki's BotPassword::canonicalizeLoginData). */
const BOT_PASSWORD = /^[0-9a-w]{32,}$/;
const NETWORK_ERRORS = [ 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH',
	'ETIMEDOUT', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT' ];

/**
 * @typedef {Object} Login
 * @property {string} api
 * @property {string} username e.g. Admin@deploy
 * @property {string | undefined} password
 *
 * @typedef {Object} WikiPage The current state of a page on the wiki.
 * @property {string} title As the wiki normalises it.
 * @property {boolean} exists
 * @property {string} text '' for a missing page.
 * @property {number | undefined} revid
 * @property {string | undefined} timestamp Of the current revision, for edit-conflict detection.
 *
 * @typedef {Object} Change One page to write.
 * @property {WikiPage} page
 * @property {string} text The new text.
 * @property {string} source What the new text comes from, for the diff header.
 * @property {string} summary
 *
 * @typedef {Object} Account The logged-in account.
 * @property {string} name User name (without the bot password's "@app").
 * @property {string[]} groups
 * @property {Set<string>} rights What this session may do: for a bot password, only what both the
 *   user's groups and the bot password's grants allow.
 * @property {Set<string>} userRights What the user's groups allow.
 */

/**
 * An mwn client that fails at once instead of retrying (a person is waiting) and logs nothing itself.
 *
 * @param {string} api
 * @param {string} userAgent
 * @return {Mwn}
 */
export function client( api, userAgent ) {
	// mwn writes its warnings to stdout; our own messages say what went wrong.
	Mwn.setLoggingConfig( { stream: new Writable( { write: ( chunk, encoding, done ) => done() } ) } );
	const bot = new Mwn( {
		apiUrl: api,
		userAgent,
		silent: true,
		suppressAPIWarnings: true,
		maxRetries: 0,
		// maxlag is for bots that write in bulk; a deploy makes a few edits.
		defaultParams: { maxlag: undefined }
	} );
	bot.setRequestOptions( { timeout: REQUEST_TIMEOUT_MS } );
	return bot;
}

/**
 * A CliError saying what a failed API call means for the person deploying. Never includes the
 * error object itself: mwn's errors carry the request, which may hold the password.
 *
 * @param {unknown} error
 * @param {Login} login
 * @param {string} doing e.g. "log in"
 * @return {CliError}
 */
export function explain( error, login, doing ) {
	if ( error instanceof CliError ) {
		return error;
	}
	/** @type {Object} mwn's MwnError, or the HTTP client's error */
	const { code, info, message, response } = /** @type {Object} */ ( error );
	const where = `the API at ${ login.api }`;
	if ( code && NETWORK_ERRORS.includes( code ) ) {
		return new CliError( `cannot reach ${ where } to ${ doing } (${ code }: ${ message }); check --api and that the wiki is up` );
	}
	if ( code === 'invalidjson' || ( response?.status && response.status !== 200 ) ) {
		const status = response?.status && response.status !== 200 ? `HTTP ${ response.status }` : 'not JSON';
		return new CliError( `${ where } did not answer like a MediaWiki API (${ status }) when asked to ${ doing }: ` +
			'--api must be the wiki\'s api.php, e.g. https://wiki.example/w/api.php' );
	}
	if ( code === 'mwn_failedlogin' ) {
		const hint = login.username.includes( '@' ) && login.password && !BOT_PASSWORD.test( login.password ) ?
			' (a bot password is 32 or more characters of 0-9 and a-w, as Special:BotPasswords showed it)' :
			'';
		// mwn's info is "<result>: <reason>", e.g. "Failed: Incorrect username or password entered. Please try again."
		const reason = ( info ?? message ).replace( /^Failed: /, '' ).replace( /\.$/, '' );
		return new CliError( `login as ${ login.username } at ${ login.api } failed: ${ reason }${ hint }. ` +
			'Check TOKENCACHE_USERNAME / --username and the password; nothing was written' );
	}
	return new CliError( `${ where } refused to ${ doing }: ${ code ? `${ code }: ` : '' }${ info ?? message }` );
}

/**
 * Logs in and tells who we are and what we may do.
 *
 * @param {Mwn} bot
 * @param {Login} login
 * @return {Promise<Account>}
 */
export async function logIn( bot, login ) {
	try {
		await bot.login( { username: login.username, password: login.password } );
		const response = await bot.query( {
			meta: [ 'userinfo', 'siteinfo' ], uiprop: [ 'rights', 'groups' ], siprop: 'usergroups'
		} );
		const { name, rights, groups } = response.query.userinfo;
		/** @type {Set<string>} */
		const userRights = new Set();
		for ( const group of response.query.usergroups ) {
			if ( groups.includes( group.name ) ) {
				group.rights.forEach( ( /** @type {string} */ right ) => userRights.add( right ) );
			}
		}
		return { name, groups, rights: new Set( rights ), userRights };
	} catch ( error ) {
		throw explain( error, login, 'log in' );
	}
}

/**
 * @param {Mwn} bot
 * @param {string[]} titles
 * @param {Login} login
 * @return {Promise<Map<string, WikiPage>>} by the title as asked for
 */
export async function readPages( bot, titles, login ) {
	let response;
	try {
		response = await bot.query( { prop: 'revisions', titles, rvprop: [ 'content', 'timestamp', 'ids' ], rvslots: 'main' } );
	} catch ( error ) {
		throw explain( error, login, `read ${ titles.join( ', ' ) }` );
	}
	/** @type {Object.<string, string>} */
	const normalized = {};
	for ( const { from, to } of response.query?.normalized ?? [] ) {
		normalized[ from ] = to;
	}
	const pages = new Map();
	for ( const title of titles ) {
		const name = normalized[ title ] ?? title;
		const page = ( response.query?.pages ?? [] ).find( ( /** @type {{ title: string }} */ p ) => p.title === name );
		if ( !page || page.invalid ) {
			throw new CliError( `the wiki does not accept the title ${ title }${ page?.invalidreason ? `: ${ page.invalidreason }` : '' }` );
		}
		const revision = page.revisions?.[ 0 ];
		pages.set( title, {
			title: page.title,
			exists: !page.missing,
			text: revision?.slots?.main?.content ?? '',
			revid: revision?.revid,
			timestamp: revision?.timestamp
		} );
	}
	return pages;
}

/** For each right a change may need: the bot password grant and the user group that give it. */
const RIGHT_SOURCES = {
	edit: { grant: 'editpage ("Edit existing pages")', group: 'user' },
	createpage: { grant: 'createeditmovepage ("Create, edit, and move pages")', group: 'user' },
	editinterface: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editsitejs: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editsitecss: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editmyuserjs: { grant: 'editmycssjs ("Edit your user CSS/JSON/JavaScript")', group: 'user' },
	editmyusercss: { grant: 'editmycssjs ("Edit your user CSS/JSON/JavaScript")', group: 'user' }
};

/**
 * The rights a change needs: MediaWiki:*.js is site JavaScript, User:Me/*.js one's own.
 *
 * @param {Change} change
 * @return {string[]} keys of RIGHT_SOURCES
 */
function requiredRights( change ) {
	const rights = [ 'edit' ];
	if ( !change.page.exists ) {
		rights.push( 'createpage' );
	}
	const title = change.page.title;
	const kind = title.endsWith( '.js' ) ? 'js' : title.endsWith( '.css' ) ? 'css' : '';
	if ( title.startsWith( 'MediaWiki:' ) ) {
		rights.push( 'editinterface' );
		if ( kind ) {
			rights.push( kind === 'js' ? 'editsitejs' : 'editsitecss' );
		}
	} else if ( kind ) {
		rights.push( kind === 'js' ? 'editmyuserjs' : 'editmyusercss' );
	}
	return rights;
}

/**
 * @param {string[]} rights
 * @return {string} e.g. 'the rights "createpage", "editsitejs"'
 */
function rightsText( rights ) {
	return `the ${ rights.length > 1 ? 'rights' : 'right' } ${ rights.map( ( right ) => `"${ right }"` ).join( ', ' ) }`;
}

/**
 * Why this session may not make the changes, or undefined if it may.
 *
 * @param {Change[]} changes
 * @param {Account} account
 * @param {string} username As logged in, e.g. Admin@deploy.
 * @return {string | undefined}
 */
export function rightsProblem( changes, account, username ) {
	for ( const change of changes ) {
		const missing = requiredRights( change ).filter( ( right ) => !account.rights.has( right ) );
		if ( !missing.length ) {
			continue;
		}
		const start = `${ username } may not ${ change.page.exists ? 'edit' : 'create' } ${ change.page.title }: `;
		// Grants cannot give what the user's groups do not.
		const userMissing = missing.filter( ( right ) => !account.userRights.has( right ) );
		if ( userMissing.length ) {
			const groups = [ ...new Set( userMissing.map( ( right ) => RIGHT_SOURCES[ right ].group ) ) ];
			return start + `the user ${ account.name } (groups: ${ account.groups.join( ', ' ) }) lacks ${ rightsText( userMissing ) }, ` +
				`which ${ userMissing.length > 1 ? 'come' : 'comes' } with the group ${ groups.join( ' and ' ) }` +
				( userMissing.includes( 'editsitejs' ) ? '; or publish to your own user pages with --user-page' : '' );
		}
		const app = username.includes( '@' ) ? username.slice( username.indexOf( '@' ) + 1 ) : '';
		const grants = [ ...new Set( missing.map( ( right ) => RIGHT_SOURCES[ right ].grant ) ) ];
		return start + `the bot password lacks ${ rightsText( missing ) }: give it the ${ grants.length > 1 ? 'grants' : 'grant' } ` +
			`${ grants.join( ' and ' ) } at Special:BotPasswords${ app ? `/${ app }` : '' }`;
	}
	return undefined;
}

/**
 * MediaWiki drops trailing whitespace when it saves a page.
 *
 * @param {Change} change
 * @return {boolean}
 */
export function isUnchanged( change ) {
	return change.page.exists && change.page.text.trimEnd() === change.text.trimEnd();
}

/**
 * A unified diff of the wiki's page against the new text ('' when they are the same).
 *
 * @param {Change} change
 * @return {Promise<string>}
 */
export async function unifiedDiff( change ) {
	const dir = await mkdtemp( path.join( os.tmpdir(), 'tokencache-diff-' ) );
	try {
		const before = path.join( dir, 'before' );
		const after = path.join( dir, 'after' );
		await writeFile( before, change.page.exists ? change.page.text.trimEnd() + '\n' : '' );
		await writeFile( after, change.text.trimEnd() + '\n' );
		const label = change.page.exists ?
			`${ change.page.title } (revision ${ change.page.revid } on the wiki)` :
			`${ change.page.title } (does not exist on the wiki)`;
		try {
			await promisify( execFile )( 'diff', [ '-u', '--label', label, '--label', change.source, before, after ],
				{ maxBuffer: 64 * 1024 * 1024 } );
			return '';
		} catch ( error ) {
			// diff exits 1 when the files differ.
			const { code, stdout } = /** @type {{ code?: number, stdout?: string }} */ ( error );
			if ( code === 1 && stdout !== undefined ) {
				return stdout;
			}
			throw new CliError( `diff failed: ${ /** @type {Error} */ ( error ).message }` );
		}
	} finally {
		await rm( dir, { recursive: true, force: true } );
	}
}

/**
 * Saves one change; an edit conflict rather than overwriting what someone saved since we read the page.
 *
 * @param {Mwn} bot
 * @param {Change} change
 * @param {Login} login
 * @return {Promise<number>} the new revision id
 */
export async function save( bot, change, login ) {
	let response;
	try {
		response = await bot.request( {
			action: 'edit',
			title: change.page.title,
			text: change.text,
			summary: change.summary,
			basetimestamp: change.page.timestamp,
			...( change.page.exists ? { nocreate: true } : { createonly: true } ),
			assert: 'user',
			watchlist: 'nochange',
			token: await bot.getCsrfToken()
		} );
	} catch ( error ) {
		const { code } = /** @type {{ code?: string }} */ ( error );
		if ( code === 'editconflict' || code === 'articleexists' || code === 'missingtitle' ) {
			throw new CliError( `${ change.page.title } changed on the wiki while deploy ran (${ code }): run it again` );
		}
		throw explain( error, login, `save ${ change.page.title }` );
	}
	if ( response.edit?.result !== 'Success' ) {
		throw new CliError( `the wiki did not save ${ change.page.title }: ${ JSON.stringify( response.edit ) }` );
	}
	return response.edit.newrevid ?? change.page.revid;
}
