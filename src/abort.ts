import { createError } from './errors';
import { TokenCacheError } from './publicTypes';

export function abortedError(): TokenCacheError {
	return createError( 'aborted', 'Aborted' );
}

export function isAborted( signal?: AbortSignal ): boolean {
	return !!signal && signal.aborted;
}

/** An aborted caller causes nothing more: no token request, no refresh, no post. */
export function throwIfAborted( signal?: AbortSignal ): void {
	if ( isAborted( signal ) ) {
		throw abortedError();
	}
}

/**
 * Starts the caller's work only while its signal is not aborted, and rejects the caller when the signal
 * aborts. The work itself goes on: other callers may share it, and a post that was sent may land anyway.
 */
export function forCaller<T>( signal: AbortSignal | undefined, start: () => Promise<T> ): Promise<T> {
	throwIfAborted( signal );
	const work = start();
	if ( !signal ) {
		return work;
	}
	return new Promise<T>( ( resolve, reject ) => {
		const onAbort = (): void => reject( abortedError() );
		// Always follow the work, so that its own later rejection is handled even after an abort.
		work.then( resolve, reject ).then( () => signal.removeEventListener( 'abort', onAbort ) );
		signal.addEventListener( 'abort', onAbort );
	} );
}
