// Writes that bypass mw.Api's token methods, as widely used gadgets send them (test/support/browser/writers.ts), on
// real MediaWiki 1.39 and 1.43: after a lost session, unshielded, most of them save the user's edit under
// the browser's IP address; shielded, none does. Edits are counted from the wiki's own records, requests
// from the browser's traffic.
import type { Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { articleUrl } from '../support/browser/browser.js';
import { prepareWriters, runWriter, submitWriterForm } from '../support/browser/writerPage.js';
import type { WritePattern } from '../support/browser/writers.js';
import { inScenario, type Scenario } from './support/scenario.js';
import { useBrowser } from './support/useBrowser.js';
import { revisionsOf } from '../support/wiki/wikiState.js';
import { USERS, wikiInfo, type WikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

function titleOf( wiki: WikiInfo, pattern: WritePattern, shielded: boolean ): string {
	return `TokenCache write pattern ${ pattern } ${ wiki.name } ${ shielded ? 'shielded' : 'unshielded' }`;
}

/** Authors of a page's revisions, "(IP)" marking anonymous ones. */
async function authors( wiki: WikiInfo, title: string ): Promise<string[]> {
	return ( await revisionsOf( wiki, title ) ).map( ( r ) => `${ r.user.replace( /^\d+\.\d+\.\d+\.\d+$/, 'IP' ) }${ r.anon ? ' (IP)' : '' }` );
}

/** Logs in without "Keep me logged in", opens two more tabs, prepares all three, then loses the session. */
async function loseSession( s: Scenario, shielded: boolean ): Promise<Page[]> {
	await s.login( USERS.alice );
	const pages = [ s.page, await s.context.newPage(), await s.context.newPage() ];
	for ( const page of pages.slice( 1 ) ) {
		await s.open( 'Main Page', { page } );
	}
	for ( const page of pages ) {
		await prepareWriters( page, shielded );
	}
	await s.expireSession();
	return pages;
}

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );

	test( 'unshielded, a lost session turns the writes of four patterns into anonymous edits', () => inScenario( browser(), wiki, async ( s ) => {
		const [ page, formPage, xhrFormPage ] = await loseSession( s, false );
		const outcomes = {
			ownTokenPost: await runWriter( page, 'ownTokenPost', titleOf( wiki, 'ownTokenPost', false ), 'own token' ),
			pageTokenAjax: await runWriter( page, 'pageTokenAjax', titleOf( wiki, 'pageTokenAjax', false ), 'page token' ),
			fetchPost: await runWriter( page, 'fetchPost', titleOf( wiki, 'fetchPost', false ), 'fetch' ),
			hiddenForm: await submitWriterForm( formPage, 'hiddenForm', titleOf( wiki, 'hiddenForm', false ), 'form' ),
			xhrTokenForm: await submitWriterForm( xhrFormPage, 'xhrTokenForm', titleOf( wiki, 'xhrTokenForm', false ), 'xhr form' )
		};
		console.log( `write patterns after a lost session, unshielded, on ${ name }: ${ JSON.stringify( outcomes ) }` );
		// The page's embedded token belongs to the lost session: that one write fails instead.
		expect( outcomes ).toMatchObject( { ownTokenPost: 'Success', pageTokenAjax: 'badtoken', fetchPost: 'Success' } );
		expect( outcomes.hiddenForm ).toMatch( /^sent / );
		expect( outcomes.xhrTokenForm ).toMatch( /^sent / );
		for ( const pattern of [ 'ownTokenPost', 'fetchPost', 'hiddenForm', 'xhrTokenForm' ] as const ) {
			expect( await authors( wiki, titleOf( wiki, pattern, false ) ), pattern ).toEqual( [ 'IP (IP)' ] );
		}
		expect( await authors( wiki, titleOf( wiki, 'pageTokenAjax', false ) ) ).toEqual( [] );
	} ) );

	test( 'shielded, the same writes save no anonymous edit: the API refuses the assertion, the form is stopped', () => inScenario( browser(), wiki, async ( s ) => {
		const [ page, formPage, xhrFormPage ] = await loseSession( s, true );
		s.api.clear();
		const outcomes: Record<string, string> = {
			ownTokenPost: await runWriter( page, 'ownTokenPost', titleOf( wiki, 'ownTokenPost', true ), 'own token' ),
			pageTokenAjax: await runWriter( page, 'pageTokenAjax', titleOf( wiki, 'pageTokenAjax', true ), 'page token' ),
			fetchPost: await runWriter( page, 'fetchPost', titleOf( wiki, 'fetchPost', true ), 'fetch' ),
			hiddenForm: await runWriter( formPage, 'hiddenForm', titleOf( wiki, 'hiddenForm', true ), 'form' )
		};
		await s.api.settled();
		// Every request that carried or asked for a token asserted the user.
		const tokenCalls = s.api.calls.filter( ( c ) => c.params.token || ( c.params.meta ?? '' ).includes( 'tokens' ) );
		// One token request each for ownTokenPost (no post follows its refusal), fetchPost and hiddenForm; one post for pageTokenAjax.
		expect( tokenCalls ).toHaveLength( 4 );
		for ( const call of tokenCalls ) {
			expect( call.params, call.url ).toMatchObject( { assert: 'user', assertuser: USERS.alice.name } );
		}
		// Its token comes from a plain XMLHttpRequest, which nothing guards: the form guard stops the form.
		outcomes.xhrTokenForm = await submitWriterForm( xhrFormPage, 'xhrTokenForm', titleOf( wiki, 'xhrTokenForm', true ), 'xhr form' );
		console.log( `write patterns after a lost session, shielded, on ${ name }: ${ JSON.stringify( outcomes ) }` );
		expect( outcomes ).toEqual( {
			ownTokenPost: 'assertuserfailed',
			pageTokenAjax: 'assertuserfailed',
			fetchPost: 'assertuserfailed',
			// mw.Api#get rejects with the code, so the gadget never builds its form.
			hiddenForm: 'assertuserfailed',
			xhrTokenForm: 'not sent'
		} );
		const stopped = await xhrFormPage.evaluate( () => ( {
			notice: document.querySelector( '.mw-notification' )?.textContent ?? '',
			sessionLost: ( window as unknown as { sessionLostSeen: string[] } ).sessionLostSeen
		} ) );
		expect( stopped.notice ).toContain( 'not saved' );
		await expect.poll( () => xhrFormPage.evaluate( () => ( window as unknown as { sessionLostSeen: string[] } ).sessionLostSeen ) ).toEqual( [ 'sessionlost' ] );
		for ( const pattern of [ 'ownTokenPost', 'pageTokenAjax', 'fetchPost', 'hiddenForm', 'xhrTokenForm' ] as const ) {
			expect( await authors( wiki, titleOf( wiki, pattern, true ) ), pattern ).toEqual( [] );
		}
	} ) );

	test( 'after a badtoken, a script that reads mw.user.tokens writes again with a fresh token shielded, and fails again unshielded', () => inScenario( browser(), wiki, async ( s ) => {
		await s.login( USERS.alice, { remember: true } );
		const shieldedPage = await s.context.newPage();
		await s.open( 'Main Page', { page: shieldedPage } );
		await prepareWriters( s.page, false );
		await prepareWriters( shieldedPage, true );
		// "Keep me logged in": the next request gets a new session of the same user, so every token goes stale.
		await s.expireSession();
		const unshieldedTitle = titleOf( wiki, 'pageTokenAjax', false ) + ' after badtoken';
		const shieldedTitle = titleOf( wiki, 'pageTokenAjax', true ) + ' after badtoken';
		const unshielded = [
			await runWriter( s.page, 'pageTokenAjax', unshieldedTitle, 'first' ),
			await runWriter( s.page, 'pageTokenAjax', unshieldedTitle, 'second' )
		];
		const staleToken = await shieldedPage.evaluate( () => window.mw.user.tokens.get( 'csrfToken' ) );
		const first = await runWriter( shieldedPage, 'pageTokenAjax', shieldedTitle, 'first' );
		await expect.poll( () => shieldedPage.evaluate( () => window.mw.user.tokens.get( 'csrfToken' ) ) ).not.toBe( staleToken );
		const shielded = [ first, await runWriter( shieldedPage, 'pageTokenAjax', shieldedTitle, 'second' ) ];
		console.log( `a mw.user.tokens reader after badtoken on ${ name }: unshielded ${ unshielded.join( ', ' ) }; shielded ${ shielded.join( ', ' ) }` );
		expect( unshielded ).toEqual( [ 'badtoken', 'badtoken' ] );
		expect( shielded ).toEqual( [ 'badtoken', 'Success' ] );
		expect( await authors( wiki, shieldedTitle ) ).toEqual( [ USERS.alice.name ] );
		expect( await authors( wiki, unshieldedTitle ) ).toEqual( [] );
	} ) );

	test( 'requests without tokens, to another wiki or with their own assert leave the browser the same, byte for byte, shielded or not', () => inScenario( browser(), wiki, async ( s ) => {
		await s.signIn( USERS.alice );
		const shieldedPage = await s.context.newPage();
		await s.open( 'Main Page', { page: shieldedPage } );
		await prepareWriters( s.page, false );
		await prepareWriters( shieldedPage, true );
		const foreignApi = wikiInfo( 'wiki143b' ).apiUrl;
		// One token for both pages: each page embeds its own, which would differ in the bodies.
		const csrf = await s.page.evaluate( () => window.mw.user.tokens.get( 'csrfToken' ) as string );
		const sentBy = async ( page: Page ): Promise<string[]> => {
			const sent: string[] = [];
			const record = ( request: Request ): void => {
				if ( /api\.php/.test( request.url() ) ) {
					sent.push( `${ request.method() } ${ request.url() } ${ request.postData() ?? '' }` );
				}
			};
			page.on( 'request', record );
			await page.evaluate( ( [ title, otherApi, token ] ) => {
				const mw = window.mw;
				const $ = ( window as unknown as { $: JQueryStatic } ).$;
				const api = mw.util.wikiScript( 'api' );
				const settle = ( promise: PromiseLike<unknown> ) => Promise.resolve( promise ).then( () => undefined, () => undefined );
				return Promise.all( [
					settle( $.getJSON( api, { action: 'query', meta: 'siteinfo', format: 'json' } ) ),
					settle( $.post( api, { action: 'parse', text: "''x''", contentmodel: 'wikitext', format: 'json' } ) ),
					settle( fetch( api + '?action=query&list=recentchanges&format=json' ) ),
					settle( new mw.Api().get( { action: 'query', prop: 'info', titles: title } ) ),
					settle( $.post( api, { action: 'edit', title: title, appendtext: '\n* own assert', assert: 'user', format: 'json', token: token } ) ),
					settle( fetch( otherApi + '?action=query&meta=tokens&format=json', { mode: 'no-cors' } ) ),
					settle( fetch( otherApi, { method: 'POST', mode: 'no-cors', body: new URLSearchParams( { action: 'edit', title: title, text: 'x', token: '+\\' } ) } ) )
				] );
			}, [ titleOf( wiki, 'ownTokenPost', true ) + ' untouched', foreignApi, csrf ] );
			page.off( 'request', record );
			return sent.sort();
		};
		const unshielded = await sentBy( s.page );
		const shielded = await sentBy( shieldedPage );
		expect( unshielded ).toHaveLength( 7 );
		expect( shielded ).toEqual( unshielded );
	} ) );

	test( 'on a page loaded logged out, the shield asserts nothing: an anonymous reader\'s edit is theirs to make', () => inScenario( browser(), wiki, async ( s ) => {
		await s.page.goto( articleUrl( wiki, 'Main Page' ) );
		await prepareWriters( s.page, true );
		s.api.clear();
		const title = titleOf( wiki, 'ownTokenPost', true ) + ' logged out';
		expect( await runWriter( s.page, 'ownTokenPost', title, 'anonymous on purpose' ) ).toBe( 'Success' );
		await s.api.settled();
		expect( s.api.calls.length ).toBe( 2 );
		for ( const call of s.api.calls ) {
			expect( call.params.assert ).toBeUndefined();
		}
		expect( await authors( wiki, title ) ).toEqual( [ 'IP (IP)' ] );
	} ) );
} );
