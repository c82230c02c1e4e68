import { TokenCache } from '../publicTypes';

/**
 * Internal: the library fires this hook with an `InstanceList` before `tokenCache.ready`, so that the
 * debug gadget (a file of its own) can list every endpoint's instance, not just the page's own.
 */
export const INSTANCES_HOOK = 'tokenCache.instances';

/** Every TokenCache of the page: its own wiki's first, then one per `forApi` endpoint. */
export type InstanceList = () => TokenCache[];
