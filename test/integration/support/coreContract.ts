// Core mw.Api's documented token contract, as cases a page runs with `new mw.Api()`: written from core's
// documentation and its behaviour on 1.39 and 1.43, and run once against core and once shielded
// (shieldContract.test.ts). A case's `run` executes in the page and returns the jQuery promise under
// test; `check` reads how it settled (every positional argument, see OUTCOME_HELPER) and the requests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiRecorder } from '../../support/browser/apiRecorder.js';
import { revisionsOf } from '../../support/wiki/wikiState.js';
import type { WikiInfo } from './wikis.js';

export type Mode = 'core' | 'shielded';

/** How a jQuery promise settled: each argument described, a jqXHR as 'jqXHR', a token as 'token(<length>)'. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers, dug into by the checks
export type Outcome = { resolved?: any[]; rejected?: any[] };

export interface CaseContext {
	mode: Mode;
	wiki: WikiInfo;
	title: string;
	api: ApiRecorder;
}

export interface ContractCase {
	name: string;
	/** Runs in the page (serialized): no reference to anything outside it. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page's mw.Api, untyped in the test
	run: ( api: any, title: string, wikiUrl: string ) => any;
	check: ( outcome: Outcome, context: CaseContext ) => void | Promise<void>;
	/** Console errors the case causes on purpose (a 404). */
	consoleErrors?: RegExp[];
}

/** Installed in the page: `window.contractOutcome( promise )` resolves with an Outcome. */
export const OUTCOME_HELPER = `window.contractOutcome = function ( promise ) {
	function shape( value, depth ) {
		if ( value && typeof value.getResponseHeader === 'function' ) { return 'jqXHR'; }
		if ( typeof value === 'string' && /^[0-9a-f]{40}\\+\\\\$/.test( value ) ) { return 'token(' + value.length + ')'; }
		if ( value === undefined ) { return 'undefined'; }
		if ( value && typeof value === 'object' ) {
			if ( depth > 4 ) { return 'object'; }
			var copy = Array.isArray( value ) ? [] : {};
			Object.keys( value ).forEach( function ( key ) { copy[ key ] = shape( value[ key ], depth + 1 ); } );
			return copy;
		}
		return value;
	}
	function list( args ) { return [].map.call( args, function ( arg ) { return shape( arg, 0 ); } ); }
	return new Promise( function ( resolve ) {
		promise.then( function () { resolve( { resolved: list( arguments ) } ); }, function () { resolve( { rejected: list( arguments ) } ); } );
	} );
};`;

const TOKEN = 'token(42)';

async function savedBy( wiki: WikiInfo, title: string, user: string ): Promise<void> {
	const revisions = await revisionsOf( wiki, title );
	expect( revisions.map( ( r ) => `${ r.user }${ r.anon ? ' (IP)' : '' }` ) ).toEqual( [ user ] );
}

/** Cases whose outcome core and the shield share. */
export const SHARED_CASES: ContractCase[] = [
	{
		name: 'getToken( \'csrf\' ) resolves with one 42-character token',
		run: ( api ) => api.getToken( 'csrf' ),
		check: ( outcome ) => expect( outcome ).toEqual( { resolved: [ TOKEN ] } )
	},
	{
		name: 'getEditToken() resolves with the csrf token',
		run: ( api ) => api.getEditToken(),
		check: ( outcome ) => expect( outcome ).toEqual( { resolved: [ TOKEN ] } )
	},
	{
		name: 'getToken( \'rollback\' ) fetches one and resolves with it',
		run: ( api ) => api.getToken( 'rollback' ),
		check: ( outcome, { api } ) => {
			expect( outcome ).toEqual( { resolved: [ TOKEN ] } );
			expect( api.tokenRequests() ).toHaveLength( 1 );
		}
	},
	{
		name: 'the legacy name \'edit\' still gives the csrf token',
		run: ( api ) => api.getToken( 'edit' ),
		check: ( outcome ) => expect( outcome ).toEqual( { resolved: [ TOKEN ] } )
	},
	{
		name: 'an unknown type rejects with token-missing',
		run: ( api ) => api.getToken( 'bogus' ),
		check: ( outcome ) => expect( outcome.rejected?.[ 0 ] ).toBe( 'token-missing' )
	},
	{
		name: 'badToken( \'csrf\' ) makes the next getToken( \'csrf\' ) ask the wiki again',
		run: ( api ) => {
			api.badToken( 'csrf' );
			return api.getToken( 'csrf' );
		},
		check: ( outcome, { api } ) => {
			expect( outcome ).toEqual( { resolved: [ TOKEN ] } );
			expect( api.tokenRequests().map( ( call ) => call.params.type.split( '|' ).includes( 'csrf' ) ) ).toEqual( [ true ] );
		}
	},
	{
		name: 'postWithToken( \'csrf\', edit ) resolves with ( result, jqXHR ) and saves the edit as the user',
		run: ( api, title ) => api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'Contract edit', formatversion: 2 } ),
		check: async ( outcome, { wiki, title } ) => {
			expect( outcome.resolved?.length ).toBe( 2 );
			expect( outcome.resolved?.[ 0 ].edit.result ).toBe( 'Success' );
			expect( outcome.resolved?.[ 1 ] ).toBe( 'jqXHR' );
			await savedBy( wiki, title, 'Alice' );
		}
	},
	{
		name: 'edit() and postWithEditToken() go through it',
		run: ( api, title ) => api.postWithEditToken( { action: 'edit', title: title, text: 'First', formatversion: 2 } )
			.then( () => api.edit( title, () => ( { text: 'Second', summary: 'contract' } ) ) ),
		check: async ( outcome, { wiki, title } ) => {
			expect( outcome.resolved?.[ 0 ] ).toMatchObject( { result: 'Success' } );
			expect( ( await revisionsOf( wiki, title ) ).map( ( r ) => r.content ) ).toEqual( [ 'First', 'Second' ] );
		}
	},
	{
		name: 'an API error rejects with ( code, result, result, jqXHR )',
		run: ( api ) => api.postWithToken( 'csrf', { action: 'edit', title: 'Bad<title>', text: 'x', formatversion: 2 } ),
		check: ( outcome ) => {
			const [ code, result, again, xhr ] = outcome.rejected ?? [];
			expect( code ).toBe( 'invalidtitle' );
			expect( result.error.code ).toBe( 'invalidtitle' );
			expect( again ).toEqual( result );
			expect( xhr ).toBe( 'jqXHR' );
			expect( outcome.rejected ).toHaveLength( 4 );
		}
	},
	{
		name: 'a transport error rejects with ( \'http\', { xhr, textStatus, exception } ), honouring ajaxOptions',
		run: ( api, title, wikiUrl ) => api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'x' }, { url: wikiUrl + '/no-such-api.php' } ),
		check: ( outcome ) => expect( outcome ).toEqual( { rejected: [ 'http', { xhr: 'jqXHR', textStatus: 'error', exception: 'Not Found' } ] } ),
		consoleErrors: [ /404/ ]
	},
	{
		name: '.abort() on the returned promise rejects with ( \'http\', { textStatus: \'abort\' } ) and posts nothing',
		run: ( api, title ) => {
			const promise = api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'Aborted' } );
			promise.abort();
			return promise;
		},
		check: async ( outcome, { api, wiki, title } ) => {
			expect( outcome.rejected?.[ 0 ] ).toBe( 'http' );
			expect( outcome.rejected?.[ 1 ] ).toMatchObject( { textStatus: 'abort', exception: 'abort' } );
			expect( api.withAction( 'edit' ) ).toEqual( [] );
			expect( await revisionsOf( wiki, title ) ).toEqual( [] );
		}
	},
	{
		name: 'api.abort() while postWithToken waits for a token it has to fetch rejects with ( \'http\', { textStatus: \'abort\' } ) and posts nothing',
		run: ( api, title ) => {
			const promise = api.postWithToken( 'rollback', { action: 'rollback', title: title, user: 'Nobody' } );
			api.abort();
			return promise;
		},
		check: ( outcome, { api } ) => {
			expect( outcome.rejected?.[ 0 ] ).toBe( 'http' );
			expect( outcome.rejected?.[ 1 ] ).toMatchObject( { textStatus: 'abort', exception: 'abort' } );
			expect( api.withAction( 'rollback' ) ).toEqual( [] );
		}
	},
	{
		name: 'a token the caller put in params is replaced by a valid one, as core does',
		run: ( api, title ) => api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'Own token', token: 'not-a-token', formatversion: 2 } ),
		check: async ( outcome, { wiki, title } ) => {
			expect( outcome.resolved?.[ 0 ].edit.result ).toBe( 'Success' );
			await savedBy( wiki, title, 'Alice' );
		}
	},
	{
		name: 'a caller\'s assert: \'anon\' is kept, and its failure passed on as the API answered',
		run: ( api, title ) => api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'x', assert: 'anon' } ),
		check: ( outcome, { api } ) => {
			expect( outcome.rejected?.slice( 0, 1 ) ).toEqual( [ 'assertanonfailed' ] );
			expect( outcome.rejected?.[ 3 ] ).toBe( 'jqXHR' );
			for ( const call of api.calls.filter( ( c ) => c.method === 'POST' ) ) {
				expect( call.body.assert ).toBe( 'anon' );
			}
		}
	},
	{
		name: 'watch() and unwatch() resolve',
		run: ( api, title ) => api.watch( title ).then( () => api.unwatch( title ) ),
		check: ( outcome, { api } ) => {
			expect( outcome.resolved ).toBeDefined();
			expect( api.withAction( 'watch' ) ).toHaveLength( 2 );
		}
	},
	{
		name: 'saveOption() resolves and the option is saved',
		run: ( api ) => api.saveOption( 'userjs-shield-contract', 'on' ).then( () => api.get( { action: 'query', meta: 'userinfo', uiprop: 'options', formatversion: 2 } ) ),
		check: ( outcome ) => expect( outcome.resolved?.[ 0 ].query.userinfo.options[ 'userjs-shield-contract' ] ).toBe( 'on' )
	},
	{
		name: 'the upload path\'s token (postWithEditToken with multipart ajaxOptions) reaches the API',
		run: ( api ) => api.postWithEditToken( { action: 'upload', filename: 'Contract.txt', stash: 1, formatversion: 2 }, { contentType: 'multipart/form-data' } ),
		check: ( outcome ) => {
			// No file attached: the API refuses the request, after the token was accepted.
			expect( outcome.rejected?.[ 0 ] ).not.toBe( 'badtoken' );
			expect( typeof outcome.rejected?.[ 0 ] ).toBe( 'string' );
			expect( outcome.rejected?.[ 3 ] ).toBe( 'jqXHR' );
		}
	}
];

/** Cases where the shield differs from core on purpose: each mode's outcome is checked. */
export const DIFFERENCES: ContractCase[] = [
	{
		name: 'a page-load burst of rollback, userrights and createaccount: core asks three times, the shield once',
		run: ( api ) => $.when( api.getToken( 'rollback' ), api.getToken( 'userrights' ), api.getToken( 'createaccount' ) ),
		check: ( outcome, { mode, api } ) => {
			expect( outcome ).toEqual( { resolved: [ TOKEN, TOKEN, TOKEN ] } );
			expect( api.tokenRequests() ).toHaveLength( mode === 'core' ? 3 : 1 );
		}
	},
	{
		name: 'a post asserts the logged-in user only when shielded',
		run: ( api, title ) => api.postWithToken( 'csrf', { action: 'edit', title: title, text: 'Asserted?', formatversion: 2 } ),
		check: ( outcome, { mode, api } ) => {
			expect( outcome.resolved?.[ 0 ].edit.result ).toBe( 'Success' );
			const [ edit ] = api.withAction( 'edit' );
			expect( { assert: edit.body.assert, assertuser: edit.body.assertuser } ).toEqual(
				mode === 'core' ? { assert: undefined, assertuser: undefined } : { assert: 'user', assertuser: 'Alice' } );
		}
	}
];

/** Loads the shield into the page and checks that core's methods really were replaced. */
export async function shieldPage( page: Page ): Promise<void> {
	const replaced = await page.evaluate( () => {
		const mw = window.mw;
		const before = mw.Api.prototype.postWithToken;
		return mw.loader.using( 'ext.gadget.TokenCacheShield' ).then( () => mw.Api.prototype.postWithToken !== before );
	} );
	expect( replaced, 'the shield replaced mw.Api.prototype.postWithToken' ).toBe( true );
}
