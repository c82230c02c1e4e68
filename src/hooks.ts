/**
 * The `mw.hook` names TokenCache fires, written once for the library and the gadgets that listen.
 * The first three are public (see the README); `tokenCache.instances` is for the debug gadget only.
 */

/** Fired with the page's instance once it exists; mw.hook hands it to handlers added later too. */
export const READY_HOOK = 'tokenCache.ready';

/** Fired with an instance whose tokens changed, a microtask after the change (see announcer.ts). */
export const CHANGE_HOOK = 'tokenCache.change';

/** Fired with the `sessionlost` error and the instance, once per loss. */
export const SESSION_LOST_HOOK = 'tokenCache.sessionLost';

/**
 * Internal: fired with an `InstanceList` before `tokenCache.ready`, so that the debug gadget (a file of
 * its own) can list every endpoint's instance, not just the page's own.
 */
export const INSTANCES_HOOK = 'tokenCache.instances';
