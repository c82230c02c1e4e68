// Two tabs of one wiki share the session cookie. When one tab finds its tokens stale, the other must
// learn it (BroadcastChannel, no token values) and fetch a fresh token before its next post instead of
// failing with badtoken first. Two pages of one browser context on real MediaWiki 1.39 and 1.43.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { recordApi } from '../support/browser/apiRecorder.js';
import { useBrowser } from './support/useBrowser.js';
import { inScenario } from './support/scenario.js';
import { revisionsOf } from '../support/wiki/wikiState.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

/** An edit through the tab's TokenCache; resolves with the edit result or the error code. */
function edit( page: Page, title: string, text: string ): Promise<string> {
	return page.evaluate( ( params ) => window.mw.libs.tokenCache
		.postWithToken( 'csrf', { action: 'edit', formatversion: 2, ...params } )
		.then(
			( response: { edit: { result: string } } ) => response.edit.result,
			( error: { code: string } ) => error.code
		), { title, text } );
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'a second tab hears that tokens went stale and fetches a fresh one before its post, with no badtoken', () => inScenario( browser(), wiki, async ( s ) => {
		await s.login( USERS.alice, { remember: true } );
		const second = await s.context.newPage();
		await s.open( 'Main Page', { page: second } );
		const secondTraffic = recordApi( second, wiki );
		await s.expireSession();

		expect( await edit( s.page, `TokenCache tabs ${ name } first`, 'From the first tab.' ) ).toBe( 'Success' );
		// The message crosses to the other tab asynchronously; it carries the endpoint only.
		await second.waitForFunction( () => window.mw.libs.tokenCache.snapshot().length === 0 );
		expect( await edit( second, `TokenCache tabs ${ name } second`, 'From the second tab.' ) ).toBe( 'Success' );
		await secondTraffic.settled();

		const outcomes = secondTraffic.calls.map( ( call ) => call.params.meta === 'tokens' ? 'tokens' : `${ call.params.action }:${ call.json?.edit?.result ?? call.json?.error?.code }` );
		expect( outcomes ).toEqual( [ 'tokens', 'edit:Success' ] );
		expect( await revisionsOf( wiki, `TokenCache tabs ${ name } second` ) ).toHaveLength( 1 );
	} ) );
} );
