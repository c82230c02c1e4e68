// The demo that `npm start` installs next to TokenCache: a consumer gadget, its definition line and
// the pages that explain what to try.
import { readFile } from 'node:fs/promises';

export const DEMO_PAGE = 'TokenCache demo';

/** A gadget that uses TokenCache as other gadgets will: it declares the dependency. */
export const DEMO_GADGET = {
	name: 'TokenCacheDemo',
	definition: '* TokenCacheDemo[ResourceLoader|default|dependencies=ext.gadget.TokenCache,mediawiki.util]|TokenCacheDemo.js',
	description: 'TokenCacheDemo: buttons on [[TokenCache demo]] and a Tools link that edit through TokenCache'
};

/**
 * A gadget as most are written today: it depends on mediawiki.api alone and knows nothing of TokenCache.
 * Its button is in the demo page's section on the shield. Hidden: it needs no description in preferences.
 */
export const LEGACY_DEMO_GADGET = {
	name: 'TokenCacheLegacyDemo',
	definition: '* TokenCacheLegacyDemo[ResourceLoader|hidden|default|dependencies=mediawiki.api,mediawiki.util]|TokenCacheLegacyDemo.js'
};

/**
 * The legacy gadget's code (ECMAScript 5).
 *
 * @return {Promise<string>}
 */
export function legacyGadgetCode() {
	return readFile( new URL( 'TokenCacheLegacyDemo.js', import.meta.url ), 'utf8' );
}

/**
 * The demo gadget's code (ECMAScript 5).
 *
 * @return {Promise<string>}
 */
export function demoGadgetCode() {
	return readFile( new URL( 'TokenCacheDemo.js', import.meta.url ), 'utf8' );
}

/**
 * The text of the demo page.
 *
 * @return {Promise<string>}
 */
export function demoPageText() {
	return readFile( new URL( 'demoPage.wiki', import.meta.url ), 'utf8' );
}

/** The Main Page of a new demo wiki. */
export const MAIN_PAGE_TEXT = `This is a local wiki for trying '''TokenCache''', started by <code>npm start</code>.

Start at '''[[${ DEMO_PAGE }]]'''.
`;
