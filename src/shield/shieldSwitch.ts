import { CoreApiShield } from '../publicTypes';
import { createShieldedMethods, ShieldDeps } from './coreMethods';
import { currentMethods, patchPrototype } from './prototypePatch';

/** Turns the shield on; on again while on, it hands back the same handle. */
export interface ShieldSwitch {
	shield(): CoreApiShield;
}

export function createShieldSwitch( prototype: Record<string, unknown>, deps: ShieldDeps ): ShieldSwitch {
	let active: CoreApiShield | null = null;
	return {
		shield(): CoreApiShield {
			if ( !active ) {
				const restore = patchPrototype( prototype, createShieldedMethods( deps, currentMethods( prototype ) ) );
				const handle: CoreApiShield = {
					unshield: () => {
						if ( active === handle ) {
							active = null;
							restore();
						}
					}
				};
				active = handle;
			}
			return active;
		}
	};
}
