/**
 * Entry point of TokenCache-guards.js, the shield gadget's first file: the only file of the request guards that touches `mw`, `$`,
 * `window` and `location`. It hands the shield what puts the guards for writes outside mw.Api's token
 * methods (jQuery, fetch, forms) in place; the shield turns them on and off with itself.
 */
import { TokenCache } from '../publicTypes';
import { GUARDS_HOOK, SUMMARY_HOOK } from './handoff';
import { GuardCounts, installRequestGuards, RequestGuards } from './requestGuards';
import { formStoppedMessage, shieldSummary } from './messages';

/** The page's tokens, which scripts read from `mw.user.tokens` on every write. */
const PAGE_TOKEN_TYPES = [ 'csrf', 'patrol', 'watch' ];

/** `origin + path` of a URL as a script wrote it, resolved against the page's address. */
function placeOf( url: string ): string {
	const resolved = new URL( url, location.href );
	return resolved.origin + resolved.pathname;
}

/**
 * Guards on a page loaded logged in; elsewhere there is no user whose edits could end up anonymous, and
 * nothing is guarded. Tells the debug panel what the shield sees. Returns what removes the guards.
 */
function guardPageRequests( tokenCache: TokenCache, tokenMethodCalls: () => number ): () => void {
	const summary = mw.hook( SUMMARY_HOOK );
	const none: GuardCounts = { ajax: 0, fetch: 0, forms: 0 };
	const remove = guardRequests( tokenCache );
	const counts = remove ? remove.counts : none;
	summary.fire( () => shieldSummary( mw.config.get( 'wgUserLanguage' ),
		[ tokenMethodCalls(), counts.ajax, counts.fetch, counts.forms ] ) );
	return () => {
		if ( remove ) {
			remove.remove();
		}
		summary.fire( () => '' );
	};
}

function guardRequests( tokenCache: TokenCache ): RequestGuards | null {
	const userName = mw.config.get( 'wgUserName' );
	if ( !userName ) {
		return null;
	}
	const api = placeOf( mw.util.wikiScript( 'api' ) );
	// A refused token is renewed once: the next badtoken with the same old token changes nothing.
	const renewed: string[] = [];
	return installRequestGuards( {
		window: window,
		userName: userName,
		isOwnApi: ( url ) => placeOf( url ) === api,
		isOwnWiki: ( url ) => new URL( url, location.href ).origin === location.origin,
		ajaxPrefilter: ( prefilter ) => $.ajaxPrefilter( prefilter as unknown as ( options: JQuery.AjaxSettings ) => void ),
		onFormBlocked: () => {
			mw.notify( formStoppedMessage( mw.config.get( 'wgUserLanguage' ) ), { type: 'error', autoHide: false } );
			// Ask the wiki: on a lost session it answers `+\`, which fires tokenCache.sessionLost.
			tokenCache.invalidate( 'csrf' );
			tokenCache.getToken( 'csrf' ).catch( () => undefined );
		},
		onBadToken: ( token ) => {
			const stale = PAGE_TOKEN_TYPES.some( ( type ) => mw.user.tokens.get( type + 'Token' ) === token );
			if ( stale && !renewed.includes( token ) ) {
				renewed.push( token );
				// The cache writes the fresh tokens into mw.user.tokens, where the script reads its next one.
				tokenCache.invalidate();
				tokenCache.getTokens( PAGE_TOKEN_TYPES ).catch( () => undefined );
			}
		}
	} );
}

mw.hook( GUARDS_HOOK ).fire( guardPageRequests );
