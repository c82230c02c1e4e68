// A page title as it goes into a wiki's URLs, and a page's address, for the scripts and the tests alike.

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

/**
 * The index.php address of a page.
 *
 * @param {string} base The wiki's server, e.g. http://127.0.0.1:8139
 * @param {string} title
 * @param {Record<string, string> | URLSearchParams} [query] More parameters, e.g. { withgadget: 'TokenCacheDebug' }
 * @return {string} e.g. http://127.0.0.1:8139/index.php?title=Main_Page&withgadget=TokenCacheDebug
 */
export function articleUrl( base, title, query ) {
	const extra = query ? `&${ new URLSearchParams( query ) }` : '';
	return `${ base }/index.php?title=${ titleForUrl( title ) }${ extra }`;
}
