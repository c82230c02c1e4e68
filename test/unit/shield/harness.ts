import $ from 'jquery';
import { createTokenCache } from '../../../src/tokenCache';
import { ApiLike } from '../../../src/transport';
import { TokenCache } from '../../../src/publicTypes';
import { CoreApi } from '../../../src/shield/coreMethods';
import { DeferredLike } from '../../../src/shield/jqueryPromise';
import { createShieldSwitch, ShieldSwitch } from '../../../src/shield/shieldSwitch';
import { createFakeCore, FakeCore } from '../support/fakeCoreApi';

export interface Shielded {
	core: FakeCore;
	cache: TokenCache;
	shieldSwitch: ShieldSwitch;
	/** A gadget's `new mw.Api()`. */
	api: Record<string, ( ...args: unknown[] ) => JQuery.Promise<unknown> & { abort(): void }>;
	legacy: string[];
}

/**
 * A page as the shield meets it: "core" mw.Api (strict fake), TokenCache on the page's own
 * `new mw.Api()` (as the library's entry point makes it), and the shield on mw.Api.prototype.
 */
export function shieldedPage( { userName = 'Alice' as string | null, pageTokens = {} as Record<string, string>, guardRequests = undefined as ( ( tokenMethodCalls: () => number ) => () => void ) | undefined } = {} ): Shielded {
	const core = createFakeCore();
	const values = { ...pageTokens };
	const cache = createTokenCache( new core.Api() as unknown as ApiLike, {
		version: '0.0.0-test',
		requestTimeoutMs: 5000,
		userName,
		pageTokens: { get: ( type ) => values[ type ], set: ( type, token ) => {
			values[ type ] = token;
		} },
		onSessionLost: () => undefined,
		onChange: () => undefined
	} );
	const legacy: string[] = [];
	const shieldSwitch = createShieldSwitch( core.prototype, {
		makeDeferred: () => $.Deferred() as unknown as DeferredLike,
		cacheFor: ( api: CoreApi ) => cache.forApi( api ),
		onLegacyType: ( type ) => {
			legacy.push( type );
		}
	}, guardRequests );
	shieldSwitch.shield();
	return { core, cache, shieldSwitch, api: new core.Api() as unknown as Shielded[ 'api' ], legacy };
}

export type Outcome = { resolved: unknown[] } | { rejected: unknown[] };

/** How a jQuery promise settled, with every positional argument. */
export function outcomeOf( promise: { then( done: ( ...a: unknown[] ) => void, fail: ( ...a: unknown[] ) => void ): unknown } ): Promise<Outcome> {
	return new Promise( ( resolve ) => {
		promise.then( ( ...args ) => resolve( { resolved: args } ), ( ...args ) => resolve( { rejected: args } ) );
	} );
}
