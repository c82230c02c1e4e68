import { assertInAjax, GuardContext } from './ajaxGuard';
import { guardFetch } from './fetchGuard';
import { guardForms } from './formGuard';
import { ParamReader } from './writeRules';

/** What the guards saw, per way of writing, for the debug panel. */
export interface GuardCounts {
	/** jQuery and `mw.Api` requests that got the assertion. */
	ajax: number;
	/** `fetch` requests that got the assertion. */
	fetch: number;
	/** Forms stopped because they carried the anonymous edit token. */
	forms: number;
}

export interface RequestGuards {
	counts: GuardCounts;
	/** Takes every guard off again. */
	remove(): void;
}

/** The part of jqXHR the guard uses: it watches the answer, never changes it. */
interface AnswerWatch {
	done( callback: ( data: unknown ) => void ): unknown;
}

export interface RequestGuardDeps extends GuardContext {
	window: Window & typeof globalThis;
	/** jQuery's `$.ajaxPrefilter`, which `mw.Api` requests pass through too. */
	ajaxPrefilter( prefilter: ( settings: { url?: string; data?: unknown }, original: unknown, jqXHR: AnswerWatch ) => void ): void;
	isOwnWiki( url: string ): boolean;
	onFormBlocked(): void;
	/** A script's own request was refused with `badtoken`: the token it carried is stale. */
	onBadToken( token: string ): void;
}

function isBadToken( data: unknown ): boolean {
	const answer = data as { error?: { code?: string }; errors?: { code?: string }[] } | null;
	return !!answer && ( ( !!answer.error && answer.error.code === 'badtoken' ) ||
		( !!answer.errors && !!answer.errors[ 0 ] && answer.errors[ 0 ].code === 'badtoken' ) );
}

/**
 * Guards the writes that do not go through `mw.Api`'s token methods: requests to the wiki's API made with
 * jQuery or `fetch` (the assertion makes a lost session fail instead of writing anonymously; a `badtoken`
 * answer is reported, so that the page's tokens can be renewed), and forms that carry the anonymous edit
 * token (stopped before they leave).
 */
export function installRequestGuards( deps: RequestGuardDeps ): RequestGuards {
	const counts: GuardCounts = { ajax: 0, fetch: 0, forms: 0 };
	let active = true;
	// Once removed, every guard still in place (a jQuery prefilter cannot be removed; a fetch wrapper
	// another script wrapped again cannot be unwound) lets everything through.
	const context: GuardContext = {
		userName: deps.userName,
		isOwnApi: ( url ) => active && deps.isOwnApi( url )
	};
	const watchToken = ( param: ParamReader ): string | null => active ? param( 'token' ) : null;
	deps.ajaxPrefilter( ( settings, _original, jqXHR ) => {
		const param = assertInAjax( settings, context );
		if ( param ) {
			counts.ajax++;
			const token = watchToken( param );
			if ( token ) {
				jqXHR.done( ( data ) => isBadToken( data ) && deps.onBadToken( token ) );
			}
		}
	} );
	const window = deps.window;
	const fetch = window.fetch;
	const guarded = fetch && guardFetch( fetch, context, ( param, response ) => {
		counts.fetch++;
		const token = watchToken( param );
		if ( token ) {
			// A copy of the answer: the caller reads the original as if nobody had looked.
			response.then( ( answer ) => answer.clone().json() ).then( ( data ) => isBadToken( data ) && deps.onBadToken( token ), () => undefined );
		}
	} );
	if ( guarded ) {
		window.fetch = guarded;
	}
	const removeFormGuard = guardForms( window, {
		isOwnWiki: ( url ) => active && deps.isOwnWiki( url ),
		onBlocked: () => {
			counts.forms++;
			deps.onFormBlocked();
		}
	} );
	return {
		counts: counts,
		remove: () => {
			active = false;
			// Only our own wrapper is taken off: a script that wrapped fetch after us keeps its wrapper.
			if ( guarded && window.fetch === guarded ) {
				window.fetch = fetch;
			}
			removeFormGuard();
		}
	};
}
