// What every benchmark case runs in: a fresh browser context logged in on the home wiki, and the two
// runs of a case, through TokenCache ("ours") and through core mw.Api ("core"), one after the other.
//
// Code passed to page.evaluate runs in the page. tsx compiles this file with esbuild's keepNames,
// which wraps named functions (also `const f = () => …`) in a `__name` helper the page lacks:
// in-page code therefore uses only anonymous inline functions.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Wiki } from '../scripts/lib/wiki.mjs';
import { recordApi, type ApiRecorder } from '../test/support/browser/apiRecorder.js';
import { articleUrl, collectConsole, login } from '../test/support/browser/browser.js';
import { expireSession } from '../test/support/browser/session.js';
import { recentChanges } from '../test/support/wiki/wikiState.js';
import type { Outcome } from './report.js';

export interface BenchEnv {
	browser: Browser;
	/** The wiki whose pages load TokenCache. */
	home: Wiki;
	/** Another local wiki, reached from the home wiki's pages with `mw.ForeignApi`. */
	foreign: Wiki;
}

/** One benchmark case: runs on one home wiki and tells what it measured there. */
export type BenchCase = ( env: BenchEnv ) => Promise<Outcome>;

export type Mode = 'ours' | 'core';

export interface Session {
	context: BrowserContext;
	page: Page;
	/** Records api.php requests from the moment the page is ready. */
	api: ApiRecorder;
	/**
	 * Deletes the browser's session on the home wiki's server: every token it holds goes stale. With
	 * "Keep me logged in" the next request gets a new session of the same user; without it, an anonymous one.
	 */
	expireSession(): Promise<void>;
}

/**
 * Runs `work` in a fresh browser context, logged in as Admin on the home wiki (and first on
 * `alsoLogInTo`), on a freshly loaded page where TokenCache is ready.
 */
export async function withSession<T>(
	env: BenchEnv,
	{ remember = false, alsoLogInTo }: { remember?: boolean; alsoLogInTo?: Wiki },
	work: ( session: Session ) => Promise<T>
): Promise<T> {
	const context = await env.browser.newContext();
	try {
		const page = await context.newPage();
		const pageConsole = collectConsole( page );
		if ( alsoLogInTo ) {
			await login( page, alsoLogInTo, alsoLogInTo.adminUser, alsoLogInTo.adminPassword );
		}
		await login( page, env.home, env.home.adminUser, env.home.adminPassword, { remember } );
		await page.goto( articleUrl( env.home, 'Main Page' ) );
		await page.waitForFunction( () => typeof window.mw?.libs?.tokenCache?.version === 'string' );
		const api = recordApi( page, [ env.home, env.foreign ] );
		const result = await work( { context, page, api, expireSession: () => expireSession( context, env.home ) } );
		await api.settled();
		if ( pageConsole.pageErrors.length ) {
			throw new Error( `errors in the page: ${ pageConsole.pageErrors.join( '; ' ) }` );
		}
		return result;
	} finally {
		await context.close();
	}
}

/** One after the other: the wiki's SQLite takes one writer at a time, and timings stay clean. */
export async function both<T>( measure: ( mode: Mode ) => Promise<T> ): Promise<{ ours: T; core: T }> {
	const ours = await measure( 'ours' );
	const core = await measure( 'core' );
	return { ours, core };
}

/** Edits of `titles` saved by a logged-out user, under an IP address, as the wiki's recent changes show. */
export async function anonymousEdits( wiki: Wiki, titles: string[] ): Promise<number> {
	let count = 0;
	for ( const title of titles ) {
		count += ( await recentChanges( wiki, title ) ).filter( ( change ) => change.anon ).length;
	}
	return count;
}
