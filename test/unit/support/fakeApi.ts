/**
 * A strict, scripted stand-in for `mw.Api`. Every request must match the next expectation for its
 * method exactly, or the test fails; answers arrive asynchronously, like jQuery's, or when the test
 * releases them. Modelled on the fake sessions of m3api's tests.
 */
import { isDeepStrictEqual } from 'node:util';

type Params = Record<string, unknown>;
type Outcome = { result: Params } | { reject: [ string, unknown? ] };

export interface Held {
	/** Deliver the scripted answer now. */
	release(): void;
	/** Whether the request has been made yet. */
	readonly sent: boolean;
}

interface Expectation {
	method: 'get' | 'post';
	params: Params;
	outcome: Outcome | 'never';
	held?: { released: boolean; sent: boolean; deliver?: () => void };
}

export const TOKEN_A = '0123456789abcdef0123456789abcdef6735a9c0+\\';
export const TOKEN_B = 'fedcba9876543210fedcba98765432106735aa00+\\';
export const TOKEN_C = 'aaaabbbbccccddddeeeeffff000011116735ab00+\\';
export const ANON = '+\\';

export function tokensQuery( types: string ): Params {
	return { action: 'query', meta: 'tokens', type: types, format: 'json', formatversion: 2 };
}

export function tokensAnswer( tokens: Record<string, string>, extra: Params = {} ): Outcome {
	const keyed: Record<string, string> = {};
	Object.keys( tokens ).forEach( ( type ) => {
		keyed[ type + 'token' ] = tokens[ type ];
	} );
	return { result: { batchcomplete: true, query: { tokens: keyed }, ...extra } };
}

export function apiError( code: string, info = 'scripted ' + code ): Outcome {
	return { reject: [ code, { error: { code: code, info: info } } ] };
}

export function httpError( textStatus: string, status = 0 ): Outcome {
	return { reject: [ 'http', { xhr: { status: status }, textStatus: textStatus } ] };
}

export class FakeApi {
	readonly defaults: { ajax: { url: string } };

	readonly requests: { method: string; params: Params }[] = [];

	readonly badTokenCalls: string[] = [];

	/** The jQuery.ajax settings passed with each request. */
	readonly ajaxOptions: unknown[] = [];

	private readonly expectations: Expectation[] = [];

	private readonly unexpected: string[] = [];

	constructor( url = '/w/api.php' ) {
		this.defaults = { ajax: { url: url } };
	}

	/** With `{ held: true }` the answer waits until the test calls `release()`. */
	expectGet( params: Params, outcome: Outcome | 'never', options: { held?: boolean } = {} ): Held {
		return this.expect( 'get', params, outcome, options.held );
	}

	expectPost( params: Params, outcome: Outcome | 'never', options: { held?: boolean } = {} ): Held {
		return this.expect( 'post', params, outcome, options.held );
	}

	get( params: Params, ajaxOptions?: unknown ) {
		this.ajaxOptions.push( ajaxOptions );
		return this.respond( 'get', params );
	}

	post( params: Params, ajaxOptions?: unknown ) {
		this.ajaxOptions.push( ajaxOptions );
		return this.respond( 'post', params );
	}

	badToken( type: string ): void {
		this.badTokenCalls.push( type );
	}

	count( method?: 'get' | 'post' ): number {
		return this.requests.filter( ( request ) => !method || request.method === method ).length;
	}

	/** Fails when a request was not scripted, or a scripted one was never made. */
	verify(): void {
		if ( this.unexpected.length ) {
			throw new Error( 'Unexpected requests:\n' + this.unexpected.join( '\n' ) );
		}
		if ( this.expectations.length ) {
			throw new Error( 'Requests never made:\n' + this.expectations.map( ( e ) => e.method + ' ' + JSON.stringify( e.params ) ).join( '\n' ) );
		}
	}

	private expect( method: 'get' | 'post', params: Params, outcome: Outcome | 'never', held = false ): Held {
		const expectation: Expectation = { method: method, params: params, outcome: outcome };
		if ( held ) {
			expectation.held = { released: false, sent: false };
		}
		this.expectations.push( expectation );
		return {
			release: () => {
				if ( !expectation.held ) {
					throw new Error( 'release() on an answer that was not held' );
				}
				expectation.held.released = true;
				if ( expectation.held.deliver ) {
					expectation.held.deliver();
				}
			},
			get sent() {
				return !!expectation.held && expectation.held.sent;
			}
		};
	}

	private respond( method: 'get' | 'post', params: Params ) {
		// Serialize like mw.Api would, so the order of keys (the token last) is observable.
		this.requests.push( { method: method, params: { ...params } } );
		// A plain copy: the gadget may run in another realm (a JSDOM window) whose objects have other prototypes.
		const copy = { ...params };
		const index = this.expectations.findIndex( ( e ) => e.method === method && isDeepStrictEqual( e.params, copy ) );
		if ( index === -1 ) {
			const line = method + ' ' + JSON.stringify( params );
			this.unexpected.push( line );
			throw new Error( 'FakeApi: unexpected request ' + line );
		}
		const expectation = this.expectations.splice( index, 1 )[ 0 ];
		let settled = false;
		return {
			then( done: ( result: Params ) => void, fail: ( code: string, data?: unknown ) => void ) {
				const deliver = (): void => {
					setTimeout( () => {
						if ( settled || expectation.outcome === 'never' ) {
							return;
						}
						settled = true;
						const outcome = expectation.outcome;
						if ( 'result' in outcome ) {
							done( outcome.result );
						} else {
							fail( outcome.reject[ 0 ], outcome.reject[ 1 ] );
						}
					} );
				};
				if ( expectation.held ) {
					expectation.held.sent = true;
					if ( expectation.held.released ) {
						deliver();
					} else {
						expectation.held.deliver = deliver;
					}
				} else {
					deliver();
				}
			}
		};
	}
}
