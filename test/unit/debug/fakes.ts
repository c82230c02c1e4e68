/**
 * Small strict fakes for the debug panel: each records what it was asked and throws on anything a
 * test did not script, so a test fails loudly instead of passing by accident.
 */
import { TokenCache, TokenSnapshotEntry } from '../../../src/publicTypes';
import { maskToken } from '../../../src/tokenText';
import { Message, MESSAGE_PREFIX, messagesFor } from '../../../src/debug/messages';
import { openTokenPanel } from '../../../src/debug/panel';
import { DebugLinkDeps } from '../../../src/debug/portlet';

/** Tokens as MediaWiki makes them: 32 hex digits of HMAC, 8 of time, then `+\`. */
export const CSRF_TOKEN = '0123456789abcdef0123456789abcdef6735a9c0+\\';
export const WATCH_TOKEN = 'fedcba9876543210fedcba98765432106735a9c0+\\';
export const NEW_CSRF_TOKEN = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6735a9c0+\\';

let lastId = 0;

/** A snapshot entry; each call is a new token (a new id) unless `fields.id` says otherwise. */
export function entry( type: string, token: string, fields: Partial<TokenSnapshotEntry> = {} ): TokenSnapshotEntry {
	return Object.assign( {
		id: ++lastId,
		type: type,
		masked: maskToken( token ),
		issuedAt: null,
		anonymous: token === '+\\',
		source: 'page',
		served: 0,
		refreshed: 0
	}, fields ) as TokenSnapshotEntry;
}

export interface FakeTokenCache extends TokenCache {
	/** Every call, in order, e.g. `getToken csrf`, `invalidate`, `getTokens csrf|watch`. */
	calls: string[];
	/** What `snapshot()` answers; tests change it to simulate the cache changing. */
	entries: TokenSnapshotEntry[];
}

/** A TokenCache that serves `tokens` by type and rejects any other type with `unknowntype`. */
export function fakeTokenCache( entries: TokenSnapshotEntry[], tokens: Record<string, string> ): FakeTokenCache {
	const calls: string[] = [];
	const unexpected = ( name: string ) => () => {
		throw new Error( 'unexpected call: ' + name );
	};
	const tokenFor = ( type: string ): Promise<string> => type in tokens ?
		Promise.resolve( tokens[ type ] ) :
		Promise.reject( Object.assign( new Error( 'unknowntype' ), { code: 'unknowntype', info: 'No such type' } ) );
	const cache: FakeTokenCache = {
		calls: calls,
		entries: entries,
		version: '9.8.7',
		endpoint: 'https://wiki.test/w/api.php',
		getToken: ( type ) => {
			calls.push( 'getToken ' + type );
			return tokenFor( type );
		},
		getTokens: ( types ) => {
			calls.push( 'getTokens ' + types.join( '|' ) );
			return Promise.all( types.map( tokenFor ) ).then( ( values ) => {
				const out: Record<string, string> = {};
				types.forEach( ( type, i ) => {
					out[ type ] = values[ i ];
				} );
				return out;
			} );
		},
		invalidate: ( type ) => {
			calls.push( type === undefined ? 'invalidate' : 'invalidate ' + type );
		},
		snapshot: () => cache.entries.map( ( item ) => Object.assign( {}, item ) ),
		postWithToken: unexpected( 'postWithToken' ),
		forApi: unexpected( 'forApi' )
	};
	return cache;
}

/** The change subscription: one listener at a time, as the panel uses it. */
export function fakeSubscription() {
	const state = { listener: null as ( () => void ) | null, subscribed: 0, unsubscribed: 0 };
	return {
		state: state,
		subscribe: ( listener: () => void ) => {
			if ( state.listener ) {
				throw new Error( 'subscribed twice' );
			}
			state.listener = listener;
			state.subscribed++;
			return () => {
				state.listener = null;
				state.unsubscribed++;
			};
		},
		/** What the entry point does on `tokenCache.change`. */
		fireChange: () => {
			if ( state.listener ) {
				state.listener();
			}
		}
	};
}

export function fakeClipboard( outcome: 'accept' | 'refuse' = 'accept' ) {
	const written: string[] = [];
	return {
		written: written,
		writeText: ( text: string ): Promise<void> => {
			written.push( text );
			return outcome === 'accept' ? Promise.resolve() :
				Promise.reject( Object.assign( new Error( 'Write permission denied.' ), { name: 'NotAllowedError' } ) );
		}
	};
}

/** `mw.message( key, param ).text()` over the messages we set, in `language`. */
export function messageIn( language: string ): Message {
	const messages = messagesFor( language );
	return ( name, param ) => {
		const text = messages[ MESSAGE_PREFIX + name ];
		if ( text === undefined ) {
			throw new Error( 'no message ' + name );
		}
		return text.replace( '$1', String( param ) );
	};
}

/**
 * `mw.util.addPortletLink` as MediaWiki does it: an `<li id>` with an `<a>` in the portlet's list, or
 * null when the page has no such portlet. It does not check whether the id is taken.
 */
export function fakeAddPortletLink( doc: Document ) {
	const calls: string[] = [];
	const addPortletLink = ( portletId: string, href: string, text: string, id: string ): HTMLElement | null => {
		calls.push( portletId );
		const portlet = doc.getElementById( portletId );
		if ( !portlet ) {
			return null;
		}
		const item = doc.createElement( 'li' );
		item.id = id;
		const link = doc.createElement( 'a' );
		link.href = href;
		link.textContent = text;
		item.append( link );
		( portlet.querySelector( 'ul' ) || portlet ).append( item );
		return item;
	};
	return { calls: calls, addPortletLink: addPortletLink };
}

/** A page whose skin has the given portlets, each with an empty list. */
export function pageWithPortlets( doc: Document, ids: string[] ): void {
	doc.body.innerHTML = ids.map( ( id ) => '<nav id="' + id + '"><ul></ul></nav>' ).join( '' );
}

/** The link's dependencies, opening the real panel over a fake cache, clipboard and subscription. */
export function linkDeps( doc: Document, overrides: Partial<DebugLinkDeps> = {} ) {
	const portlets = fakeAddPortletLink( doc );
	const subscription = fakeSubscription();
	const clipboard = fakeClipboard();
	const tokenCache = fakeTokenCache( [ entry( 'csrf', CSRF_TOKEN ) ], { csrf: CSRF_TOKEN } );
	const msg = messageIn( 'en' );
	const deps: DebugLinkDeps = Object.assign( {
		document: doc,
		addPortletLink: portlets.addPortletLink,
		openPanel: ( onClose: () => void ) => openTokenPanel( {
			document: doc,
			msg: msg,
			tokenCaches: () => [ tokenCache ],
			subscribe: subscription.subscribe,
			clipboard: clipboard,
			place: ( panel: HTMLElement ) => doc.body.append( panel ),
			shieldSummary: () => ''
		}, onClose )
	}, overrides );
	return { deps, portlets, subscription, clipboard, tokenCache };
}

/** Lets resolved promises run their callbacks. */
export function settle(): Promise<void> {
	return new Promise( ( resolve ) => setTimeout( resolve, 0 ) );
}
