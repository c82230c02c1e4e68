// Looks for full tokens where they must never be: the console, localStorage and sessionStorage, the URL
// of any request, and the DOM. It learns the real tokens a browser context met from what the wiki sent
// (meta=tokens answers and every other api.php or page answer) and from each page's mw.user.tokens, then
// searches everything for them.
import type { BrowserContext, ConsoleMessage, Page, Request, Response } from 'playwright-core';

/**
 * MediaWiki tokens since 1.27: 32 hex digits of HMAC and 8 of time, then `+\`. A leak is searched for by
 * its 40 hex digits alone, so that a URL-encoded or JSON-escaped copy is found too.
 */
const TOKEN_BODY = /\b([0-9a-f]{40})\+\\/g;

/** One place a full token showed up. */
export interface Leak {
	/** e.g. "console", "localStorage", "request URL", "DOM of http://…" */
	where: string;
	/** The token, masked like TokenCache's snapshot: safe to print in a test report. */
	token: string;
	/** A few characters around the find, with the token masked. */
	context: string;
}

export interface LeakWatch {
	/** Full tokens learned so far (from answers and mw.user.tokens), for checks that the watch saw any. */
	knownTokens(): string[];
	/** Reads the tokens of a page's mw.user.tokens (the page embeds them). Done for every open page by `scan`. */
	learnPageTokens( page: Page ): Promise<void>;
	/** Searches console, storage, request URLs and the DOM of every open page; answers what it found. */
	scan(): Promise<Leak[]>;
	stop(): void;
}

/** Starts watching a browser context; create it before the first page opens. */
export function watchForLeaks( context: BrowserContext ): LeakWatch {
	const known = new Set<string>();
	const urls: string[] = [];
	const consoleTexts: Promise<string>[] = [];
	// What the server itself put into each page's HTML: a token there (a hidden form field, the page's
	// mw.user.tokens in an inline script) is MediaWiki's, not a leak; one more copy in the DOM is.
	const servedHtml = new Map<Page, string>();
	const pending = new Set<Promise<void>>();

	const learnFrom = ( text: string ): void => {
		for ( const match of text.matchAll( TOKEN_BODY ) ) {
			known.add( match[ 1 ] );
		}
	};
	const track = ( work: Promise<void> ): void => {
		const settled = work.catch( () => undefined ).finally( () => pending.delete( settled ) );
		pending.add( settled );
	};
	const onRequest = ( request: Request ): void => {
		urls.push( request.url() );
	};
	const onResponse = ( response: Response ): void => {
		const type = response.request().resourceType();
		if ( type !== 'document' && type !== 'xhr' && type !== 'fetch' ) {
			return;
		}
		track( ( async () => {
			const text = await response.text();
			learnFrom( text );
			const frame = response.frame();
			if ( type === 'document' && frame === frame.page().mainFrame() ) {
				servedHtml.set( frame.page(), text );
			}
		} )() );
	};
	const onConsole = ( message: ConsoleMessage ): void => {
		// The text alone shows objects as "Object": their JSON shows what a person expanding them would see.
		consoleTexts.push( Promise.all( message.args().map( ( arg ) => arg.jsonValue().then(
			( value: unknown ) => JSON.stringify( value ) ?? '',
			() => ''
		) ) ).then( ( values ) => [ message.text(), ...values ].join( ' ' ) ) );
	};
	context.on( 'request', onRequest );
	context.on( 'response', onResponse );
	context.on( 'console', onConsole );

	const learnPageTokens = async ( page: Page ): Promise<void> => {
		const tokens: unknown = await page.evaluate( () => window.mw?.user?.tokens?.get() ?? {} );
		learnFrom( Object.values( tokens as Record<string, unknown> ).filter( ( v ) => typeof v === 'string' ).join( '\n' ) );
	};

	return {
		knownTokens: () => Array.from( known, ( body ) => `${ body }+\\` ),
		learnPageTokens,
		async scan() {
			// Pages that show a document of some site (not about:blank, which has no storage to read).
			const pages = context.pages().filter( ( page ) => !page.isClosed() && /^https?:/.test( page.url() ) );
			for ( const page of pages ) {
				await learnPageTokens( page );
			}
			while ( pending.size ) {
				await Promise.all( pending );
			}
			const leaks: Leak[] = [];
			const search = ( where: string, text: string, allowed = '' ): void => {
				for ( const body of known ) {
					const found = occurrences( text, body );
					if ( found.length > occurrences( allowed, body ).length ) {
						const at = found[ found.length - 1 ];
						leaks.push( {
							where,
							token: mask( body ),
							context: text.slice( Math.max( 0, at - 40 ), at + 60 ).split( body ).join( mask( body ) )
						} );
					}
				}
			};
			( await Promise.all( consoleTexts ) ).forEach( ( text ) => search( 'console', text ) );
			urls.forEach( ( url ) => search( 'request URL', url ) );
			for ( const page of pages ) {
				const seen = await page.evaluate( () => {
					const dump = ( storage: Storage ): string => {
						const out: string[] = [];
						for ( let i = 0; i < storage.length; i++ ) {
							const key = storage.key( i ) as string;
							out.push( `${ key }=${ storage.getItem( key ) }` );
						}
						return out.join( '\n' );
					};
					return {
						local: dump( window.localStorage ),
						session: dump( window.sessionStorage ),
						dom: document.documentElement.outerHTML
					};
				} );
				search( 'localStorage', seen.local );
				search( 'sessionStorage', seen.session );
				search( `DOM of ${ page.url() }`, seen.dom, servedHtml.get( page ) ?? '' );
			}
			return leaks;
		},
		stop() {
			context.off( 'request', onRequest );
			context.off( 'response', onResponse );
			context.off( 'console', onConsole );
		}
	};
}

function occurrences( text: string, needle: string ): number[] {
	const found: number[] = [];
	for ( let at = text.indexOf( needle ); at !== -1; at = text.indexOf( needle, at + 1 ) ) {
		found.push( at );
	}
	return found;
}

function mask( body: string ): string {
	return `${ body.slice( 0, 4 ) }…+\\`;
}
