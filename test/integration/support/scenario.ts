// One test on one wiki in a fresh browser context, ending with what every scenario must hold: no full
// token in the console, storage, a request URL or the DOM (support/leaks.ts), and no uncaught error
// or console error in any page.
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { expect } from 'vitest';
import { recordApi, type ApiRecorder } from '../../support/browser/apiRecorder.js';
import { articleUrl, collectConsole, login } from '../../support/browser/browser.js';
import { expireSession, sessionCookie } from '../../support/browser/session.js';
import { watchForLeaks, type LeakWatch } from './leaks.js';
import { maintenance, type WikiInfo } from './wikis.js';

const GADGET_TIMEOUT_MS = 15000;
const ACTION_TIMEOUT_MS = 10000;

/** Cookies of one form login per wiki and account, for `signIn`, shared by the contexts of one test file. */
const sharedSessions = new Map<string, Promise<Cookie[]>>();

export interface Account {
	name: string;
	password: string;
}

export interface Scenario {
	wiki: WikiInfo;
	context: BrowserContext;
	/** The context's first page; `newPage()` opens more. */
	page: Page;
	/** Every api.php request of every page of the context, in the order the browser sent them. */
	api: ApiRecorder;
	leaks: LeakWatch;
	/** Text of console messages of type error, from every page of the context. */
	consoleErrors: string[];
	/** Uncaught exceptions and unhandled rejections, from every page of the context. */
	pageErrors: string[];
	/**
	 * Logs in through Special:UserLogin's form (`remember` ticks "Keep me logged in") and waits on the
	 * Main Page it returns to until TokenCache has loaded.
	 */
	login( account: Account, options?: { remember?: boolean } ): Promise<void>;
	/**
	 * Signs in as `account` with a session that this test file's contexts share: the first call logs in
	 * through the form, later ones put its cookies into their fresh context. Then opens the Main Page
	 * (with `query`, e.g. `{ useskin: 'monobook' }`) and waits until TokenCache has loaded. For
	 * scenarios that leave the session alone: after this, `expireSession` refuses.
	 */
	signIn( account: Account, options?: { query?: Record<string, string> } ): Promise<void>;
	/**
	 * Opens a wiki page and waits until TokenCache has loaded and the page has stopped talking to the
	 * API. Default: the Main Page in `page`.
	 */
	open( title?: string, options?: { query?: Record<string, string>; page?: Page } ): Promise<void>;
	/** Value of the wiki's session cookie in this context. */
	sessionCookie(): Promise<string>;
	/**
	 * Deletes this context's session on the server: every token it holds goes stale. With "Keep me
	 * logged in" the next request gets a new session of the same user; without it, an anonymous one.
	 */
	expireSession(): Promise<void>;
}

export interface ScenarioOptions {
	/**
	 * Console errors the scenario expects (matched against the message text); every other console
	 * error fails it.
	 */
	expectedConsoleErrors?: RegExp[];
}

/**
 * Runs `body` in a fresh browser context on `wiki`, then checks that no full token leaked and that no
 * page had an uncaught error or an unexpected console error. Closes the context in any case.
 */
export async function inScenario(
	browser: Browser,
	wiki: WikiInfo,
	body: ( scenario: Scenario ) => Promise<void>,
	{ expectedConsoleErrors = [] }: ScenarioOptions = {}
): Promise<void> {
	const context = await browser.newContext();
	// A missing element fails the test in seconds, well within the test's own timeout.
	context.setDefaultTimeout( ACTION_TIMEOUT_MS );
	try {
		await shareVersionedModules( context );
		const leaks = watchForLeaks( context );
		const api = recordApi( context, wiki );
		const { consoleErrors, pageErrors } = collectConsole( context );
		const page = await context.newPage();
		let sharedSession = false;
		const scenario: Scenario = {
			wiki,
			context,
			page,
			api,
			leaks,
			consoleErrors,
			pageErrors,
			async login( account, { remember = false } = {} ) {
				await login( page, wiki, account.name, account.password, { remember } );
				await waitForTokenCache( page );
				await api.settled();
			},
			async open( title = 'Main Page', { query, page: target = page } = {} ) {
				await target.goto( articleUrl( wiki, title, query ) );
				await waitForTokenCache( target );
				await api.settled();
			},
			async signIn( account, { query } = {} ) {
				const key = `${ wiki.name } ${ account.name }`;
				const cookies = sharedSessions.get( key );
				sharedSession = true;
				if ( cookies ) {
					await context.addCookies( await cookies );
				} else {
					const loggedIn = scenario.login( account ).then( () => context.cookies( wiki.url ) );
					sharedSessions.set( key, loggedIn );
					loggedIn.catch( () => sharedSessions.delete( key ) );
					await loggedIn;
					if ( !query ) {
						return; // the login already returned to the Main Page
					}
				}
				await scenario.open( 'Main Page', { query } );
			},
			sessionCookie: () => sessionCookie( context, wiki ),
			async expireSession() {
				if ( sharedSession ) {
					throw new Error( 'this context shares its session with other tests (signIn): log in with login() to expire it' );
				}
				await expireSession( context, maintenance( wiki ) );
			}
		};

		await body( scenario );

		await api.settled();
		const found = await leaks.scan();
		expect( found, 'full tokens in the console, storage, a request URL or the DOM' ).toEqual( [] );
		expect( pageErrors, 'uncaught errors in the page' ).toEqual( [] );
		const unexpected = consoleErrors.filter( ( text ) => !expectedConsoleErrors.some( ( pattern ) => pattern.test( text ) ) );
		expect( unexpected, 'console errors' ).toEqual( [] );
	} finally {
		await context.close();
	}
}

interface CachedResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/** ResourceLoader answers for versioned URLs, shared by the contexts of one test file. */
const versionedModules = new Map<string, Promise<CachedResponse | undefined>>();

/**
 * Serves ResourceLoader's versioned load.php URLs from one cache shared by this file's contexts, as a
 * browser's own HTTP cache would for a returning visitor (they are immutable: a change of code gives a
 * new URL). These wikis have no object cache, so each one costs the server a full build and
 * minification. The startup module (unversioned: it names the current versions) still comes from the
 * wiki every time, so changed gadget code shows up at once.
 */
async function shareVersionedModules( context: BrowserContext ): Promise<void> {
	await context.route( ( url ) => url.pathname.endsWith( '/load.php' ) && url.searchParams.has( 'version' ), async ( route ) => {
		const url = route.request().url();
		let cached = versionedModules.get( url );
		if ( !cached ) {
			cached = route.fetch().then( async ( fetched ) => fetched.ok() ?
				{ status: fetched.status(), headers: fetched.headers(), body: await fetched.body() } :
				undefined );
			versionedModules.set( url, cached );
		}
		const response = await cached.catch( () => undefined );
		if ( !response ) {
			versionedModules.delete( url );
		}
		// A page closed meanwhile (the test is over) makes both throw: nobody waits for the answer then.
		await ( response ? route.fulfill( response ) : route.continue() ).catch( () => undefined );
	} );
}

/** Waits until the page's TokenCache has loaded (`mw.libs.tokenCache`). */
export async function waitForTokenCache( page: Page ): Promise<void> {
	try {
		await page.waitForFunction( () => !!window.mw?.libs?.tokenCache, undefined, { timeout: GADGET_TIMEOUT_MS } );
	} catch ( error ) {
		const state = await page.evaluate( () => window.mw?.loader.getState( 'ext.gadget.TokenCache' ) ).catch( () => 'unknown' );
		throw new Error( `TokenCache did not load on ${ page.url() } (module state: ${ state }): ${ ( error as Error ).message }` );
	}
}
