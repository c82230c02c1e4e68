// deploy's last step: write what the plan changes, in its order, and say what landed.
import { CliError } from '../cli.mjs';
import { titleForUrl } from '../title.mjs';
import { isUnchanged } from './changes.mjs';
import { say } from './output.mjs';
import { save } from './wikiApi.mjs';

/**
 * Writes the changes that change something, in their order.
 *
 * @param {import('./plan.mjs').Plan} plan
 * @param {import('./wikiApi.mjs').Login} login
 */
export async function apply( plan, login ) {
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
 * @param {import('./wikiApi.mjs').Login} login
 * @param {( file: string ) => string} titleOf
 */
export function sayHowToLoad( login, titleOf ) {
	const script = new URL( login.api ).pathname.replace( /api\.php$/, 'index.php' );
	const load = ( /** @type {string} */ file ) => `mw.loader.load( '${ script }?title=${ titleForUrl( titleOf( file ) ) }` +
		'&action=raw&ctype=text/javascript\' );';
	say( `load it from your common.js with: ${ load( 'TokenCache.js' ) }` );
	say( `and, for the debug link and panel: ${ load( 'TokenCacheDebug.js' ) }` );
}
