/**
 * Entry point of TokenCache-shield.js, the shield gadget's second file: the only file of the shield of core's
 * token methods that touches `mw` and `$` (guardsEntry.ts is the first file's). Once TokenCache is
 * ready it routes core `mw.Api`'s token methods (every instance, `mw.ForeignApi` too) through it, and
 * hands its switch to the library's `shieldCoreApi()`.
 */
import { CoreApiShield, TokenCache } from '../publicTypes';
import { DeferredLike } from './jqueryPromise';
import { CoreApi } from './coreMethods';
import { GuardInstaller, GUARDS_HOOK, SHIELD_MODULE } from './handoff';
import { createError } from '../errors';
import { hasCoreContract } from './prototypePatch';
import { READY_HOOK } from '../hooks';
import { createShieldSwitch, ShieldSwitch } from './shieldSwitch';
// The request guards' file comes first in the gadget, so they are here before the shield starts.
let guardRequests: GuardInstaller | null = null;

/**
 * mw.hook remembers its last firing and hands it to handlers added later, at once: a copy of this file
 * that finds the hook fired already is a second load, and leaves the first one in charge.
 */
function shieldStartedBefore(): boolean {
	let fired = false;
	const notice = (): void => {
		fired = true;
	};
	mw.hook( SHIELD_MODULE ).add( notice );
	mw.hook( SHIELD_MODULE ).remove( notice );
	return fired;
}

function start( tokenCache: TokenCache ): void {
	if ( shieldStartedBefore() ) {
		return;
	}
	const prototype = mw.Api.prototype as unknown as Record<string, unknown>;
	let shieldSwitch: ShieldSwitch | null = null;
	// An mw.Api unlike the ones the shield was built for: leave core as it is, rather than half-replace it.
	if ( typeof AbortController !== 'function' || typeof $.Deferred !== 'function' || !hasCoreContract( prototype ) ) {
		mw.log.warn( 'TokenCache shield: mw.Api lacks the token methods it replaces; core mw.Api stays unshielded' );
	} else {
		shieldSwitch = createShieldSwitch( prototype, {
			makeDeferred: () => $.Deferred() as unknown as DeferredLike,
			cacheFor: ( api: CoreApi ) => tokenCache.forApi( api ),
			onLegacyType: ( type ) => {
				mw.track( 'mw.deprecate', 'apitoken_' + type );
				mw.log.warn( 'Token type "' + type + '" is a legacy name for "csrf": use "csrf"' );
			}
		}, ( tokenMethodCalls ) => guardRequests ? guardRequests( tokenCache, tokenMethodCalls ) : () => undefined );
		shieldSwitch.shield();
	}
	const shieldOn = shieldSwitch;
	mw.hook( SHIELD_MODULE ).fire( {
		then: ( shielded: ( shield: CoreApiShield ) => void, failed: ( error: Error ) => void ) => shieldOn ?
			shielded( shieldOn.shield() ) :
			failed( createError( 'unsupported', 'mw.Api lacks the token methods the shield replaces' ) )
	} );
}

mw.hook( GUARDS_HOOK ).add( ( installer: GuardInstaller ) => {
	guardRequests = installer;
} );
mw.hook( READY_HOOK ).add( start );
