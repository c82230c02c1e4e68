import { afterEach, describe, expect, it } from 'vitest';
import { hasCoreContract } from '../../../src/shield/prototypePatch';
import { TOKEN_A, TOKEN_B, tokensQuery } from '../support/fakeApi';
import { FakeCore } from '../support/fakeCoreApi';
import { outcomeOf, shieldedPage } from './harness';

let core: FakeCore;
afterEach( () => core.verify() );

const METHODS = [ 'abort', 'getToken', 'badToken', 'postWithToken' ];
const descriptors = ( prototype: object ) => METHODS.map( ( name ) => Object.getOwnPropertyDescriptor( prototype, name ) );

describe( 'the shield switch', () => {
	it( 'replaces abort, getToken, badToken and postWithToken on the prototype, so existing instances are covered too', () => {
		const page = shieldedPage();
		core = page.core;
		METHODS.forEach( ( name ) => {
			expect( core.prototype[ name ] ).not.toBe( core.originals[ name ] );
			expect( page.api[ name ] ).toBe( core.prototype[ name ] );
		} );
	} );

	it( 'unshield puts core\'s very functions back, with the same property attributes', async () => {
		const before = shieldedPage();
		core = before.core;
		const expected = Object.keys( core.originals ).map( ( name ) => ( { value: core.originals[ name ], writable: true, enumerable: true, configurable: true } ) );
		before.shieldSwitch.shield().unshield();
		expect( descriptors( core.prototype ) ).toEqual( expected );
		// Core's own methods answer again.
		expect( await outcomeOf( before.api.getToken( 'csrf' ) ) ).toEqual( { resolved: [ 'core getToken' ] } );
	} );

	it( 'shielding twice wraps once and hands back the same handle', () => {
		const page = shieldedPage();
		core = page.core;
		const shielded = METHODS.map( ( name ) => core.prototype[ name ] );
		const handle = page.shieldSwitch.shield();
		expect( page.shieldSwitch.shield() ).toBe( handle );
		expect( METHODS.map( ( name ) => core.prototype[ name ] ) ).toEqual( shielded );
		handle.unshield();
		handle.unshield();
		expect( METHODS.map( ( name ) => core.prototype[ name ] ) ).toEqual( METHODS.map( ( name ) => core.originals[ name ] ) );
	} );

	it( 'puts the request guards on and off with itself, and tells them how often scripts called the token methods', async () => {
		const events: string[] = [];
		let tokenMethodCalls = (): number => -1;
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A }, guardRequests: ( calls ) => {
			tokenMethodCalls = calls;
			events.push( 'on' );
			return () => events.push( 'off' );
		} } );
		core = page.core;
		expect( events ).toEqual( [ 'on' ] );
		expect( tokenMethodCalls() ).toBe( 0 );
		await outcomeOf( page.api.getToken( 'csrf' ) );
		await outcomeOf( page.api.getToken( 'csrf' ) );
		expect( tokenMethodCalls() ).toBe( 2 );
		page.shieldSwitch.shield().unshield();
		expect( events ).toEqual( [ 'on', 'off' ] );
		// Core's own methods are not counted.
		await outcomeOf( page.api.getToken( 'csrf' ) );
		expect( tokenMethodCalls() ).toBe( 2 );
	} );

	it( 'can be switched on again after unshield', async () => {
		const page = shieldedPage( { pageTokens: { csrf: TOKEN_A } } );
		core = page.core;
		page.shieldSwitch.shield().unshield();
		page.shieldSwitch.shield();
		expect( await outcomeOf( page.api.getToken( 'csrf' ) ) ).toEqual( { resolved: [ TOKEN_A ] } );
	} );

	it( 'on unshield, leaves a method someone replaced after the shield to them', () => {
		const page = shieldedPage();
		core = page.core;
		const theirs = () => 'theirs';
		core.prototype.getToken = theirs;
		page.shieldSwitch.shield().unshield();
		expect( core.prototype.getToken ).toBe( theirs );
		expect( core.prototype.postWithToken ).toBe( core.originals.postWithToken );
	} );

	it( 'a token request already out when unshielded still settles for its caller', async () => {
		const page = shieldedPage();
		core = page.core;
		const held = core.expect( 'get', tokensQuery( 'rollback' ), { result: { query: { tokens: { rollbacktoken: TOKEN_B } } } }, { held: true } );
		const promise = page.api.getToken( 'rollback' );
		page.shieldSwitch.shield().unshield();
		await new Promise( ( resolve ) => setTimeout( resolve ) );
		held.release();
		expect( await outcomeOf( promise ) ).toEqual( { resolved: [ TOKEN_B ] } );
	} );
} );

describe( 'hasCoreContract', () => {
	it( 'wants abort, getToken, badToken, postWithToken and post as functions', () => {
		const fn = () => undefined;
		expect( hasCoreContract( { abort: fn, getToken: fn, badToken: fn, postWithToken: fn, post: fn } ) ).toBe( true );
		expect( hasCoreContract( { abort: fn, getToken: fn, badToken: fn, postWithToken: fn } ) ).toBe( false );
		expect( hasCoreContract( { getToken: fn, badToken: fn, postWithToken: fn, post: fn } ) ).toBe( false );
		expect( hasCoreContract( { abort: fn, getToken: fn, badToken: 'x', postWithToken: fn, post: fn } ) ).toBe( false );
		expect( hasCoreContract( undefined ) ).toBe( false );
		core = shieldedPage().core;
	} );
} );
