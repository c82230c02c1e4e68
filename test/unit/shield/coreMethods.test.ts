import { afterEach, describe, expect, it } from 'vitest';
import { ANON, TOKEN_A, TOKEN_B, TOKEN_C, tokensQuery } from '../support/fakeApi';
import { API_ERROR, FakeCore } from '../support/fakeCoreApi';
import { outcomeOf, shieldedPage } from './harness';

const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hello' };
const ASSERTED = { assert: 'user', assertuser: 'Alice' };
const SAVED = { edit: { result: 'Success' } };

function tokens( values: Record<string, string> ) {
	const keyed: Record<string, string> = {};
	Object.keys( values ).forEach( ( type ) => {
		keyed[ type + 'token' ] = values[ type ];
	} );
	return { result: { batchcomplete: true, query: { tokens: keyed } } };
}

let core: FakeCore;
afterEach( () => core.verify() );

describe( 'shielded getToken', () => {
	it( 'resolves with the page\'s token, with no request, as a jQuery promise with abort', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		const promise = page.api.getToken( 'csrf' );
		expect( typeof promise.abort ).toBe( 'function' );
		expect( typeof promise.done ).toBe( 'function' );
		expect( await outcomeOf( promise ) ).toEqual( { resolved: [ TOKEN_A ] } );
		expect( await outcomeOf( page.api.getEditToken() ) ).toEqual( { resolved: [ TOKEN_A ] } );
		expect( core.requests ).toHaveLength( 0 );
	} );

	it( 'asks for types wanted in the same tick in one request', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'get', tokensQuery( 'rollback|userrights|createaccount' ), tokens( { rollback: TOKEN_B, userrights: TOKEN_C, createaccount: TOKEN_A } ) );
		const outcomes = await Promise.all( [ 'rollback', 'userrights', 'createaccount', 'csrf' ].map( ( type ) => outcomeOf( page.api.getToken( type ) ) ) );
		expect( outcomes ).toEqual( [ { resolved: [ TOKEN_B ] }, { resolved: [ TOKEN_C ] }, { resolved: [ TOKEN_A ] }, { resolved: [ TOKEN_A ] } ] );
		expect( core.requests ).toHaveLength( 1 );
	} );

	it( 'rejects an unknown type with core\'s code token-missing', async () => {
		const page = shieldedPage();
		core = page.core;
		core.expect( 'get', tokensQuery( 'bogus' ), tokens( {} ) );
		const outcome = await outcomeOf( page.api.getToken( 'bogus' ) );
		expect( outcome ).toMatchObject( { rejected: [ 'token-missing', { error: { code: 'unknowntype' } } ] } );
	} );

	it( 'rejects with sessionlost instead of handing out the anonymous token on a page loaded logged in', async () => {
		const page = shieldedPage();
		core = page.core;
		core.expect( 'get', tokensQuery( 'rollback' ), tokens( { rollback: ANON } ) );
		expect( await outcomeOf( page.api.getToken( 'rollback' ) ) ).toMatchObject( { rejected: [ 'sessionlost', { error: { code: 'sessionlost' } } ] } );
	} );

	it( 'rejects a failed token request with core\'s http shape', async () => {
		const page = shieldedPage();
		core = page.core;
		core.expect( 'get', tokensQuery( 'rollback' ), { reject: [ 'http', { xhr: { status: 503 }, textStatus: 'error', exception: 'Service Unavailable' } ] } );
		expect( await outcomeOf( page.api.getToken( 'rollback' ) ) ).toEqual( { rejected: [ 'http', { xhr: { status: 503 }, textStatus: 'error', exception: 'error' } ] } );
	} );

	it( 'leaves a call with additional parameters (an assert for the token request) to core', async () => {
		const page = shieldedPage();
		core = page.core;
		expect( await outcomeOf( page.api.getToken( 'csrf', 'user' ) ) ).toEqual( { resolved: [ 'core getToken' ] } );
		expect( await outcomeOf( page.api.getToken( 'csrf', { assert: 'user' } ) ) ).toEqual( { resolved: [ 'core getToken' ] } );
		expect( core.coreCalls.map( ( call ) => [ call.method, call.self === page.api, call.args.slice( 0, 2 ) ] ) ).toEqual( [
			[ 'getToken', true, [ 'csrf', 'user' ] ],
			[ 'getToken', true, [ 'csrf', { assert: 'user' } ] ]
		] );
	} );

	it( 'maps a legacy name to csrf and reports it, as core warns about it', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		expect( await outcomeOf( page.api.getToken( 'edit' ) ) ).toEqual( { resolved: [ TOKEN_A ] } );
		expect( page.legacy ).toEqual( [ 'edit' ] );
	} );

	it( 'aborts this caller only: the shared token request goes on for the others', async () => {
		const page = shieldedPage();
		core = page.core;
		const held = core.expect( 'get', tokensQuery( 'rollback' ), tokens( { rollback: TOKEN_B } ), { held: true } );
		const first = page.api.getToken( 'rollback' );
		const second = page.api.getToken( 'rollback' );
		first.abort();
		expect( await outcomeOf( first ) ).toEqual( { rejected: [ 'http', { textStatus: 'abort', exception: 'abort' } ] } );
		held.release();
		expect( await outcomeOf( second ) ).toEqual( { resolved: [ TOKEN_B ] } );
	} );
} );

describe( 'shielded postWithToken', () => {
	it( 'resolves with ( result, jqXHR ), asserting the user and passing the ajax options on', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED } );
		const ajaxOptions = { timeout: 5 };
		const outcome = await outcomeOf( page.api.postWithToken( 'csrf', EDIT, ajaxOptions ) );
		expect( outcome ).toEqual( { resolved: [ SAVED, expect.objectContaining( { id: 1 } ) ] } );
		expect( core.requests[ 0 ].ajaxOptions ).toBe( ajaxOptions );
		expect( Object.keys( core.requests[ 0 ].params ).pop() ).toBe( 'token' );
	} );

	it( 'serves postWithEditToken, edit() and the rest of core through it', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.prototype.postWithEditToken = function ( this: { postWithToken( ...a: unknown[] ): unknown }, params: unknown, ajaxOptions: unknown ) {
			return this.postWithToken( 'csrf', params, ajaxOptions );
		};
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED } );
		expect( await outcomeOf( page.api.postWithEditToken( EDIT ) ) ).toMatchObject( { resolved: [ SAVED, expect.anything() ] } );
	} );

	it( 'rejects an API error with core\'s ( code, result, result, jqXHR )', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, API_ERROR( 'protectedpage' ) );
		const outcome = await outcomeOf( page.api.postWithToken( 'csrf', EDIT ) );
		const result = { error: { code: 'protectedpage', info: 'scripted protectedpage' } };
		expect( outcome ).toEqual( { rejected: [ 'protectedpage', result, result, expect.objectContaining( { id: 1 } ) ] } );
	} );

	it( 'rejects a transport error with core\'s ( \'http\', { xhr, textStatus, exception } )', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		const details = { xhr: { status: 0 }, textStatus: 'timeout', exception: 'timeout' };
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { reject: [ 'http', details ] } );
		expect( await outcomeOf( page.api.postWithToken( 'csrf', EDIT ) ) ).toEqual( { rejected: [ 'http', details ] } );
	} );

	it( 'refreshes once on badtoken, tells core\'s badToken, and retries once', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, API_ERROR( 'badtoken' ) );
		core.expect( 'get', tokensQuery( 'csrf' ), tokens( { csrf: TOKEN_B } ) );
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_B }, { result: SAVED } );
		expect( await outcomeOf( page.api.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { resolved: [ SAVED, expect.anything() ] } );
		expect( core.coreCalls.filter( ( call ) => call.method === 'badToken' ).map( ( call ) => call.args ) ).toContainEqual( [ 'csrf' ] );
	} );

	it( 'refreshes once for a storm of five stale posts, and all five land', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		const titles = [ 1, 2, 3, 4, 5 ].map( ( n ) => 'Page ' + n );
		titles.forEach( ( title ) => core.expect( 'post', { ...EDIT, title, ...ASSERTED, token: TOKEN_A }, API_ERROR( 'badtoken' ) ) );
		core.expect( 'get', tokensQuery( 'csrf' ), tokens( { csrf: TOKEN_B } ) );
		titles.forEach( ( title ) => core.expect( 'post', { ...EDIT, title, ...ASSERTED, token: TOKEN_B }, { result: SAVED } ) );
		const outcomes = await Promise.all( titles.map( ( title ) => outcomeOf( page.api.postWithToken( 'csrf', { ...EDIT, title } ) ) ) );
		expect( outcomes.map( ( o ) => 'resolved' in o ) ).toEqual( [ true, true, true, true, true ] );
		expect( core.requests.filter( ( r ) => r.method === 'get' ) ).toHaveLength( 1 );
	} );

	it( 'rejects with sessionlost when the session is gone, and never posts the anonymous token', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, API_ERROR( 'badtoken' ) );
		core.expect( 'get', tokensQuery( 'csrf' ), tokens( { csrf: ANON } ) );
		const outcome = await outcomeOf( page.api.postWithToken( 'csrf', EDIT ) );
		expect( outcome ).toMatchObject( { rejected: [ 'sessionlost', { error: { code: 'sessionlost' } } ] } );
		expect( core.requests.filter( ( r ) => r.method === 'post' ) ).toHaveLength( 1 );
	} );

	it( 'turns the assertuserfailed of the assertion it added into sessionlost', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, API_ERROR( 'assertuserfailed' ) );
		expect( await outcomeOf( page.api.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { rejected: [ 'sessionlost', { error: { code: 'sessionlost' } } ] } );
	} );

	it( 'keeps a caller\'s own assert, and rejects its failure with core\'s own arguments', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, assert: 'user', token: TOKEN_A }, API_ERROR( 'assertuserfailed' ) );
		const failed = { error: { code: 'assertuserfailed' } };
		expect( await outcomeOf( page.api.postWithToken( 'csrf', { ...EDIT, assert: 'user' } ) ) ).toMatchObject( { rejected: [ 'assertuserfailed', failed, failed, { id: 1 } ] } );
	} );

	it( 'keeps a caller\'s assert=anon as it is', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, assert: 'anon', token: TOKEN_A }, API_ERROR( 'assertanonfailed' ) );
		const failed = { error: { code: 'assertanonfailed' } };
		expect( await outcomeOf( page.api.postWithToken( 'csrf', { ...EDIT, assert: 'anon' } ) ) ).toMatchObject( { rejected: [ 'assertanonfailed', failed, failed, { id: 1 } ] } );
	} );

	it( 'posts a token of its own in place of the caller\'s, as core does', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED } );
		const params = { token: TOKEN_C, ...EDIT };
		expect( await outcomeOf( page.api.postWithToken( 'csrf', params ) ) ).toMatchObject( { resolved: [ SAVED, expect.anything() ] } );
	} );

	it( 'aborts the post while it is out, rejecting as core does', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED }, { held: true } );
		const promise = page.api.postWithToken( 'csrf', EDIT );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		expect( core.requests ).toHaveLength( 1 );
		promise.abort();
		expect( await outcomeOf( promise ) ).toEqual( { rejected: [ 'http', { xhr: expect.objectContaining( { id: 1 } ), textStatus: 'abort', exception: 'abort' } ] } );
	} );

	it( 'aborted while its token is fetched, posts nothing and rejects as core does', async () => {
		const page = shieldedPage();
		core = page.core;
		const held = core.expect( 'get', tokensQuery( 'rollback' ), tokens( { rollback: TOKEN_B } ), { held: true } );
		const promise = page.api.postWithToken( 'rollback', { action: 'rollback', title: 'X', user: 'Y' } );
		promise.abort();
		expect( await outcomeOf( promise ) ).toEqual( { rejected: [ 'http', { textStatus: 'abort', exception: 'abort' } ] } );
		held.release();
		await new Promise( ( resolve ) => setTimeout( resolve, 5 ) );
		expect( core.requests.filter( ( r ) => r.method === 'post' ) ).toHaveLength( 0 );
	} );

	it( 'rejects with the reason of a caller\'s aborted signal (newer cores\' ajaxOptions.signal)', async () => {
		const page = shieldedPage();
		core = page.core;
		core.expect( 'get', tokensQuery( 'rollback' ), tokens( { rollback: TOKEN_B } ), { held: true } );
		const controller = new AbortController();
		const promise = page.api.postWithToken( 'rollback', { action: 'rollback', title: 'X', user: 'Y' }, { signal: controller.signal } );
		controller.abort();
		const outcome = await outcomeOf( promise );
		expect( outcome ).toEqual( { rejected: [ controller.signal.reason, controller.signal.reason ] } );
	} );

	it( 'maps a legacy name to csrf and reports it', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED } );
		await outcomeOf( page.api.postWithToken( 'edit', EDIT ) );
		expect( page.legacy ).toEqual( [ 'edit' ] );
	} );

	it( 'leaves parameters TokenCache does not take (not JSON, not a plain object) to core', async () => {
		const page = shieldedPage();
		core = page.core;
		await outcomeOf( page.api.postWithToken( 'csrf', { ...EDIT, format: 'xml' } ) );
		expect( core.coreCalls.map( ( call ) => call.method ) ).toEqual( [ 'postWithToken' ] );
	} );

	it( 'leaves an anonymous ForeignApi, which posts without the user\'s session, to core', async () => {
		const page = shieldedPage();
		core = page.core;
		const foreign = new core.Api( 'https://other.example/w/api.php', { anonymous: true } ) as typeof page.api;
		await outcomeOf( foreign.postWithToken( 'csrf', EDIT ) );
		await outcomeOf( foreign.getToken( 'csrf' ) );
		expect( core.coreCalls.map( ( call ) => [ call.method, call.self === foreign ] ) ).toEqual( [ [ 'postWithToken', true ], [ 'getToken', true ] ] );
	} );

	it( 'gives another endpoint (a ForeignApi) its own TokenCache', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		const foreign = new core.Api( 'https://other.example/w/api.php' ) as typeof page.api;
		core.expect( 'get', tokensQuery( 'csrf' ), tokens( { csrf: TOKEN_B } ) );
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_B }, { result: SAVED } );
		expect( await outcomeOf( foreign.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { resolved: [ SAVED, expect.anything() ] } );
		expect( page.cache.forApi( foreign ).snapshot().map( ( entry ) => entry.type ) ).toEqual( [ 'csrf' ] );
	} );
} );

describe( 'shielded abort', () => {
	it( 'api.abort() also aborts its calls still waiting for TokenCache, as core\'s aborts its token requests; other instances go on', async () => {
		const page = shieldedPage();
		core = page.core;
		const held = core.expect( 'get', tokensQuery( 'rollback' ), tokens( { rollback: TOKEN_B } ), { held: true } );
		const other = new core.Api() as typeof page.api;
		const waiting = page.api.getToken( 'rollback' );
		const posting = page.api.postWithToken( 'rollback', { action: 'rollback', title: 'X', user: 'Y' } );
		const others = other.getToken( 'rollback' );
		page.api.abort();
		const aborted = { rejected: [ 'http', { textStatus: 'abort', exception: 'abort' } ] };
		expect( await outcomeOf( waiting ) ).toEqual( aborted );
		expect( await outcomeOf( posting ) ).toEqual( aborted );
		held.release();
		expect( await outcomeOf( others ) ).toEqual( { resolved: [ TOKEN_B ] } );
		expect( core.coreCalls.filter( ( call ) => call.method === 'abort' ) ).toHaveLength( 1 );
		expect( core.requests.filter( ( r ) => r.method === 'post' ) ).toHaveLength( 0 );
	} );

	it( 'api.abort() aborts its post that is out with core\'s own rejection', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'post', { ...EDIT, ...ASSERTED, token: TOKEN_A }, { result: SAVED }, { held: true } );
		const promise = page.api.postWithToken( 'csrf', EDIT );
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		page.api.abort();
		expect( await outcomeOf( promise ) ).toEqual( { rejected: [ 'http', { xhr: expect.objectContaining( { id: 1 } ), textStatus: 'abort', exception: 'abort' } ] } );
	} );
} );

describe( 'shielded badToken', () => {
	it( 'drops the type in core and in TokenCache, so the next getToken asks again, without looping', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		core.expect( 'get', tokensQuery( 'csrf' ), tokens( { csrf: TOKEN_B } ) );
		page.api.badToken( 'csrf' );
		expect( await outcomeOf( page.api.getToken( 'csrf' ) ) ).toEqual( { resolved: [ TOKEN_B ] } );
		// Once from the caller, once as TokenCache drops its entry and tells core (that call is core's alone).
		expect( core.coreCalls.map( ( call ) => [ call.method, call.args[ 0 ] ] ) ).toEqual( [ [ 'badToken', 'csrf' ], [ 'badToken', 'csrf' ] ] );
	} );

	it( 'never throws for a name TokenCache refuses, like core', () => {
		const page = shieldedPage();
		core = page.core;
		expect( () => page.api.badToken( 'CSRF|x' ) ).not.toThrow();
		expect( core.coreCalls ).toHaveLength( 1 );
	} );
} );
