// Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the integration
// tests and the benchmark, login through the real form, and a helper that watches the browser's console
// (apiRecorder.ts watches its api.php traffic). Nothing here depends on a test runner.
import {
	chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page
} from 'playwright-core';
import { articleUrl as articleUrlOn } from '../../../scripts/lib/title.mjs';

/**
 * What the helpers need to know about a wiki: a Wiki of scripts/lib/wiki.mjs fits, and so does a WikiInfo of
 * test/integration/support/wikis.ts.
 */
export interface WikiAddress {
	/** Server base, e.g. http://127.0.0.1:8139 */
	url: string;
	/** e.g. http://127.0.0.1:8139/api.php */
	apiUrl: string;
}

// --headless is added by Playwright itself; it refuses --user-data-dir here.
const CHROMIUM_ARGS = [
	'--no-sandbox', // we run as root
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * Launches one headless Chromium. Give each test a fresh `browser.newContext()`: contexts share
 * no cookies or cache, and an open context keeps ResourceLoader's startup module (so old gadget
 * code) cached for minutes.
 */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch( { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } );
}

/** index.php URL of a page of `wiki` (title.mjs's articleUrl, which wiki.mjs uses too). */
export function articleUrl( wiki: WikiAddress, title: string, query?: Record<string, string> ): string {
	return articleUrlOn( wiki.url, title, query );
}

/**
 * Logs in through Special:UserLogin's real form, like a person would, and waits for the page it
 * returns to. `remember` ticks "Keep me logged in" (wpRemember), which sets the `<prefix>Token`
 * cookie that survives a lost session.
 */
export async function login(
	page: Page,
	wiki: WikiAddress,
	user: string,
	password: string,
	{ remember = false }: { remember?: boolean } = {}
): Promise<void> {
	await page.goto( articleUrl( wiki, 'Special:UserLogin', { returnto: 'Main_Page' } ) );
	await page.fill( '#wpName1', user );
	await page.fill( '#wpPassword1', password );
	await page.setChecked( '#wpRemember', remember );
	await Promise.all( [ page.waitForNavigation(), page.click( '#wpLoginAttempt' ) ] );
	const loggedInAs = await page.evaluate( () => window.mw?.config.get( 'wgUserName' ) );
	if ( loggedInAs !== user ) {
		const problem = await page.locator( '.mw-message-box-error, .errorbox, .cdx-message--error' ).allInnerTexts();
		throw new Error( `login as ${ user } on ${ wiki.url } failed (now: ${ loggedInAs ?? 'anonymous' }): ${ problem.join( ' ' ) || page.url() }` );
	}
}

export interface ConsoleCollector {
	/** Text of console messages of type error. */
	readonly consoleErrors: string[];
	/** Uncaught exceptions and unhandled rejections. */
	readonly pageErrors: string[];
}

/** Collects the console errors and uncaught errors of one page, or of every page of a context. */
export function collectConsole( target: Page | BrowserContext ): ConsoleCollector {
	const consoleErrors: string[] = [];
	const pageErrors: string[] = [];
	const onConsole = ( message: ConsoleMessage ): void => {
		if ( message.type() === 'error' ) {
			consoleErrors.push( message.text() );
		}
	};
	const onError = ( error: Error ): void => {
		pageErrors.push( `${ error.name }: ${ error.message }` );
	};
	if ( 'pages' in target ) {
		target.on( 'console', onConsole );
		// A context reports its pages' uncaught errors as web errors.
		target.on( 'weberror', ( webError ) => onError( webError.error() ) );
	} else {
		target.on( 'console', onConsole );
		target.on( 'pageerror', onError );
	}
	return { consoleErrors, pageErrors };
}

declare global {
	interface Window {
		/** The page's MediaWiki object, typed loosely: tests only peek at it. */
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		mw?: any;
	}
}
