// A TypeScript gadget typed by dist/TokenCache.d.ts: `npm run typecheck` compiles it, so a declaration
// file that no longer describes the contract fails the build. Never run.
import type { TokenCacheError, TokenSnapshotEntry } from '../../dist/TokenCache';

export function saveSandbox(): Promise<number> {
	const tokenCache = mw.libs.tokenCache;
	return tokenCache.postWithToken( 'csrf', { action: 'edit', title: 'Sandbox', appendtext: 'Hi' } )
		.then( ( response ) => ( response.edit as { newrevid: number } ).newrevid, ( error: TokenCacheError ) => {
			throw new Error( error.code + ': ' + error.info );
		} );
}

export function tokenTypes(): string[] {
	const entries: TokenSnapshotEntry[] = mw.libs.tokenCache.snapshot();
	return entries.map( ( entry ) => entry.type + ' ' + entry.masked );
}

export function foreignToken( url: string ): Promise<Record<string, string>> {
	return mw.libs.tokenCache.forApi( new mw.ForeignApi( url ) ).getTokens( [ 'csrf', 'watch' ] );
}
