// Which pages deploy writes and with what text, from the release and the pages as the wiki has them:
// the gadget files, and with --definition their descriptions and definition lines.
import { RETIRED_GADGETS, SECTION } from '../../../gadgets.mjs';
import { CliError } from '../cli.mjs';
import { DEFINITIONS_PAGE, withGadgetDefinitions } from '../gadgetDefinitions.mjs';
import { say, warn } from './output.mjs';

/**
 * @typedef {Object} Change One page to write.
 * @property {import('./wikiApi.mjs').WikiPage} page
 * @property {string} text The new text.
 * @property {string} source What the new text comes from, for the diff header.
 * @property {string} summary
 */

/** The section heading's pages: other gadgets of the wiki may share the section, so we only create them. */
export const SECTION_PAGE = `MediaWiki:Gadget-section-${ SECTION.name }`;

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
 * The description pages to write: all but the section heading's pages that exist already.
 *
 * @param {import('./release.mjs').Release} release
 * @param {Map<string, import('./wikiApi.mjs').WikiPage>} pages
 * @return {Change[]}
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
 * @param {import('./release.mjs').Release} release
 * @param {Map<string, import('./wikiApi.mjs').WikiPage>} pages
 * @return {Change | undefined}
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
 * The changes in the order they are written (apply.mjs): the gadget files first, the
 * definitions after them.
 *
 * @param {import('./options.mjs').Options} options
 * @param {import('./release.mjs').Release} release
 * @param {Map<string, import('./wikiApi.mjs').WikiPage>} pages
 * @param {( file: string ) => string} titleOf
 * @return {Change[]}
 */
export function planChanges( options, release, pages, titleOf ) {
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
