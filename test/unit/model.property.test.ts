/**
 * Model-based property tests: generated sequences of calls, aborts, cross-tab messages, session renewals,
 * losses, logins and lost answers against a model wiki, with fast-check's scheduler deciding the order in
 * which requests reach the wiki and their answers come back. Seeded (FC_SEED), so a failure prints its
 * seed and shrunk counterexample and can be replayed; TOKENCACHE_FC_RUNS runs more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../src/tokenCache';
import { TabMessage } from '../../src/crossTab';
import { TokenCache, TokenCacheError } from '../../src/publicTypes';
import { fakePageTokens } from './support/makeCache';
import { KNOWN_TYPES, ModelWiki, USER } from './support/modelWiki';

const SEED = Number( process.env.FC_SEED || 20241114 );
const RUNS = Number( process.env.TOKENCACHE_FC_RUNS || 1000 );
const TYPES = [ ...KNOWN_TYPES, 'edit', 'bogus', 'nosuch' ];

type Command =
	| { kind: 'getToken'; type: string; abortable: boolean }
	| { kind: 'getTokens'; types: string[]; abortable: boolean }
	| { kind: 'post'; abortable: boolean }
	| { kind: 'login' }
	| { kind: 'invalidate'; type?: string }
	| { kind: 'abort'; call: number }
	| { kind: 'message' }
	| { kind: 'renew' }
	| { kind: 'lose' }
	| { kind: 'deliver'; answers: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
	fc.record( { kind: fc.constant( 'getToken' as const ), type: fc.constantFrom( ...TYPES ), abortable: fc.boolean() } ),
	fc.record( { kind: fc.constant( 'getTokens' as const ), types: fc.uniqueArray( fc.constantFrom( ...TYPES ), { minLength: 1, maxLength: 4 } ), abortable: fc.boolean() } ),
	fc.record( { kind: fc.constant( 'post' as const ), abortable: fc.boolean() } ),
	fc.record( { kind: fc.constant( 'post' as const ), abortable: fc.boolean() } ),
	fc.constant( { kind: 'login' as const } ),
	fc.record( { kind: fc.constant( 'invalidate' as const ), type: fc.option( fc.constantFrom( 'csrf', 'watch', 'rollback' ), { nil: undefined } ) } ),
	fc.record( { kind: fc.constant( 'abort' as const ), call: fc.nat( 15 ) } ),
	fc.constant( { kind: 'message' as const } ),
	fc.constant( { kind: 'renew' as const } ),
	fc.constant( { kind: 'lose' as const } ),
	fc.record( { kind: fc.constant( 'deliver' as const ), answers: fc.integer( { min: 1, max: 4 } ) } )
);

/** Lets TokenCache's own promise chains run (they take a few microtasks per step). */
async function microtasks( count = 30 ): Promise<void> {
	for ( let i = 0; i < count; i++ ) {
		await Promise.resolve();
	}
}

interface World {
	wiki: ModelWiki;
	cache: TokenCache;
	/** What hooks and other tabs were handed. */
	announced: unknown[];
	sent: TabMessage[];
	hear( message: TabMessage ): void;
}

function createWorld( scheduler: fc.Scheduler, lostAnswers: boolean[], embedded: Record<string, string> ): World {
	const wiki = new ModelWiki( scheduler, lostAnswers );
	const world = { wiki: wiki, announced: [] as unknown[], sent: [] as TabMessage[], hear: ( _message: TabMessage ) => undefined } as World;
	world.cache = createTokenCache( wiki, {
		version: 'model',
		requestTimeoutMs: 1000,
		userName: USER,
		pageTokens: fakePageTokens( embedded ),
		onSessionLost: ( error ) => world.announced.push( error ),
		onChange: ( cache ) => world.announced.push( cache.snapshot() ),
		crossTab: {
			send: ( message ) => world.sent.push( message ),
			listen: ( handler ) => {
				world.hear = handler;
			}
		}
	} );
	return world;
}

/** No full token in `value`, however deep (errors included). */
function assertNoToken( world: World, value: unknown ): void {
	const seen = new Set<unknown>();
	const text = JSON.stringify( value, ( _key, inner ) => {
		if ( inner instanceof Error ) {
			return { ...inner, message: inner.message, info: ( inner as TokenCacheError ).info, data: ( inner as TokenCacheError ).data };
		}
		if ( typeof inner === 'object' && inner !== null ) {
			if ( seen.has( inner ) ) {
				return undefined;
			}
			seen.add( inner );
		}
		return inner;
	} ) || '';
	world.wiki.issued.forEach( ( token ) => expect( text ).not.toContain( token.slice( 0, 32 ) ) );
}

function assertTypedError( error: unknown ): void {
	expect( error ).toBeInstanceOf( Error );
	expect( ( error as TokenCacheError ).name ).toBe( 'TokenCacheError' );
	expect( typeof ( error as TokenCacheError ).code ).toBe( 'string' );
}

const runOptions = ( runs: number ) => ( { seed: SEED, numRuns: runs, endOnFailure: true } );

describe( 'TokenCache against a model wiki (fast-check)', () => {
	it( 'keeps every guarantee under generated calls, aborts, messages, session changes and lost answers', async () => {
		await fc.assert( fc.asyncProperty(
			fc.scheduler(),
			fc.array( commandArb, { maxLength: 14 } ),
			fc.array( fc.boolean(), { maxLength: 6 } ),
			fc.subarray( [ 'csrf', 'watch', 'patrol' ] ),
			async ( scheduler, commands, lostAnswers, embeddedTypes ) => {
				const wiki0 = new ModelWiki( scheduler, [] );
				const embedded: Record<string, string> = {};
				embeddedTypes.forEach( ( type ) => {
					embedded[ type ] = wiki0.token( type );
				} );
				const world = createWorld( scheduler, lostAnswers, embedded );
				const { wiki, cache } = world;
				embeddedTypes.forEach( ( type ) => wiki.issued.add( embedded[ type ] ) );
				const calls: Promise<unknown>[] = [];
				const controllers: ( AbortController | undefined )[] = [];
				const abortedAt = new Map<number, number>();
				const outcomes: { call: number; error?: unknown; value?: unknown }[] = [];
				const follow = ( promise: Promise<unknown> ) => {
					const call = calls.length;
					calls.push( promise.then( ( value ) => outcomes.push( { call, value } ), ( error ) => outcomes.push( { call, error } ) ) );
					return call;
				};
				const signalFor = ( abortable: boolean ) => {
					const controller = abortable ? new AbortController() : undefined;
					controllers[ calls.length ] = controller;
					return controller && { signal: controller.signal };
				};
				for ( const command of commands ) {
					switch ( command.kind ) {
						case 'getToken':
							follow( cache.getToken( command.type, signalFor( command.abortable ) ) );
							break;
						case 'getTokens':
							follow( cache.getTokens( command.types, signalFor( command.abortable ) ) );
							break;
						case 'post': {
							const options = signalFor( command.abortable );
							follow( cache.postWithToken( 'csrf', { action: 'edit', title: 'T', text: 'call ' + calls.length }, options ) );
							break;
						}
						case 'login':
							follow( cache.postWithToken( 'login', { action: 'clientlogin', username: USER, text: 'call ' + calls.length } ) );
							break;
						case 'invalidate':
							cache.invalidate( command.type );
							break;
						case 'abort': {
							const controller = controllers[ command.call ];
							if ( controller && !controller.signal.aborted ) {
								abortedAt.set( command.call, wiki.seq );
								controller.abort();
							}
							break;
						}
						case 'message':
							world.hear( { endpoint: cache.endpoint } );
							break;
						case 'renew':
							wiki.renewSession();
							break;
						case 'lose':
							wiki.loseSession();
							break;
						case 'deliver':
							for ( let i = 0; i < command.answers && scheduler.count() > 0; i++ ) {
								await scheduler.waitOne();
								await microtasks();
							}
							break;
					}
					await microtasks();
				}
				// Nothing hangs: every call settles once the wiki has answered everything.
				for ( let round = 0; round < 200 && outcomes.length < calls.length; round++ ) {
					await scheduler.waitAll();
					await microtasks();
				}
				expect( outcomes.length ).toBe( calls.length );

				const posts = wiki.requests.filter( ( request ) => request.method === 'post' );
				// No anonymous write on a page loaded logged in: every edit asserts the user; none is saved under an IP.
				posts.filter( ( post ) => post.params.action === 'edit' ).forEach( ( post ) => {
					expect( post.params ).toMatchObject( { assert: 'user', assertuser: USER } );
				} );
				expect( wiki.saved.filter( ( user ) => user !== USER ) ).toEqual( [] );
				// At most two posts per call; a retry follows a badtoken and never carries the refused token.
				const byCall = new Map<string, typeof posts>();
				posts.forEach( ( post ) => byCall.set( String( post.params.text ), [ ...( byCall.get( String( post.params.text ) ) || [] ), post ] ) );
				byCall.forEach( ( sent ) => {
					expect( sent.length ).toBeLessThanOrEqual( 2 );
					if ( sent.length === 2 ) {
						expect( sent[ 0 ].outcome ).toBe( 'badtoken' );
						const parameter = sent[ 0 ].params.action === 'clientlogin' ? 'logintoken' : 'token';
						expect( sent[ 1 ].params[ parameter ] ).not.toBe( sent[ 0 ].params[ parameter ] );
					}
				} );
				// Nothing is sent for a caller after its abort.
				abortedAt.forEach( ( seq, call ) => {
					const after = posts.filter( ( post ) => post.params.text === 'call ' + call && post.seq >= seq );
					expect( after ).toEqual( [] );
				} );
				// Every rejection is a typed error; no full token in errors, hook arguments or messages.
				outcomes.filter( ( outcome ) => 'error' in outcome ).forEach( ( outcome ) => assertTypedError( outcome.error ) );
				assertNoToken( world, outcomes.filter( ( outcome ) => 'error' in outcome ) );
				assertNoToken( world, world.announced );
				assertNoToken( world, world.sent );
				world.sent.forEach( ( message ) => expect( Object.keys( message ) ).toEqual( [ 'endpoint' ] ) );
				// Token requests: at most 50 types each, none twice, and only types a caller asked for.
				const asked = new Set( [ 'csrf', 'login', ...embeddedTypes ] );
				commands.forEach( ( command ) => {
					if ( command.kind === 'getToken' ) {
						asked.add( command.type === 'edit' ? 'csrf' : command.type );
					} else if ( command.kind === 'getTokens' ) {
						command.types.forEach( ( type ) => asked.add( type === 'edit' ? 'csrf' : type ) );
					}
				} );
				wiki.requests.filter( ( request ) => request.method === 'get' ).forEach( ( request ) => {
					const types = String( request.params.type ).split( '|' );
					expect( types.length ).toBeLessThanOrEqual( 50 );
					expect( new Set( types ).size ).toBe( types.length );
					types.forEach( ( type ) => expect( asked.has( type ) ).toBe( true ) );
				} );
				// The store is bounded by the types in use: refused types leave nothing behind, so the
				// next refresh asks for known types only.
				const snapshot = cache.snapshot();
				expect( snapshot.length ).toBeLessThanOrEqual( KNOWN_TYPES.length );
				snapshot.forEach( ( entry ) => expect( KNOWN_TYPES ).toContain( entry.type ) );
				assertNoToken( world, snapshot );
				const before = wiki.seq;
				wiki.renewSession();
				const last = cache.postWithToken( 'csrf', { action: 'edit', title: 'T', text: 'last' } ).catch( () => undefined );
				await scheduler.waitFor( last );
				wiki.requests.slice( before ).filter( ( request ) => request.method === 'get' ).forEach( ( request ) => {
					String( request.params.type ).split( '|' ).forEach( ( type ) => expect( KNOWN_TYPES ).toContain( type ) );
				} );
			}
		), runOptions( RUNS ) );
	}, 120000 );

	it( 'asks for any burst of types in one tick with one token request, whatever order the answers come in', async () => {
		await fc.assert( fc.asyncProperty(
			fc.scheduler(),
			fc.array( fc.uniqueArray( fc.constantFrom( ...TYPES ), { minLength: 1, maxLength: 3 } ), { minLength: 1, maxLength: 6 } ),
			fc.subarray( [ 'csrf', 'watch', 'patrol' ] ),
			async ( scheduler, bursts, embeddedTypes ) => {
				const wiki0 = new ModelWiki( scheduler, [] );
				const embedded: Record<string, string> = {};
				embeddedTypes.forEach( ( type ) => {
					embedded[ type ] = wiki0.token( type );
				} );
				const { wiki, cache } = createWorld( scheduler, [], embedded );
				const calls = bursts.map( ( types ) => ( types.length === 1 ? cache.getToken( types[ 0 ] ) : cache.getTokens( types ) ).catch( ( error ) => error ) );
				await scheduler.waitFor( Promise.all( calls ) );
				const missing = new Set( bursts.flat().map( ( type ) => type === 'edit' ? 'csrf' : type ).filter( ( type ) => !embeddedTypes.includes( type ) ) );
				expect( wiki.requests.length ).toBe( missing.size > 0 ? 1 : 0 );
			}
		), runOptions( Math.ceil( RUNS / 4 ) ) );
	}, 60000 );

	it( 'refreshes once per storm of stale posts, whatever invalidate(), messages and other calls happen meanwhile', async () => {
		await fc.assert( fc.asyncProperty(
			fc.scheduler(),
			fc.integer( { min: 2, max: 6 } ),
			fc.array( fc.constantFrom( 'invalidate', 'message', 'watch', 'deliver' ), { maxLength: 8 } ),
			async ( scheduler, stormSize, meanwhile ) => {
				const wiki0 = new ModelWiki( scheduler, [] );
				const world = createWorld( scheduler, [], { csrf: wiki0.token( 'csrf' ), watch: wiki0.token( 'watch' ) } );
				const { wiki, cache } = world;
				wiki.renewSession();
				const posts = Array.from( { length: stormSize }, ( _, i ) => cache.postWithToken( 'csrf', { action: 'edit', title: 'T', text: 'storm ' + i } ) );
				const others: Promise<unknown>[] = [];
				for ( const step of meanwhile ) {
					if ( step === 'invalidate' ) {
						cache.invalidate();
					} else if ( step === 'message' ) {
						world.hear( { endpoint: cache.endpoint } );
					} else if ( step === 'watch' ) {
						others.push( cache.getToken( 'watch' ) );
					} else if ( scheduler.count() > 0 ) {
						await scheduler.waitOne();
					}
					await microtasks();
				}
				expect( await scheduler.waitFor( Promise.all( posts ) ) ).toHaveLength( stormSize );
				await scheduler.waitFor( Promise.all( others ) );
				const csrfRequests = wiki.requests.filter( ( request ) => request.method === 'get' && String( request.params.type ).split( '|' ).includes( 'csrf' ) );
				expect( csrfRequests ).toHaveLength( 1 );
				expect( wiki.requests.filter( ( request ) => request.method === 'post' ) ).toHaveLength( 2 * stormSize );
			}
		), runOptions( Math.ceil( RUNS / 4 ) ) );
	}, 60000 );
} );
