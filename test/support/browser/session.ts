// The browser's session on a wiki: the cookie that names it, and deleting it on the wiki's server.
import type { BrowserContext } from 'playwright-core';
import type { WikiAddress } from './browser.js';

/** A wiki with its session cookie's name, e.g. wiki143_session. */
export interface SessionCookieWiki extends WikiAddress {
	sessionCookieName: string;
}

/** A wiki whose sessions can be deleted on the server, as scripts/lib/wiki.mjs's Wiki can. */
export interface SessionStore extends SessionCookieWiki {
	expireSession( sessionCookieValue: string ): Promise<void>;
}

/** Value of the wiki's session cookie in `context`. */
export async function sessionCookie( context: BrowserContext, wiki: SessionCookieWiki ): Promise<string> {
	const cookie = ( await context.cookies( wiki.url ) ).find( ( c ) => c.name === wiki.sessionCookieName );
	if ( !cookie ) {
		throw new Error( `no ${ wiki.sessionCookieName } cookie for ${ wiki.url }` );
	}
	return cookie.value;
}

/**
 * Deletes the session of `context` on the wiki's server: every token it holds goes stale. With "Keep me
 * logged in" the next request gets a new session of the same user; without it, an anonymous one.
 */
export async function expireSession( context: BrowserContext, wiki: SessionStore ): Promise<void> {
	await wiki.expireSession( await sessionCookie( context, wiki ) );
}
