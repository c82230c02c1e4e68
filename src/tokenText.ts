/** What MediaWiki hands out instead of a token when the session is anonymous. */
export const ANONYMOUS_TOKEN = '+\\';

/** The token suffix MediaWiki appends so that truncated POST bodies are detected. */
const SUFFIX = '+\\';

export function isAnonymousToken( token: string ): boolean {
	return token === ANONYMOUS_TOKEN;
}

/** A few leading characters and the suffix: enough to tell tokens apart, useless to an attacker. */
export function maskToken( token: string ): string {
	if ( isAnonymousToken( token ) ) {
		return token;
	}
	return token.slice( 0, 4 ) + '…' + SUFFIX;
}

/**
 * Tokens since MediaWiki 1.27 are 32 hex digits of HMAC, 8 hex digits of unix time, then `+\`: 42
 * characters. Returns the issue time in milliseconds, or null for tokens without one (older or anonymous).
 */
export function decodeIssuedAt( token: string ): number | null {
	return ( token.length === 42 && parseInt( token.slice( 32, 40 ), 16 ) * 1000 ) || null;
}
