/**
 * Hooks and cross-tab messages run code that is not ours, which may call straight back into the cache
 * (`mw.hook` fires synchronously). So they fire only once the state they describe is settled: after the
 * current task's changes (a microtask later), in order, each once however often it was announced.
 */
export type Announce = ( notice: () => void ) => void;

export function createAnnouncer(): Announce {
	const queue: ( () => void )[] = [];

	function flush(): void {
		// One at a time: the rest still fire when a handler throws, and its error is not swallowed.
		const notice = queue.shift();
		if ( notice ) {
			Promise.resolve().then( flush );
			notice();
		}
	}

	return ( notice ) => {
		if ( !queue.includes( notice ) ) {
			if ( queue.push( notice ) === 1 ) {
				Promise.resolve().then( flush );
			}
		}
	};
}
