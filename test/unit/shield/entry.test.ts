// The built shield file (dist/TokenCache-shield.js) with the built library, in a jsdom window with a fake
// `mw` whose mw.Api is the strict fake core.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import $ from 'jquery';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_A } from '../support/fakeApi';
import { createFakeCore, FakeCore } from '../support/fakeCoreApi';
import { windowWithFakeMw } from '../support/fakeMw';
import { outcomeOf } from './harness';

// In jsdom, import.meta.url is not a file URL: vitest runs from the repository's root.
const library = readFileSync( path.resolve( 'dist/TokenCache.js' ), 'utf8' );
const shield = readFileSync( path.resolve( 'dist/TokenCache-shield.js' ), 'utf8' );
const METHODS = [ 'abort', 'getToken', 'badToken', 'postWithToken' ];

type Handle = { unshield(): void };
type Library = { shieldCoreApi(): Promise<Handle> };

let core: FakeCore;
afterEach( () => core.verify() );

function page( { withShieldGadget = true } = {} ) {
	core = createFakeCore();
	const loaded = windowWithFakeMw( { userName: 'Alice', tokens: { csrfToken: TOKEN_A },
		gadgets: withShieldGadget ? { 'ext.gadget.TokenCacheShield': shield } : {} } );
	const tracked: unknown[][] = [];
	Object.assign( loaded.fake.mw, { Api: core.Api, track: ( ...args: unknown[] ) => tracked.push( args ) } );
	( loaded.window.$ as unknown as Record<string, unknown> ).Deferred = $.Deferred;
	const run = ( code: string ) => loaded.window.eval( code );
	const libs = loaded.fake.mw.libs as { tokenCache: Library };
	const methods = () => METHODS.map( ( name ) => core.prototype[ name ] );
	return { ...loaded, run, libs, tracked, methods, originals: METHODS.map( ( name ) => core.originals[ name ] ) };
}

describe( 'the shield gadget', () => {
	it( 'shields mw.Api once TokenCache is ready; a second copy leaves the first in charge', async () => {
		const p = page();
		p.run( library );
		p.run( shield );
		const shielded = p.methods();
		expect( shielded ).not.toEqual( p.originals );
		p.run( shield );
		expect( p.methods() ).toEqual( shielded );
		const api = new core.Api() as unknown as { getToken( t: string ): JQuery.Promise<string> };
		expect( await outcomeOf( api.getToken( 'csrf' ) ) ).toEqual( { resolved: [ TOKEN_A ] } );
		expect( core.coreCalls ).toEqual( [] );
		expect( p.fake.warnings ).toEqual( [] );
	} );

	it( 'loaded before the library (common.js), waits for tokenCache.ready', () => {
		const p = page();
		p.run( shield );
		expect( p.methods() ).toEqual( p.originals );
		p.run( library );
		expect( p.methods() ).not.toEqual( p.originals );
	} );

	it( 'stays off, saying so once, on an mw.Api without the methods it replaces; shieldCoreApi then rejects unsupported', async () => {
		const p = page();
		delete core.prototype.badToken;
		p.run( library );
		p.run( shield );
		p.run( shield );
		expect( p.methods() ).toEqual( [ core.originals.abort, core.originals.getToken, undefined, core.originals.postWithToken ] );
		expect( p.fake.warnings ).toHaveLength( 1 );
		expect( String( p.fake.warnings[ 0 ][ 0 ] ) ).toContain( 'unshielded' );
		await expect( p.libs.tokenCache.shieldCoreApi() ).rejects.toMatchObject( { name: 'TokenCacheError', code: 'unsupported' } );
	} );

	it( 'warns about a legacy type name as core does (mw.track and mw.log.warn)', async () => {
		const p = page();
		p.run( library );
		p.run( shield );
		const api = new core.Api() as unknown as { getToken( t: string ): JQuery.Promise<string> };
		expect( await outcomeOf( api.getToken( 'edit' ) ) ).toEqual( { resolved: [ TOKEN_A ] } );
		expect( p.tracked ).toEqual( [ [ 'mw.deprecate', 'apitoken_edit' ] ] );
		expect( p.fake.warnings ).toHaveLength( 1 );
	} );
} );

describe( 'tokenCache.shieldCoreApi()', () => {
	it( 'loads the shield gadget and resolves with a handle whose unshield restores core\'s methods exactly', async () => {
		const p = page();
		p.run( library );
		expect( p.loaded ).toEqual( [] );
		const handle = await p.libs.tokenCache.shieldCoreApi();
		expect( p.loaded ).toEqual( [ 'ext.gadget.TokenCacheShield' ] );
		expect( p.methods() ).not.toEqual( p.originals );
		expect( await p.libs.tokenCache.shieldCoreApi() ).toBe( handle );
		handle.unshield();
		expect( p.methods() ).toEqual( p.originals );
		// On again: the gadget is not loaded a second time.
		const again = await p.libs.tokenCache.shieldCoreApi();
		expect( again ).not.toBe( handle );
		expect( p.methods() ).not.toEqual( p.originals );
		expect( p.loaded ).toEqual( [ 'ext.gadget.TokenCacheShield' ] );
	} );

	it( 'rejects unsupported where the wiki has no shield gadget, and loads nothing', async () => {
		const p = page( { withShieldGadget: false } );
		p.run( library );
		await expect( p.libs.tokenCache.shieldCoreApi() ).rejects.toMatchObject( { name: 'TokenCacheError', code: 'unsupported' } );
		expect( p.loaded ).toEqual( [] );
		expect( p.methods() ).toEqual( p.originals );
	} );

	it( 'leaves a shield loaded by hand (common.js, no gadget) on, and that shield switches on by itself', async () => {
		const p = page( { withShieldGadget: false } );
		p.run( library );
		p.run( shield );
		expect( p.methods() ).not.toEqual( p.originals );
		await expect( p.libs.tokenCache.shieldCoreApi() ).rejects.toMatchObject( { code: 'unsupported' } );
		expect( p.methods() ).not.toEqual( p.originals );
	} );
} );
