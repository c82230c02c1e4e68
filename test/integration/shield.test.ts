// Gadgets written only against core's `new mw.Api()` (support/legacyGadgets.ts), on real MediaWiki 1.39
// and 1.43, with and without the shield gadget. Requests are counted from the browser's traffic, edits
// and anonymous edits from the wiki's own records.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { recordApi } from '../support/browser/apiRecorder.js';
import { articleUrl, login } from '../support/browser/browser.js';
import { useBrowser } from './support/useBrowser.js';
import { shieldPage } from './support/coreContract.js';
import { legacyEditor, legacyForeignEditor, legacyRollbacker, legacyTokenUser, type LegacyOutcome } from './support/legacyGadgets.js';
import { inScenario, waitForTokenCache } from './support/scenario.js';
import { recentChanges, revisionsOf } from '../support/wiki/wikiState.js';
import { maintenance, USERS, wikiInfo, type WikiName } from './support/wikis.js';

const STORM = 10;

const browser = useBrowser();

/** Adds legacy gadget scripts to the page at once and waits until they recorded `count` outcomes. */
async function runLegacy( page: Page, scripts: string[], count: number ): Promise<LegacyOutcome[]> {
	await page.evaluate( ( codes ) => codes.forEach( ( code ) => {
		const script = document.createElement( 'script' );
		script.textContent = code;
		document.head.appendChild( script );
	} ), scripts );
	await page.waitForFunction( ( n ) => ( ( window as unknown as { legacyOutcomes?: unknown[] } ).legacyOutcomes ?? [] ).length >= n, count );
	return page.evaluate( () => ( window as unknown as { legacyOutcomes: LegacyOutcome[] } ).legacyOutcomes );
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	describe.each( [ 'core', 'shielded' ] as const )( 'a legacy gadget\'s edit after the session was lost (no "Keep me logged in"), %s', ( mode ) => {
		test( mode === 'core' ? 'is saved anonymously, under the IP address (what the shield prevents)' : 'rejects with sessionlost and saves no anonymous edit', async () => {
			const title = `Shield session lost ${ name } ${ mode }`;
			await maintenance( wiki ).editPage( title, 'Before the session was lost.' );
			await inScenario( browser(), wiki, async ( s ) => {
				await s.login( USERS.alice );
				if ( mode === 'shielded' ) {
					await shieldPage( s.page );
				}
				await s.expireSession();
				s.api.clear();
				const outcomes = await runLegacy( s.page, [ legacyEditor( 'LegacyEditor', [ title ], '\nSaved by a legacy gadget.' ) ], 1 );
				await s.api.settled();
				const anonymous = ( await recentChanges( wiki, title ) ).filter( ( rc ) => rc.anon );
				console.log( `legacy edit after a lost session, ${ mode } mw.Api on ${ name }: ${ outcomes[ 0 ].outcome }, ${ anonymous.length } anonymous edit(s)` );
				if ( mode === 'core' ) {
					expect( outcomes[ 0 ].outcome ).toBe( 'Success' );
					expect( anonymous ).toHaveLength( 1 );
				} else {
					expect( outcomes[ 0 ].outcome ).toBe( 'sessionlost' );
					expect( anonymous ).toEqual( [] );
					expect( ( await revisionsOf( wiki, title ) ).map( ( r ) => r.user ) ).toEqual( [ USERS.admin.name ] );
					for ( const edit of s.api.withAction( 'edit' ) ) {
						expect( edit.body.token ).not.toBe( '+\\' );
					}
				}
			} );
		} );
	} );

	test( `shielded, a storm of ${ STORM } concurrent stale legacy edits ("Keep me logged in") costs one token request and saves all ${ STORM } as the user`, () => inScenario( browser(), wiki, async ( s ) => {
		const titles = Array.from( { length: STORM }, ( _, i ) => `Shield storm ${ name } ${ i + 1 }` );
		await s.login( USERS.alice, { remember: true } );
		await shieldPage( s.page );
		await s.expireSession();
		s.api.clear();
		const outcomes = await runLegacy( s.page, [ legacyEditor( 'LegacyEditor', titles, 'Storm edit.' ) ], STORM );
		await s.api.settled();

		expect( outcomes.map( ( o ) => o.outcome ) ).toEqual( Array( STORM ).fill( 'Success' ) );
		expect( s.api.tokenRequests() ).toHaveLength( 1 );
		for ( const title of titles ) {
			const revisions = await revisionsOf( wiki, title );
			expect( revisions.map( ( r ) => `${ r.user }${ r.anon ? ' (IP)' : '' }` ), title ).toEqual( [ USERS.alice.name ] );
		}
	} ) );

	test.each( [ 'core', 'shielded' ] as const )( 'three legacy gadgets asking for seven types at once: %s', ( mode ) => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.alice );
		if ( mode === 'shielded' ) {
			await shieldPage( s.page );
		}
		await s.api.settled();
		s.api.clear();
		const outcomes = await runLegacy( s.page, [
			legacyTokenUser( 'LegacyA', [ 'csrf', 'rollback', 'login' ] ),
			legacyTokenUser( 'LegacyB', [ 'watch', 'userrights', 'createaccount' ] ),
			legacyTokenUser( 'LegacyC', [ 'patrol', 'rollback', 'csrf' ] )
		], 9 );
		await s.api.settled();
		console.log( `legacy page-load burst of 7 types, ${ mode } mw.Api on ${ name }: ${ s.api.tokenRequests().length } token request(s)` );

		expect( outcomes.map( ( o ) => o.outcome ) ).toEqual( Array( 9 ).fill( 'real' ) );
		// Core: one request per type not embedded in the page (rollback, login, userrights, createaccount).
		expect( s.api.tokenRequests() ).toHaveLength( mode === 'core' ? 4 : 1 );
	} ) );

	test( 'shielded, core\'s api.rollback() rolls back with a token from TokenCache', async () => {
		const title = `Shield rollback ${ name }`;
		await maintenance( wiki ).editPage( title, 'Good text.' );
		await maintenance( wiki ).editPage( title, 'Vandalism.', { user: USERS.alice.name } );
		await inScenario( browser(), wiki, async ( s ) => {
			await s.signIn( USERS.admin );
			await shieldPage( s.page );
			s.api.clear();
			const outcomes = await runLegacy( s.page, [ legacyRollbacker( 'LegacyRollbacker', title, USERS.alice.name ) ], 1 );
			await s.api.settled();

			expect( outcomes[ 0 ].outcome ).toBe( 'rolledback' );
			expect( s.api.withAction( 'rollback' )[ 0 ].body ).toMatchObject( { assert: 'user', assertuser: USERS.admin.name } );
			const revisions = await revisionsOf( wiki, title );
			expect( revisions[ revisions.length - 1 ] ).toMatchObject( { user: USERS.admin.name, content: 'Good text.' } );
		} );
	} );
} );

describe( 'on wiki143 with a second wiki (wiki143b)', () => {
	const wiki = wikiInfo( 'wiki143' );
	const foreign = wikiInfo( 'wiki143b' );

	test( 'shielded, a legacy gadget\'s mw.ForeignApi edit gets its token from TokenCache\'s cache for that wiki, asserting the user there', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `Shield foreign edit ${ Date.now() }`;
		// Often the run's first page of the second wiki: its ResourceLoader modules are built cold.
		await s.page.goto( articleUrl( foreign, 'Special:UserLogin' ), { timeout: 40_000 } );
		await login( s.page, foreign, USERS.alice.name, USERS.alice.password );
		await s.login( USERS.alice );
		await waitForTokenCache( s.page );
		await shieldPage( s.page );
		const foreignCalls = recordApi( s.context, foreign );
		const outcomes = await runLegacy( s.page, [ legacyForeignEditor( 'LegacyForeign', foreign.apiUrl, title, 'Saved across wikis.' ) ], 1 );
		await foreignCalls.settled();

		expect( outcomes[ 0 ].outcome ).toBe( 'Success' );
		expect( foreignCalls.tokenRequests() ).toHaveLength( 1 );
		expect( foreignCalls.withAction( 'edit' )[ 0 ].body ).toMatchObject( { assert: 'user', assertuser: USERS.alice.name } );
		expect( ( await revisionsOf( foreign, title ) ).map( ( r ) => `${ r.user }${ r.anon ? ' (IP)' : '' }` ) ).toEqual( [ USERS.alice.name ] );
		const snapshot = await s.page.evaluate( ( url ) => window.mw.libs.tokenCache.forApi( new window.mw.ForeignApi( url ) ).snapshot().map( ( e: { type: string } ) => e.type ), foreign.apiUrl );
		expect( snapshot ).toEqual( [ 'csrf' ] );
	} ) );
} );
