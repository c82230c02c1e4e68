// MediaWiki:Gadgets-definition: reading its lines (the one parser of them, for dist/Gadgets-definition.txt
// and a wiki's page alike) and merging our lines into a wiki's own.

/** The page the Gadgets extension reads its gadgets from. */
export const DEFINITIONS_PAGE = 'MediaWiki:Gadgets-definition';

/**
 * "* Name[options]|a.js|b.css" or "* Name|a.js": the name, then what follows the options (an
 * unclosed bracket still names its gadget, so a broken line on a wiki is found and replaced).
 */
const GADGET_LINE = /^\s*\*\s*([^\s[|]+)\s*(?:\[[^\]]*\]?|(?=\|))(.*)/;
/** e.g. "== developer ==". */
const SECTION_HEADING = /^\s*==\s*(.*?)\s*==\s*$/;

/**
 * @typedef {Object} GadgetLine
 * @property {string} name e.g. "TokenCache": module ext.gadget.<name>, description MediaWiki:Gadget-<name>.
 * @property {string[]} files The pages it loads, MediaWiki:Gadget-<file>, e.g. [ "TokenCache.js" ].
 */

/**
 * @param {string} line A line of MediaWiki:Gadgets-definition.
 * @return {GadgetLine | undefined} undefined for a heading, text or an empty line
 */
export function parseGadgetLine( line ) {
	const match = GADGET_LINE.exec( line );
	if ( !match ) {
		return undefined;
	}
	return {
		name: match[ 1 ],
		files: match[ 2 ].split( '|' ).map( ( file ) => file.trim() ).filter( Boolean )
	};
}

/**
 * @param {string} line A line of MediaWiki:Gadgets-definition.
 * @return {string | undefined} the section's name, e.g. "developer" for "== developer =="
 */
export function parseSectionHeading( line ) {
	return SECTION_HEADING.exec( line )?.[ 1 ];
}

/** @param {string} line */
const gadgetNameOf = ( line ) => parseGadgetLine( line )?.name;

/**
 * A MediaWiki:Gadgets-definition text with `line` in place of the line that defines the same gadget,
 * or added at the end; every other line is kept as it is.
 *
 * @param {string} text Current page text ('' for a missing page).
 * @param {string} line e.g. "* TokenCache[ResourceLoader|…]|TokenCache.js"
 * @return {string}
 */
function withDefinitionLine( text, line ) {
	const name = gadgetNameOf( line );
	if ( !name ) {
		throw new Error( `not a gadget definition line: ${ line }` );
	}
	const lines = text.split( '\n' );
	const found = lines.flatMap( ( current, index ) => gadgetNameOf( current ) === name ? [ index ] : [] );
	if ( found.length > 1 ) {
		throw new Error( `${ DEFINITIONS_PAGE } defines ${ name } ${ found.length } times (lines ` +
			`${ found.map( ( index ) => index + 1 ).join( ', ' ) }): keep one by hand` );
	}
	if ( found.length === 1 ) {
		lines[ found[ 0 ] ] = line;
		return lines.join( '\n' );
	}
	const body = text.trimEnd();
	return body ? `${ body }\n${ line }` : line;
}

/**
 * A MediaWiki:Gadgets-definition text with `lines` merged in: a gadget the page defines already gets
 * its line replaced where it is (in whatever section the wiki keeps it); the others go to the end of
 * the section that `lines` starts with, which is added at the end of the page if missing. The lines
 * of `retired` gadgets are taken out; every other line is kept as it is.
 *
 * @param {string} text Current page text ('' for a missing page).
 * @param {string[]} lines e.g. [ "== developer ==", "* TokenCache[…]|TokenCache.js", … ]
 * @param {string[]} [retired] Names of gadgets whose lines go, e.g. [ "TokenCachePanel" ].
 * @return {string}
 */
export function withGadgetDefinitions( text, lines, retired = [] ) {
	const section = parseSectionHeading( lines[ 0 ] );
	if ( !section ) {
		throw new Error( `the definition lines must start with a section heading, not: ${ lines[ 0 ] }` );
	}
	let current = text.split( '\n' ).filter( ( line ) => !retired.includes( gadgetNameOf( line ) ?? '' ) ).join( '\n' );
	const defined = new Set( current.split( '\n' ).map( gadgetNameOf ) );
	const missing = [];
	for ( const line of lines.slice( 1 ) ) {
		if ( defined.has( gadgetNameOf( line ) ) ) {
			current = withDefinitionLine( current, line );
		} else {
			missing.push( line );
		}
	}
	if ( !missing.length ) {
		return current;
	}
	const page = current.trimEnd() ? current.trimEnd().split( '\n' ) : [];
	const start = page.findIndex( ( line ) => parseSectionHeading( line ) === section );
	if ( start === -1 ) {
		return [ ...page, lines[ 0 ], ...missing ].join( '\n' );
	}
	// After the section's last non-empty line, before the next heading.
	let end = start + 1;
	while ( end < page.length && parseSectionHeading( page[ end ] ) === undefined ) {
		end++;
	}
	while ( end > start + 1 && !page[ end - 1 ].trim() ) {
		end--;
	}
	page.splice( end, 0, ...missing );
	return page.join( '\n' );
}
