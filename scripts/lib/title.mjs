// A page title as it goes into a wiki's URLs, for the scripts and the tests alike.

/**
 * Encodes a title the way MediaWiki writes it in its own links: spaces as underscores, and ':' and '/'
 * left readable.
 *
 * @param {string} title e.g. "User:Me/TokenCache.js" or "Main Page"
 * @return {string} e.g. "User:Me/TokenCache.js" or "Main_Page", for index.php?title=
 */
export function titleForUrl( title ) {
	return encodeURIComponent( title.replace( / /g, '_' ) ).replace( /%3A/gi, ':' ).replace( /%2F/gi, '/' );
}
