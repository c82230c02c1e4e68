// deploy's plan, once the options, login and work tree are settled: check dist/, read the wiki and work
// out every change and whether the account may make them, writing nothing.
import { DEFINITIONS_PAGE } from '../gadgetDefinitions.mjs';
import { isUnchanged, planChanges } from './changes.mjs';
import { say } from './output.mjs';
import { readRelease } from './release.mjs';
import { rightsProblem } from './rights.mjs';
import { client, logIn, readPages } from './wikiApi.mjs';
import { checkDistFresh } from './workTree.mjs';

/**
 * @typedef {Object} Plan What a run writes, worked out before anything is written.
 * @property {import('mwn').Mwn} bot Logged in if there is a password.
 * @property {import('./changes.mjs').Change[]} changes In the order they are written.
 * @property {string | undefined} rightsProblem Why the account may not make them, if it may not.
 * @property {( file: string ) => string} titleOf The page a file of dist/ goes to.
 */

/**
 * @param {import('./options.mjs').Options} options
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
 * @param {import('./options.mjs').Options} options
 * @param {import('./wikiApi.mjs').Login} login
 * @param {import('../distGadgets.mjs').DistGadgets} gadgets
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
 * Checks dist/, reads the wiki and works out every change, writing nothing.
 *
 * @param {import('./options.mjs').Options} options
 * @param {import('./wikiApi.mjs').Login} login
 * @return {Promise<Plan>}
 */
export async function makePlan( options, login ) {
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
