/**
 * The public contract of `mw.libs.tokenCache`. This file is self-contained on purpose: the build turns
 * it into `dist/TokenCache.d.ts` for gadgets written in TypeScript.
 */

/** Codes of our own; any other code is the API's own (badtoken, protectedpage, maxlag, readonly …). */
export type ErrorCode =
	| 'badtype'
	| 'badparams'
	| 'unknowntype'
	| 'notallowed'
	| 'sessionlost'
	| 'http'
	| 'aborted'
	| 'unsupported'
	| ( string & {} );

export interface TokenCacheError extends Error {
	name: 'TokenCacheError';
	/** Machine-readable reason. */
	code: ErrorCode;
	/** Human-readable explanation, from TokenCache or from the API. */
	info: string;
	/** The API's whole answer where it answered; `{ status, textStatus }` for `http`. */
	data?: unknown;
}

/** Where a cached token came from. */
export type TokenSource = 'page' | 'fetched' | 'refreshed';

/** One cached token as `snapshot()` shows it. Never the full token. */
export interface TokenSnapshotEntry {
	/** Normalized type, e.g. `csrf`. */
	type: string;
	/** Changes whenever the type gets a new token, even one with the same masked value. */
	id: number;
	/** A few leading characters, `…`, then the `+\` suffix; anonymous tokens are `+\` as they are. */
	masked: string;
	/** Issue time decoded from the token, in milliseconds since the epoch; null if it carries none. */
	issuedAt: number | null;
	/** The anonymous token `+\`, which every logged-out session shares. */
	anonymous: boolean;
	source: TokenSource;
	/** How often `getToken`/`getTokens`/`postWithToken` handed this type out. */
	served: number;
	/** How often this type was fetched again after a `badtoken`. */
	refreshed: number;
}

export interface RequestOptions {
	/**
	 * Aborting rejects this caller only (code `aborted`); a request shared with others goes on. No post,
	 * refresh or retry is sent for an aborted caller, but a post already sent may still land.
	 */
	signal?: AbortSignal;
}

export type ApiParams = Record<string, unknown>;
export type ApiResponse = Record<string, unknown>;

export interface PostOptions extends RequestOptions {
	/**
	 * Sends the final body (token, assertion and all) instead of this instance's mw.Api#post; must resolve
	 * with the API's answer or reject with an Error carrying the API's `code` (e.g. 'badtoken',
	 * 'assertuserfailed') or 'http'. Called at most twice per call (the post and its one retry).
	 */
	send?: ( body: ApiParams ) => PromiseLike<ApiResponse>;
}

/** Core `mw.Api`'s token methods routed through TokenCache, until `unshield()` puts core's back. */
export interface CoreApiShield {
	/** Restores core's own methods exactly; requests already out finish as they started. */
	unshield(): void;
}

export interface TokenCache {
	/** The TokenCache release, e.g. `1.0.0`. */
	readonly version: string;
	/** The API URL whose tokens this instance caches. */
	readonly endpoint: string;
	/** A token of one type (`csrf`, `watch`, `rollback` …; legacy names such as `edit` mean `csrf`). */
	getToken( type: string, options?: RequestOptions ): Promise<string>;
	/** Several types in at most one request, keyed by normalized type. */
	getTokens( types: string[], options?: RequestOptions ): Promise<Record<string, string>>;
	/**
	 * POSTs `params` with a token of `type` (sent last in the body), refreshing the token and retrying
	 * once on `badtoken`. On pages loaded logged in adds `assert=user&assertuser=<name>` unless
	 * `params.assert` is set.
	 */
	postWithToken( type: string, params: ApiParams, options?: PostOptions ): Promise<ApiResponse>;
	/** Drop one type, or every type, here and in core `mw.Api`. */
	invalidate( type?: string ): void;
	/**
	 * The same contract for another endpoint (e.g. `new mw.ForeignApi( url )`), with its own cache; one
	 * instance per endpoint. Throws `badparams` for anything that is not an `mw.Api`.
	 */
	forApi( api: object ): TokenCache;
	/** The cached tokens, masked, with their origin and use counts. */
	snapshot(): TokenSnapshotEntry[];
	/**
	 * Only on `mw.libs.tokenCache`: loads the shield (the wiki's gadget `TokenCacheShield`), which gives
	 * every `mw.Api` and `mw.ForeignApi` on the page TokenCache's protection. Rejects `unsupported` where
	 * the wiki has no such gadget or the shield cannot keep core's contract.
	 */
	shieldCoreApi?(): Promise<CoreApiShield>;
}
