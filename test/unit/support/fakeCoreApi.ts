/**
 * A strict, scripted stand-in for core `mw.Api` as the shield sees it: a constructor whose prototype
 * carries `get`/`post` (real jQuery Deferreds, settled with core's positional arguments, with `abort()`)
 * and core's own token methods, which only record that they were called. Requests must match the next
 * scripted expectation exactly, or the test fails.
 */
import { isDeepStrictEqual } from 'node:util';
import $ from 'jquery';

type Params = Record<string, unknown>;
/** `result` resolves `( result, jqXHR )`; `reject` rejects with exactly these arguments (`'jqXHR'` is replaced by the request's). */
export type CoreAnswer = { result: Params } | { reject: unknown[] };

interface Expectation {
	method: 'get' | 'post';
	params: Params;
	answer: CoreAnswer;
	held: boolean;
	release?: () => void;
}

export interface FakeJqXHR {
	readonly id: number;
	abort(): void;
}

export interface CoreCall {
	method: string;
	self: unknown;
	args: unknown[];
}

export interface FakeCore {
	Api: new ( url?: string, options?: { anonymous?: boolean } ) => Record<string, unknown>;
	prototype: Record<string, unknown>;
	/** The token methods of "core" as they were before any shield: compare after unshield. */
	originals: Record<string, unknown>;
	requests: { method: string; params: Params; ajaxOptions: unknown }[];
	/** Calls of core's own getToken / postWithToken / badToken / abort. */
	coreCalls: CoreCall[];
	expect( method: 'get' | 'post', params: Params, answer: CoreAnswer, options?: { held?: boolean } ): { release(): void };
	verify(): void;
}

export const API_ERROR = ( code: string ): CoreAnswer => {
	const result = { error: { code: code, info: 'scripted ' + code } };
	return { reject: [ code, result, result, 'jqXHR' ] };
};

export function createFakeCore(): FakeCore {
	const expectations: Expectation[] = [];
	const unexpected: string[] = [];
	const requests: FakeCore[ 'requests' ] = [];
	const coreCalls: CoreCall[] = [];
	let xhrs = 0;

	// Per instance, as core's `this.requests`: what its abort() aborts.
	const sentBy = new Map<unknown, FakeJqXHR[]>();

	function respond( api: unknown, method: 'get' | 'post', params: Params, ajaxOptions: unknown ) {
		requests.push( { method, params: { ...params }, ajaxOptions } );
		const index = expectations.findIndex( ( e ) => e.method === method && isDeepStrictEqual( e.params, { ...params } ) );
		if ( index === -1 ) {
			unexpected.push( method + ' ' + JSON.stringify( params ) );
			throw new Error( 'FakeCore: unexpected request ' + method + ' ' + JSON.stringify( params ) );
		}
		const expectation = expectations.splice( index, 1 )[ 0 ];
		const deferred = $.Deferred();
		const xhr: FakeJqXHR = {
			id: ++xhrs,
			abort: () => {
				deferred.reject( 'http', { xhr: xhr, textStatus: 'abort', exception: 'abort' } );
			}
		};
		sentBy.set( api, ( sentBy.get( api ) || [] ).concat( xhr ) );
		const deliver = (): void => {
			setTimeout( () => {
				const answer = expectation.answer;
				if ( 'result' in answer ) {
					deferred.resolve( answer.result, xhr );
				} else {
					deferred.reject( ...answer.reject.map( ( arg ) => arg === 'jqXHR' ? xhr : arg ) );
				}
			} );
		};
		if ( expectation.held ) {
			expectation.release = deliver;
		} else {
			deliver();
		}
		return deferred.promise( { abort: xhr.abort } );
	}

	function recorder( method: string ) {
		return function ( this: unknown, ...args: unknown[] ) {
			coreCalls.push( { method, self: this, args } );
			return method === 'badToken' ? undefined : $.Deferred().resolve( 'core ' + method ).promise( { abort: () => undefined } );
		};
	}

	function Api( this: Record<string, unknown>, url = '/w/api.php', options: { anonymous?: boolean } = {} ) {
		this.defaults = { ajax: { url } };
		this.anonymous = options.anonymous;
	}
	const prototype: Record<string, unknown> = {
		get( params: Params, ajaxOptions: unknown ) {
			return respond( this, 'get', params, ajaxOptions );
		},
		post( params: Params, ajaxOptions: unknown ) {
			return respond( this, 'post', params, ajaxOptions );
		},
		abort() {
			coreCalls.push( { method: 'abort', self: this, args: [] } );
			( sentBy.get( this ) || [] ).forEach( ( xhr ) => xhr.abort() );
		},
		getToken: recorder( 'getToken' ),
		badToken: recorder( 'badToken' ),
		postWithToken: recorder( 'postWithToken' ),
		getEditToken( this: { getToken( type: string ): unknown } ) {
			return this.getToken( 'csrf' );
		}
	};
	Api.prototype = prototype;

	return {
		Api: Api as unknown as FakeCore[ 'Api' ],
		prototype,
		originals: { abort: prototype.abort, getToken: prototype.getToken, badToken: prototype.badToken, postWithToken: prototype.postWithToken },
		requests,
		coreCalls,
		expect( method, params, answer, { held = false } = {} ) {
			const expectation: Expectation = { method, params, answer, held };
			expectations.push( expectation );
			return {
				release: () => {
					if ( !expectation.release ) {
						throw new Error( 'release() before the request was made' );
					}
					expectation.release();
				}
			};
		},
		verify() {
			if ( unexpected.length ) {
				throw new Error( 'Unexpected requests:\n' + unexpected.join( '\n' ) );
			}
			if ( expectations.length ) {
				throw new Error( 'Requests never made:\n' + expectations.map( ( e ) => e.method + ' ' + JSON.stringify( e.params ) ).join( '\n' ) );
			}
		}
	};
}
