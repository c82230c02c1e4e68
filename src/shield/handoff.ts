/**
 * The shield ships as its own hidden gadget (dist/TokenCache-shield.js), so that only wikis and users
 * who want it pay for it. The library's `shieldCoreApi()` loads it: as this module where the gadget is
 * installed, else as the file `TokenCache-shield.js` beside a common.js copy of the library.
 *
 * Once run, the shield fires the hook of the same name with a thenable that shields each time a promise
 * adopts it (fulfilling with the `CoreApiShield`), or rejects `unsupported` where the shield stays off.
 */
export const SHIELD_MODULE = 'ext.gadget.TokenCacheShield';
