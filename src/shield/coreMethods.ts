import { ApiParams, ApiResponse, TokenCache } from '../publicTypes';
import { AbortablePromise, abortableJQueryPromise, MakeDeferred } from './jqueryPromise';
import { LEGACY_CSRF_NAMES } from '../tokenType';
import { isLostSessionCode } from '../session';
import { CoreRejection, coreArguments, errorFromCore } from './positional';

/** jQuery.ajax settings; newer cores (1.44+) also read an AbortSignal from `signal`. */
export interface AjaxOptions {
	signal?: AbortSignal;
}

/** An `mw.Api` or `mw.ForeignApi` instance, as far as the shield reads it. */
export interface CoreApi {
	/** `new mw.ForeignApi( url, { anonymous: true } )`: posts without the user's cookies. */
	anonymous?: boolean;
	post( params: ApiParams, ajaxOptions?: AjaxOptions ): AbortablePromise;
}

/** The methods of `mw.Api.prototype` the shield replaces, with core's signatures. */
export interface TokenMethods {
	/** Aborts every unfinished request of this instance: also its calls still waiting for TokenCache. */
	abort( this: CoreApi ): void;
	getToken( this: CoreApi, type: string, additionalParams?: unknown, ajaxOptions?: AjaxOptions ): AbortablePromise;
	badToken( this: CoreApi, type: string ): void;
	postWithToken( this: CoreApi, type: string, params: ApiParams, ajaxOptions?: AjaxOptions ): AbortablePromise;
}

export interface ShieldDeps {
	makeDeferred: MakeDeferred;
	/** The TokenCache of an instance's endpoint. */
	cacheFor( api: CoreApi ): TokenCache;
	/** Core warns about a legacy type name (`edit`, `delete` …) before it means `csrf`: so do we. */
	onLegacyType( type: string ): void;
}

function isSet( value: unknown ): boolean {
	return value !== undefined && value !== null && value !== false && value !== '';
}

/** Core sends its token request with these; only an empty set is TokenCache's to answer. */
function hasAdditionalParams( additionalParams: unknown ): boolean {
	if ( typeof additionalParams === 'string' ) {
		return additionalParams !== '';
	}
	const params = ( additionalParams || {} ) as ApiParams;
	return Object.keys( params ).some( ( key ) => params[ key ] !== undefined );
}

/** What TokenCache accepts as parameters; anything else stays core's to handle, as it always did. */
function isPlainJsonParams( params: unknown ): params is ApiParams {
	return Object.prototype.toString.call( params ) === '[object Object]' &&
		!Object.prototype.hasOwnProperty.call( params, '__proto__' ) &&
		( ( params as ApiParams ).format === undefined || ( params as ApiParams ).format === 'json' );
}

/** An AbortController for TokenCache that also aborts with the caller's signal. */
function followSignal( signal?: AbortSignal ): AbortController {
	const controller = new AbortController();
	if ( signal ) {
		if ( signal.aborted ) {
			controller.abort();
		} else {
			signal.addEventListener( 'abort', () => controller.abort() );
		}
	}
	return controller;
}

/**
 * Core's token methods, answered by TokenCache: the same arguments, promise shape and positional
 * rejections, with TokenCache's cache, batching, refresh protocol and session check behind them.
 * `core` holds the methods they replace, for what TokenCache does not take on.
 */
export function createShieldedMethods( deps: ShieldDeps, core: TokenMethods ): TokenMethods {
	// While the shield itself drops a token, TokenCache tells core's badToken too: that call is core's alone.
	let invalidating = false;
	// Calls not settled yet, with their instance: core's abort() only knows the requests it sent itself.
	const unsettled: { api: CoreApi; abort(): void }[] = [];

	/** Core's promise for a call of `api`, which `api.abort()` aborts too. */
	function settleFor( api: CoreApi, outcome: Promise<unknown[]>, abort: () => void ): AbortablePromise {
		const entry = { api: api, abort: abort };
		unsettled.push( entry );
		const done = (): void => {
			unsettled.splice( unsettled.indexOf( entry ), 1 );
		};
		outcome.then( done, done );
		return abortableJQueryPromise( deps.makeDeferred, outcome, abort );
	}

	/** Anonymous ForeignApi requests carry no user's session: core's own methods serve them. */
	function cacheOf( api: CoreApi ): TokenCache | null {
		return api.anonymous ? null : deps.cacheFor( api );
	}

	function noteLegacy( type: string ): void {
		if ( LEGACY_CSRF_NAMES.includes( type ) ) {
			deps.onLegacyType( type );
		}
	}

	function abortReason( signal?: AbortSignal ): unknown {
		return signal && signal.aborted ? signal.reason : undefined;
	}

	return {
		abort() {
			core.abort.call( this );
			unsettled.filter( ( entry ) => entry.api === this ).forEach( ( entry ) => entry.abort() );
		},

		getToken( type, additionalParams, ajaxOptions ) {
			const cache = cacheOf( this );
			if ( !cache || hasAdditionalParams( additionalParams ) ) {
				return core.getToken.call( this, type, additionalParams, ajaxOptions );
			}
			noteLegacy( type );
			const signal = ajaxOptions && ajaxOptions.signal;
			const controller = followSignal( signal );
			const outcome = cache.getToken( type, { signal: controller.signal } ).then( ( token ) => [ token ], ( error: unknown ) => {
				throw coreArguments( error, abortReason( signal ) );
			} );
			// Rejects this caller only: the token request may serve others.
			return settleFor( this, outcome, () => controller.abort() );
		},

		badToken( type ) {
			core.badToken.call( this, type );
			const cache = !invalidating && cacheOf( this );
			if ( !cache ) {
				return;
			}
			invalidating = true;
			try {
				cache.invalidate( type );
			} catch ( error ) {
				// A name TokenCache refuses cannot be in its cache; core's badToken never throws either.
				if ( ( error as { code?: string } ).code !== 'badtype' ) {
					throw error;
				}
			} finally {
				invalidating = false;
			}
		},

		postWithToken( type, params, ajaxOptions ) {
			const cache = cacheOf( this );
			if ( !cache || !isPlainJsonParams( params ) ) {
				return core.postWithToken.call( this, type, params, ajaxOptions );
			}
			noteLegacy( type );
			const signal = ajaxOptions && ajaxOptions.signal;
			const controller = followSignal( signal );
			// Core always posts a token it fetched, whatever `token` the caller passed.
			const body: ApiParams = {};
			Object.keys( params ).forEach( ( key ) => {
				if ( key !== 'token' ) {
					body[ key ] = params[ key ];
				}
			} );
			let out: AbortablePromise | null = null;
			let failed: CoreRejection | null = null;
			let jqXHR: unknown;
			const send = ( finalBody: ApiParams ): Promise<ApiResponse> => new Promise( ( resolve, reject ) => {
				failed = null;
				const request = out = this.post( finalBody, ajaxOptions );
				request.then( ( result, xhr ) => {
					out = null;
					jqXHR = xhr;
					resolve( result as ApiResponse );
				}, ( ...args: unknown[] ) => {
					out = null;
					reject( failed = errorFromCore( args ) );
				} );
			} );
			const outcome = cache.postWithToken( type, body, { signal: controller.signal, send: send } ).then( ( result ) => [ result, jqXHR ], ( error: { code?: string } ) => {
				const attempt = failed as CoreRejection | null;
				// The post's own answer, as core would have passed it on; also a caller's own assert that
				// failed, which TokenCache reports as sessionlost.
				const asCore = attempt && ( error === attempt ||
					( isSet( params.assert ) && error.code === 'sessionlost' && isLostSessionCode( attempt.code ) ) );
				throw asCore ? ( attempt as CoreRejection ).coreArgs : coreArguments( error, abortReason( signal ) );
			} );
			return settleFor( this, outcome, () => {
				// Like core: abort the post while it is out (core's rejection follows), else give up waiting.
				if ( out ) {
					out.abort();
				} else {
					controller.abort();
				}
			} );
		}
	};
}
