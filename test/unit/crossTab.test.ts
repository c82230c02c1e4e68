import { afterEach, describe, expect, it } from 'vitest';
import { CrossTab, TabMessage, broadcastCrossTab } from '../../src/crossTab';
import { ANON, FakeApi, TOKEN_A, TOKEN_B, apiError, tokensAnswer, tokensQuery } from './support/fakeApi';
import { fakePageTokens, makeCache, rejectionOf, settle } from './support/makeCache';

/** Two or more tabs joined like BroadcastChannel joins them: a sender never hears itself. */
function fakeBus() {
	const tabs: ( ( message: TabMessage ) => void )[] = [];
	const sent: TabMessage[] = [];
	return {
		sent: sent,
		tab(): CrossTab {
			let own: ( message: TabMessage ) => void = () => undefined;
			return {
				send: ( message ) => {
					sent.push( message );
					tabs.filter( ( handler ) => handler !== own ).forEach( ( handler ) => handler( message ) );
				},
				listen: ( handler ) => {
					own = handler;
					tabs.push( handler );
				}
			};
		}
	};
}

const apis: FakeApi[] = [];
afterEach( () => apis.splice( 0 ).forEach( ( api ) => api.verify() ) );
const EDIT = { action: 'edit', title: 'Sandbox', text: 'Hi', assert: 'user', assertuser: 'Alice' };

describe( 'several tabs of one wiki', () => {
	it( 'after one tab refreshed, the other fetches a fresh token before its next post instead of failing', async () => {
		const bus = fakeBus();
		const first = new FakeApi();
		const second = new FakeApi();
		apis.push( first, second );
		first.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ) );
		first.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		first.expectPost( { ...EDIT, token: TOKEN_B }, { result: { edit: { result: 'Success' } } } );
		second.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: TOKEN_B } ) );
		second.expectPost( { ...EDIT, token: TOKEN_B }, { result: { edit: { result: 'Success' } } } );
		const tabA = makeCache( { api: first, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		const tabB = makeCache( { api: second, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		await tabA.cache.postWithToken( 'csrf', EDIT );
		expect( bus.sent ).toEqual( [ { endpoint: '/w/api.php' } ] );
		await tabB.cache.postWithToken( 'csrf', EDIT );
		expect( second.count( 'post' ) ).toBe( 1 );
		expect( second.badTokenCalls ).toEqual( [ 'csrf' ] );
	} );

	it( 'are told of a badtoken whose caller aborted, though no refresh follows', async () => {
		const bus = fakeBus();
		const first = new FakeApi();
		apis.push( first );
		const stale = first.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'badtoken' ), { held: true } );
		const tabA = makeCache( { api: first, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		const tabB = makeCache( { api: new FakeApi(), userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		const controller = new AbortController();
		const post = rejectionOf( tabA.cache.postWithToken( 'csrf', EDIT, { signal: controller.signal } ) );
		await settle();
		controller.abort();
		stale.release();
		expect( await post ).toMatchObject( { code: 'aborted' } );
		await settle();
		expect( bus.sent ).toEqual( [ { endpoint: '/w/api.php' } ] );
		expect( tabB.cache.snapshot() ).toEqual( [] );
		expect( first.count( 'get' ) ).toBe( 0 );
	} );

	it( 'tell each other about a lost session, carrying no token', async () => {
		const bus = fakeBus();
		const first = new FakeApi();
		apis.push( first );
		first.expectPost( { ...EDIT, token: TOKEN_A }, apiError( 'assertuserfailed' ) );
		const tabA = makeCache( { api: first, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		const tabB = makeCache( { api: new FakeApi(), userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		expect( await rejectionOf( tabA.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		// The endpoint, and nothing else.
		expect( bus.sent ).toEqual( [ { endpoint: '/w/api.php' } ] );
		expect( tabB.cache.snapshot() ).toEqual( [] );
	} );

	it( 'tell each other about a logout made through TokenCache, so the others see the lost session before posting', async () => {
		const bus = fakeBus();
		const first = new FakeApi();
		const second = new FakeApi();
		apis.push( first, second );
		first.expectPost( { action: 'logout', assert: 'user', assertuser: 'Alice', token: TOKEN_A }, { result: {} } );
		second.expectGet( tokensQuery( 'csrf' ), tokensAnswer( { csrf: ANON } ) );
		const tabA = makeCache( { api: first, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		const tabB = makeCache( { api: second, userName: 'Alice', pageTokens: fakePageTokens( { csrf: TOKEN_A } ), crossTab: bus.tab() } );
		await tabA.cache.postWithToken( 'csrf', { action: 'logout' } );
		expect( bus.sent ).toEqual( [ { endpoint: '/w/api.php' } ] );
		expect( await rejectionOf( tabB.cache.postWithToken( 'csrf', EDIT ) ) ).toMatchObject( { code: 'sessionlost' } );
		expect( second.count( 'post' ) ).toBe( 0 );
	} );

	it( 'ignore messages about other endpoints', () => {
		const bus = fakeBus();
		const tabA = makeCache( { api: new FakeApi( 'https://other.example/w/api.php' ), crossTab: bus.tab() } );
		const tabB = makeCache( { api: new FakeApi(), pageTokens: fakePageTokens( { csrf: ANON } ), crossTab: bus.tab() } );
		expect( tabA.cache.endpoint ).not.toBe( tabB.cache.endpoint );
		bus.tab().send( { endpoint: 'https://other.example/w/api.php' } );
		expect( tabB.cache.snapshot() ).toHaveLength( 1 );
	} );

	it( 'use BroadcastChannel where the browser has it, and nothing where it has not', async () => {
		expect( broadcastCrossTab( undefined ) ).toBeUndefined();
		const sender = broadcastCrossTab( BroadcastChannel ) as CrossTab;
		const receiver = broadcastCrossTab( BroadcastChannel ) as CrossTab;
		const heard = new Promise( ( resolve ) => receiver.listen( resolve ) );
		sender.send( { endpoint: '/w/api.php' } );
		expect( await heard ).toEqual( { endpoint: '/w/api.php' } );
	} );
} );
