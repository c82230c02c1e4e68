// The gadget loads and runs for a logged-in user on both MediaWiki versions, and the test
// support (wikis, browser, login, API recorder, console collector) works end to end.
import { describe, expect, test } from 'vitest';
import { recordApi } from '../support/browser/apiRecorder.js';
import { articleUrl, collectConsole, login } from '../support/browser/browser.js';
import { useBrowser } from './support/useBrowser.js';
import { wikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	test( 'loads the TokenCache gadget for a logged-in user', async () => {
		const wiki = wikiInfo( name );
		const context = await browser().newContext();
		try {
			const page = await context.newPage();
			const api = recordApi( page, wiki );
			const pageConsole = collectConsole( page );
			await login( page, wiki, wiki.users.alice.name, wiki.users.alice.password );

			await page.goto( articleUrl( wiki, 'Main Page' ) );
			await page.waitForFunction( () => window.mw?.loader.getState( 'ext.gadget.TokenCache' ) === 'ready' );
			// "ready" alone proves nothing (1.39 replaces ES6 code it rejects by an error log): look for the effect.
			expect( await page.evaluate( () => typeof window.mw.libs.tokenCache?.version ) ).toBe( 'string' );

			// Whatever the page itself asked the API (maybe nothing), it was answered without errors.
			await api.settled();
			for ( const call of api.calls ) {
				expect( call.status, call.url ).toBe( 200 );
				expect( call.json?.error, call.url ).toBeUndefined();
			}
			// The recorder sees the browser's own requests, bodies and answers.
			const before = api.calls.length;
			await page.evaluate( () => new window.mw.Api().post( { action: 'query', meta: 'tokens', type: 'watch' } ) );
			await api.settled();
			expect( api.calls.length ).toBe( before + 1 );
			const [ tokenCall ] = api.tokenRequests().slice( -1 );
			expect( tokenCall ).toMatchObject( { method: 'POST', status: 200, body: { meta: 'tokens', type: 'watch' } } );
			expect( tokenCall.json.query.tokens.watchtoken ).toMatch( /^[0-9a-f]{40}\+\\$/ );

			expect( pageConsole.pageErrors ).toEqual( [] );
		} finally {
			await context.close();
		}
	} );
} );
