import { CoreApiShield } from '../publicTypes';
import { createShieldedMethods, ShieldDeps } from './coreMethods';
import { currentMethods, patchPrototype } from './prototypePatch';

/** Turns the shield on; on again while on, it hands back the same handle. */
export interface ShieldSwitch {
	shield(): CoreApiShield;
}

/**
 * `guardRequests`, where given, puts the guards for writes outside the token methods in place and returns
 * what takes them off: they go on and off with the rest.
 */
export function createShieldSwitch( prototype: Record<string, unknown>, deps: ShieldDeps, guardRequests?: () => () => void ): ShieldSwitch {
	let active: CoreApiShield | null = null;
	return {
		shield(): CoreApiShield {
			if ( !active ) {
				const restore = patchPrototype( prototype, createShieldedMethods( deps, currentMethods( prototype ) ) );
				const removeGuards = guardRequests ? guardRequests() : null;
				const handle: CoreApiShield = {
					unshield: () => {
						if ( active === handle ) {
							active = null;
							restore();
							if ( removeGuards ) {
								removeGuards();
							}
						}
					}
				};
				active = handle;
			}
			return active;
		}
	};
}
