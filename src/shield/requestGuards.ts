import { assertInAjax, GuardContext } from './ajaxGuard';
import { guardFetch } from './fetchGuard';
import { guardForms } from './formGuard';

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

export interface RequestGuardDeps extends GuardContext {
	window: Window & typeof globalThis;
	/** jQuery's `$.ajaxPrefilter`, which `mw.Api` requests pass through too. */
	ajaxPrefilter( prefilter: ( settings: { url?: string; data?: unknown } ) => void ): void;
	isOwnWiki( url: string ): boolean;
	onFormBlocked(): void;
}

/**
 * Guards the writes that do not go through `mw.Api`'s token methods: requests to the wiki's API made with
 * jQuery or `fetch` (the assertion makes a lost session fail instead of writing anonymously), and forms
 * that carry the anonymous edit token (stopped before they leave).
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
	deps.ajaxPrefilter( ( settings ) => {
		if ( assertInAjax( settings, context ) ) {
			counts.ajax++;
		}
	} );
	const window = deps.window;
	const fetch = window.fetch;
	const guarded = fetch && guardFetch( fetch, context, () => {
		counts.fetch++;
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
