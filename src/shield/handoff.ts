import { TokenCache } from '../publicTypes';

/**
 * The shield ships as its own hidden gadget of two files (dist/TokenCache-guards.js, then
 * dist/TokenCache-shield.js), so that only wikis and users who want it pay for it. The library's
 * `shieldCoreApi()` loads it as this module; a common.js user on a wiki without the gadget loads the two
 * files, in that order.
 *
 * Once run, the shield fires the hook of the same name with a thenable that shields each time a promise
 * adopts it (fulfilling with the `CoreApiShield`), or rejects `unsupported` where the shield stays off.
 */
export const SHIELD_MODULE = 'ext.gadget.TokenCacheShield';

/**
 * The guards for writes outside mw.Api's token methods ship as a second file of the shield gadget, listed
 * before the shield's own, and hand their installer over through this hook. It returns what removes them.
 */
export const GUARDS_HOOK = 'tokenCache.shieldGuards';
export type GuardInstaller = ( tokenCache: TokenCache, tokenMethodCalls: () => number ) => () => void;

/**
 * Internal: while the shield is on, its guards' file fires this hook with a function that describes what
 * the shield saw, in the user's language, for the debug panel (a file of its own); when it goes off, with
 * one that says nothing.
 */
export const SUMMARY_HOOK = 'tokenCache.shieldSummary';
