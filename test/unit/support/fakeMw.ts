/**
 * Just enough of the page's `mw` to run the built gadget file in a jsdom window: the real file, with
 * strict fakes behind it. Records hook firings so tests see what other gadgets would see.
 */
import { JSDOM } from 'jsdom';
import { FakeApi } from './fakeApi';

export interface FakeMw {
	mw: Record<string, unknown>;
	api: FakeApi;
	fired: { name: string; args: unknown[] }[];
	userTokens: Map<string, string>;
	/** What went to `mw.log.warn`. */
	warnings: unknown[][];
}

/**
 * A JSDOM window that runs scripts, with the fake `mw`, a `$` that runs DOM-ready callbacks at once, a
 * Tools portlet and a content area. `mw.loader.using( name )` runs the script of a gadget in `gadgets`,
 * as ResourceLoader would, and records the stylesheet modules of `styleModules` (default: Codex, as on
 * 1.41+) it was asked for; the modules a gadget declares (mediawiki.api, mediawiki.util) are there.
 */
export function windowWithFakeMw( options: Parameters<typeof createFakeMw>[ 0 ] & { gadgets?: Record<string, string>; styleModules?: string[] } = {} ) {
	const dom = new JSDOM( '<!DOCTYPE html><body><div id="p-tb"><ul></ul></div><div id="content"><h1>Title</h1><div id="bodyContent"><div id="mw-content-text"></div></div></div></body>',
		{ runScripts: 'outside-only' } );
	const fake = createFakeMw( options );
	const window = dom.window as unknown as Record<string, unknown> & { eval( code: string ): unknown; document: Document };
	const gadgets = options.gadgets || {};
	const styleModules = options.styleModules || [ 'codex-styles' ];
	const present = [ 'mediawiki.api', 'mediawiki.util' ];
	const loaded: string[] = [];
	const styleSheets: string[] = [];
	const known = ( name: string ) => name in gadgets || styleModules.includes( name );
	Object.assign( fake.mw, {
		loader: {
			getState: ( name: string ) => present.includes( name ) ? 'ready' :
				known( name ) ? ( loaded.includes( name ) ? 'ready' : 'registered' ) : null,
			using: ( names: string | string[] ) => {
				const list = typeof names === 'string' ? [ names ] : names;
				const unknown = list.find( ( name ) => !present.includes( name ) && !known( name ) );
				// As MediaWiki's: a module the wiki does not have rejects the whole call, and loads nothing.
				if ( unknown ) {
					return Promise.reject( new Error( 'Unknown module: ' + unknown ) );
				}
				list.forEach( ( name ) => {
					if ( !present.includes( name ) && !loaded.includes( name ) ) {
						loaded.push( name );
						if ( name in gadgets ) {
							window.eval( gadgets[ name ] );
						}
					}
				} );
				return Promise.resolve();
			}
		},
		util: {
			$content: [ window.document.getElementById( 'content' ) ],
			addCSS: ( text: string ) => {
				styleSheets.push( text );
			},
			addPortletLink: ( portlet: string, href: string, text: string, id: string ) => {
				const list = window.document.querySelector( '#' + portlet + ' ul' );
				if ( !list ) {
					return null;
				}
				const item = window.document.createElement( 'li' );
				item.id = id;
				item.innerHTML = '<a href="' + href + '"></a>';
				( item.firstChild as HTMLElement ).textContent = text;
				list.appendChild( item );
				return item;
			}
		}
	} );
	window.mw = fake.mw;
	window.$ = ( callback: unknown ) => typeof callback === 'function' && callback();
	return { window, fake, loaded, styleSheets };
}

function createFakeMw( options: {
	userName?: string | null;
	tokens?: Record<string, string>;
	language?: string;
	userOptions?: Record<string, unknown>;
	/** Receives what a hook handler threw, instead of its being rethrown (asynchronously, as core does). */
	onHookError?: ( error: unknown ) => void;
} = {} ): FakeMw {
	const api = new FakeApi( '/w/api.php' );
	const fired: FakeMw[ 'fired' ] = [];
	const userTokens = new Map( Object.entries( options.tokens || {} ) );
	const userOptions = options.userOptions || {};
	const config: Record<string, unknown> = { wgUserName: options.userName ?? null, wgUserLanguage: options.language || 'en' };
	const messages = new Map<string, string>();
	type Handler = ( ...args: unknown[] ) => void;
	const handlers = new Map<string, Handler[]>();
	// Like mw.hook, remember the last firing: handlers added later run at once with it.
	const memory = new Map<string, unknown[]>();
	const warnings: unknown[][] = [];
	const callHandler = ( handler: Handler, args: unknown[] ): void => {
		try {
			handler( ...args );
		} catch ( error ) {
			setTimeout( () => {
				if ( options.onHookError ) {
					options.onHookError( error );
				} else {
					throw error;
				}
			} );
		}
	};
	const mw = {
		libs: {},
		log: { warn: ( ...args: unknown[] ) => warnings.push( args ) },
		Api: function () {
			return api;
		},
		config: { get: ( key: string ) => key in config ? config[ key ] : null, set: ( key: string, value: unknown ) => {
			config[ key ] = value;
		} },
		user: {
			tokens: {
				get: ( key: string ) => userTokens.has( key ) ? userTokens.get( key ) : null,
				set: ( key: string, value: string ) => userTokens.set( key, value )
			},
			options: { get: ( key: string ) => userOptions[ key ] ?? null }
		},
		// Like core's mw.hook: handlers run synchronously, and one that throws stops neither the others nor
		// the caller; its error is rethrown asynchronously.
		hook: ( name: string ) => ( {
			fire: ( ...args: unknown[] ) => {
				fired.push( { name: name, args: args } );
				memory.set( name, args );
				( handlers.get( name ) || [] ).forEach( ( handler ) => callHandler( handler, args ) );
			},
			add: ( handler: ( ...args: unknown[] ) => void ) => {
				handlers.set( name, ( handlers.get( name ) || [] ).concat( handler ) );
				if ( memory.has( name ) ) {
					callHandler( handler, memory.get( name ) as unknown[] );
				}
			},
			remove: ( handler: ( ...args: unknown[] ) => void ) => {
				handlers.set( name, ( handlers.get( name ) || [] ).filter( ( h ) => h !== handler ) );
			}
		} ),
		messages: { set: ( keyOrMap: string | Record<string, string>, value?: string ) => {
			if ( typeof keyOrMap === 'string' ) {
				messages.set( keyOrMap, value as string );
			} else {
				Object.keys( keyOrMap ).forEach( ( key ) => messages.set( key, keyOrMap[ key ] ) );
			}
		} },
		message: ( key: string, ...params: unknown[] ) => ( {
			text: () => ( messages.get( key ) ?? '⧼' + key + '⧽' ).replace( /\$(\d)/g, ( _m, n ) => String( params[ Number( n ) - 1 ] ) )
		} ),
		msg: ( key: string, ...params: unknown[] ) => mw.message( key, ...params ).text(),
		util: { addPortletLink: () => null },
		loader: { getState: () => null }
	};
	return { mw: mw, api: api, fired: fired, userTokens: userTokens, warnings: warnings };
}
