// No full token where other code or people can see it, on real MediaWiki 1.39 and 1.43. Every scenario
// in this folder ends with the leak scan of support/leaks.ts (through inScenario); here the scanner is
// shown to find planted tokens, and a whole TokenCache workout, the token panel included, is scanned.
import { describe, expect, test } from 'vitest';
import { login } from '../support/browser/browser.js';
import { useBrowser } from './support/useBrowser.js';
import { watchForLeaks } from './support/leaks.js';
import { inScenario, waitForTokenCache } from './support/scenario.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'the leak scanner finds tokens planted in the console, storage, a request URL and the DOM, and nothing on a plain page', async () => {
		const context = await browser().newContext();
		try {
			const leaks = watchForLeaks( context );
			const page = await context.newPage();
			await login( page, wiki, USERS.alice.name, USERS.alice.password );
			await waitForTokenCache( page );
			expect( await leaks.scan() ).toEqual( [] );
			// The page's own tokens (from mw.user.tokens) and one only the network saw (core mw.Api fetches it).
			const planted = await page.evaluate( () => {
				const mw = window.mw;
				return new mw.Api().getToken( 'rollback' ).then( ( rollback: string ) => {
					const csrf: string = mw.user.tokens.get( 'csrfToken' );
					console.log( 'token', { csrf } );
					localStorage.setItem( 'probe', mw.user.tokens.get( 'watchToken' ) );
					sessionStorage.setItem( 'probe', mw.user.tokens.get( 'patrolToken' ) );
					const div = document.createElement( 'div' );
					div.textContent = rollback;
					document.body.appendChild( div );
					return fetch( mw.util.wikiScript() + '?title=Special:BlankPage&probe=' + encodeURIComponent( csrf ) ).then( () => ( {
						csrf, rollback, watch: mw.user.tokens.get( 'watchToken' ), patrol: mw.user.tokens.get( 'patrolToken' )
					} ) );
				} );
			} );
			const mask = ( token: string ): string => `${ token.slice( 0, 4 ) }…+\\`;

			const found = await leaks.scan();
			expect( found.map( ( leak ) => `${ leak.where.replace( / of .*/, '' ) } ${ leak.token }` ).sort() ).toEqual( [
				`DOM ${ mask( planted.rollback ) }`,
				`console ${ mask( planted.csrf ) }`,
				`localStorage ${ mask( planted.watch ) }`,
				`request URL ${ mask( planted.csrf ) }`,
				`sessionStorage ${ mask( planted.patrol ) }`
			].sort() );
			// The report itself never carries a full token.
			expect( JSON.stringify( found ) ).not.toContain( planted.csrf.slice( 0, 40 ) );
			leaks.stop();
		} finally {
			await context.close();
		}
	} );

	test( 'no full token leaks through fetching, posting, a refresh after badtoken, snapshot or the panel until Reveal is clicked', () => inScenario( browser(), wiki, async ( s ) => {
		const title = `TokenCache leak check ${ name }`;
		await s.login( USERS.alice, { remember: true } );
		await s.expireSession();
		const outcome = await s.page.evaluate( ( editTitle ) => {
			const tokenCache = window.mw.libs.tokenCache;
			return tokenCache.postWithToken( 'csrf', { action: 'edit', title: editTitle, text: 'Leak check', formatversion: 2 } )
				.then( () => tokenCache.getTokens( [ 'csrf', 'watch', 'patrol', 'rollback', 'userrights', 'createaccount', 'login' ] ) )
				.then( () => tokenCache.getToken( 'bogus' ).then( null, ( error: unknown ) => console.log( 'rejected', error ) ) )
				.then( () => {
					// What a gadget author would print while debugging.
					console.log( 'snapshot', JSON.stringify( tokenCache.snapshot() ) );
					console.log( tokenCache.snapshot() );
					return tokenCache.snapshot().length;
				} );
		}, title );
		expect( outcome ).toBe( 7 );
		// The refresh after badtoken, the types not yet cached, then bogus.
		expect( s.api.tokenRequests() ).toHaveLength( 3 );
		expect( s.leaks.knownTokens().length ).toBeGreaterThanOrEqual( 10 ); // page tokens, refreshed and fetched ones

		await s.page.locator( '#t-tokencache a' ).click();
		const panel = s.page.getByRole( 'dialog' );
		const csrfRow = panel.locator( 'tr' ).filter( { has: s.page.locator( 'td:first-child', { hasText: /^csrf$/ } ) } );
		await expect.poll( () => csrfRow.count() ).toBe( 1 );
		expect( await s.leaks.scan() ).toEqual( [] );

		// Reveal puts the full token into the page, on request only; Hide takes it out again.
		const csrf = await s.page.evaluate( () => window.mw.libs.tokenCache.getToken( 'csrf' ) );
		await csrfRow.getByRole( 'button', { name: 'Reveal' } ).click();
		await expect.poll( () => csrfRow.locator( 'code' ).innerText() ).toBe( csrf );
		expect( ( await s.leaks.scan() ).map( ( leak ) => leak.where.replace( / of .*/, '' ) ) ).toEqual( [ 'DOM' ] );
		await csrfRow.getByRole( 'button', { name: 'Hide' } ).click();
		await expect.poll( () => csrfRow.locator( 'code' ).innerText() ).not.toBe( csrf );
	} ) );
} );
