import { CoreApiShield } from '../publicTypes';
import { CoreApi, createShieldedMethods, ShieldDeps, TokenMethods } from './coreMethods';
import { currentMethods, patchPrototype } from './prototypePatch';

/** Turns the shield on; on again while on, it hands back the same handle. */
export interface ShieldSwitch {
	shield(): CoreApiShield;
}

/** The same methods, noting each time a script asks core's token machinery for a token or a post. */
function noteCalls( methods: TokenMethods, note: () => void ): TokenMethods {
	return Object.assign( {}, methods, {
		getToken: function ( this: CoreApi, ...args: Parameters<TokenMethods[ 'getToken' ]> ) {
			note();
			return methods.getToken.apply( this, args );
		},
		postWithToken: function ( this: CoreApi, ...args: Parameters<TokenMethods[ 'postWithToken' ]> ) {
			note();
			return methods.postWithToken.apply( this, args );
		}
	} );
}

/**
 * `guardRequests`, where given, puts the guards for writes outside the token methods in place and returns
 * what takes them off: they go on and off with the rest. It is told how often the token methods were called.
 */
export function createShieldSwitch(
	prototype: Record<string, unknown>, deps: ShieldDeps, guardRequests?: ( tokenMethodCalls: () => number ) => () => void
): ShieldSwitch {
	let active: CoreApiShield | null = null;
	let calls = 0;
	return {
		shield(): CoreApiShield {
			if ( !active ) {
				const shielded = noteCalls( createShieldedMethods( deps, currentMethods( prototype ) ), () => {
					calls++;
				} );
				const restore = patchPrototype( prototype, shielded );
				const removeGuards = guardRequests ? guardRequests( () => calls ) : null;
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
