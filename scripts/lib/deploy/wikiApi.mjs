// deploy's side of the wiki's API, with mwn: logging in, reading the pages deploy may write and saving
// them. Every failure of the wiki or the network becomes a CliError whose message says what to do.
import { Writable } from 'node:stream';
import { Mwn } from 'mwn';
import { CliError } from '../cli.mjs';

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
 * error object itself: mwn's errors carry the request, which may hold the password. Only the API's
 * and the HTTP client's errors (they carry a `code` or a `response`) are explained; anything else is a
 * bug and is returned as it is, to be shown with its stack.
 *
 * @param {unknown} error
 * @param {Login} login
 * @param {string} doing e.g. "log in"
 * @return {unknown}
 */
function explain( error, login, doing ) {
	/** @type {Object} mwn's MwnError, or the HTTP client's error */
	const { code, info, message, response } = /** @type {Object} */ ( error ) ?? {};
	if ( error instanceof CliError || !( code || response ) ) {
		return error;
	}
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

/**
 * Saves one change; an edit conflict rather than overwriting what someone saved since we read the page.
 *
 * @param {Mwn} bot
 * @param {import('./changes.mjs').Change} change
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
