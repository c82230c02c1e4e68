import { createTokenCache, TokenCacheOptions } from '../../../src/tokenCache';
import { PageTokens } from '../../../src/tokenStore';
import { ApiLike } from '../../../src/transport';
import { TokenCache, TokenCacheError } from '../../../src/publicTypes';
import { FakeApi } from './fakeApi';

/** A `mw.user.tokens` stand-in: a plain map of type → token. */
export function fakePageTokens( initial: Record<string, string> ): PageTokens & { values: Record<string, string> } {
	const values = { ...initial };
	return {
		values: values,
		get: ( type ) => values[ type ],
		set: ( type, token ) => {
			values[ type ] = token;
		}
	};
}

export interface Harness {
	api: FakeApi;
	cache: TokenCache;
	sessionLost: TokenCacheError[];
	changes: number;
}

export function makeCache( overrides: Partial<TokenCacheOptions> & { api?: FakeApi } = {} ): Harness {
	const api = overrides.api || new FakeApi();
	const harness: Harness = { api: api, cache: undefined as unknown as TokenCache, sessionLost: [], changes: 0 };
	const options: TokenCacheOptions = {
		version: '0.0.0-test',
		requestTimeoutMs: 5000,
		userName: null,
		onSessionLost: ( error ) => {
			harness.sessionLost.push( error );
		},
		onChange: () => {
			harness.changes++;
		},
		...overrides
	};
	harness.cache = createTokenCache( api as unknown as ApiLike, options );
	return harness;
}

/** The rejection of a promise that must reject. */
export async function rejectionOf( promise: Promise<unknown> ): Promise<TokenCacheError> {
	try {
		await promise;
	} catch ( error ) {
		return error as TokenCacheError;
	}
	throw new Error( 'expected a rejection, got a fulfilment' );
}

/** Let every pending timer and microtask run (the fake answers arrive on timers). */
export function settle( rounds = 5 ): Promise<void> {
	let chain = Promise.resolve();
	for ( let i = 0; i < rounds; i++ ) {
		chain = chain.then( () => new Promise( ( resolve ) => setTimeout( resolve, 0 ) ) );
	}
	return chain;
}

/** The promise rejections nobody handled while `run` and the timers after it ran. */
export async function unhandledRejectionsOf( run: () => Promise<void> ): Promise<unknown[]> {
	const unhandled: unknown[] = [];
	const listener = ( reason: unknown ): void => {
		unhandled.push( reason );
	};
	process.on( 'unhandledRejection', listener );
	try {
		await run();
		await settle();
	} finally {
		process.off( 'unhandledRejection', listener );
	}
	return unhandled;
}
