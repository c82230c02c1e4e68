import { Message } from './messages';

/**
 * How long ago `issuedAt` was, e.g. "3 min ago": minutes, then hours from two hours on. The units are
 * symbols, written the same in every language we ship. Server and browser clocks differ a little, so
 * a time in the future reads as 0 min.
 */
export function relativeTime( issuedAt: number, now: number, msg: Message ): string {
	const minutes = Math.max( 0, Math.round( ( now - issuedAt ) / 60000 ) );
	return msg( 'ago', minutes < 120 ? minutes + ' min' : Math.round( minutes / 60 ) + ' h' );
}
