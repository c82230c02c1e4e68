// What npm start writes into the wiki on every start: TokenCache from dist/ as the README installs it,
// the demo gadgets and page, and the debug gadget switched on for Admin.
import { DEBUG_GADGET, RETIRED_GADGETS } from '../../../gadgets.mjs';
import { CliError } from '../cli.mjs';
import { DEMO_GADGET, DEMO_PAGE, LEGACY_DEMO_GADGET, MAIN_PAGE_TEXT, demoGadgetCode, demoPageText, legacyGadgetCode } from '../demo/index.mjs';
import { readDistGadgets } from '../distGadgets.mjs';
import { gadgetPages } from '../gadget.mjs';
import { DEFINITIONS_PAGE, withGadgetDefinitions } from '../gadgetDefinitions.mjs';
import { CommandError } from '../process.mjs';
import { ROOT } from '../repository.mjs';
import { say } from './output.mjs';

const SUMMARY = 'npm start: install from the work tree';

/**
 * The wiki's MediaWiki:Gadgets-definition ('' on a new wiki or without the page).
 *
 * @param {import('../wiki.mjs').Wiki} wiki
 * @param {boolean} created
 * @return {Promise<string>}
 */
async function currentDefinitions( wiki, created ) {
	if ( created ) {
		return '';
	}
	return wiki.runMaintenance( 'getText', [ DEFINITIONS_PAGE ] ).then(
		( output ) => output.stdout,
		( error ) => {
			if ( /does not exist/.test( error.message ) ) {
				return '';
			}
			throw error;
		}
	);
}

/**
 * What install writes on every start (a null edit when unchanged), as the README installs it: the
 * gadget pages, their description pages, their definition lines (merged as `npm run deploy --
 * --definition` does: other gadgets' lines are kept, those of gadgets of earlier releases go) and the
 * demo page; the Main Page only on a new wiki.
 *
 * @param {import('../wiki.mjs').Wiki} wiki
 * @param {boolean} created
 * @return {Promise<Object.<string, string>>} title → text, in the order they are written
 */
async function pagesToInstall( wiki, created ) {
	const [ gadgets, demoCode, demoText, legacyCode, definitions ] = await Promise.all( [
		readDistGadgets( ROOT ), demoGadgetCode(), demoPageText(), legacyGadgetCode(), currentDefinitions( wiki, created )
	] );
	const pages = gadgetPages( gadgets );
	pages[ `MediaWiki:Gadget-${ DEMO_GADGET.name }.js` ] = demoCode;
	pages[ `MediaWiki:Gadget-${ DEMO_GADGET.name }` ] = DEMO_GADGET.description;
	pages[ `MediaWiki:Gadget-${ LEGACY_DEMO_GADGET.name }.js` ] = legacyCode;
	const updated = withGadgetDefinitions( withGadgetDefinitions( definitions, gadgets.lines, RETIRED_GADGETS ),
		[ '== demo ==', DEMO_GADGET.definition, LEGACY_DEMO_GADGET.definition ] );
	if ( updated.trimEnd() !== definitions.trimEnd() ) {
		// After the pages it names.
		pages[ DEFINITIONS_PAGE ] = updated;
	}
	pages[ DEMO_PAGE ] = demoText;
	if ( created ) {
		pages[ 'Main Page' ] = MAIN_PAGE_TEXT;
	}
	return pages;
}

/**
 * Writes the gadgets of dist/ and the demo into the wiki (in one maintenance run), and gives Admin
 * the debug gadget through the real preference.
 *
 * @param {import('../wiki.mjs').Wiki} wiki
 * @param {boolean} created
 */
export async function install( wiki, created ) {
	say( 'installing TokenCache from dist/ and the demo gadget' );
	try {
		await wiki.editPages( await pagesToInstall( wiki, created ), { summary: SUMMARY } );
		await wiki.setUserOption( wiki.adminUser, `gadget-${ DEBUG_GADGET }`, '1' );
	} catch ( error ) {
		// A maintenance script that failed, or a dist/ that is not built; anything else is a bug.
		if ( error instanceof CommandError || error instanceof CliError ) {
			throw new CliError( `installing the gadgets failed: ${ error.message }` );
		}
		throw error;
	}
}
