/** A jQuery promise as core `mw.Api` returns it: settled with positional arguments, with `abort()`. */
export interface AbortablePromise {
	then( done?: ( ...args: unknown[] ) => unknown, fail?: ( ...args: unknown[] ) => unknown ): unknown;
	abort(): void;
}

/** The part of `jQuery.Deferred()` the shield uses. */
export interface DeferredLike {
	resolve( ...args: unknown[] ): unknown;
	reject( ...args: unknown[] ): unknown;
	promise( target: { abort(): void } ): AbortablePromise;
}

export type MakeDeferred = () => DeferredLike;

/**
 * Core's promise shape for a native outcome that fulfils, or rejects, with the list of positional
 * arguments core would have passed: callers keep `.done`, `.fail`, `.then`, `.always` and `.abort()`.
 */
export function abortableJQueryPromise( makeDeferred: MakeDeferred, outcome: Promise<unknown[]>, abort: () => void ): AbortablePromise {
	const deferred = makeDeferred();
	// apply, not spread: lowered to ES5, a spread costs a helper bigger than this whole file.
	outcome.then( ( args ) => {
		// eslint-disable-next-line prefer-spread
		deferred.resolve.apply( deferred, args );
	}, ( args: unknown[] ) => {
		// eslint-disable-next-line prefer-spread
		deferred.reject.apply( deferred, args );
	} );
	return deferred.promise( { abort: abort } );
}
