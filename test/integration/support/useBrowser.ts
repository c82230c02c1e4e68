// One headless Chromium per integration test file, started and closed by vitest's hooks.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser/browser.js';

/**
 * One browser for the tests of a file: launched before them, closed after them. Call the returned
 * function inside a test to get it.
 */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll( async () => {
		browser = await launchBrowser();
	} );
	afterAll( async () => {
		await browser?.close();
	} );
	return () => {
		if ( !browser ) {
			throw new Error( 'useBrowser(): the browser is only there inside tests' );
		}
		return browser;
	};
}
