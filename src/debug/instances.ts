import { TokenCache } from '../publicTypes';

/** Every TokenCache of the page: its own wiki's first, then one per `forApi` endpoint. */
export type InstanceList = () => TokenCache[];
