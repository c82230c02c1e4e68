// Drives the writers gadget (writers.ts) in a page, for the integration tests and the benchmark: loads
// it (shielded: with the shield), runs one of its writers, and submits a writer's hidden form.
import type { Page, Request } from 'playwright-core';
import { FORM_PATTERNS, WRITERS_GADGET, type WritePattern } from './writers.js';

/** How long a submitted form's POST may take to leave the browser. */
const FORM_SENT_MS = 15000;
/** How long a form that was stopped gets to show that nothing left the browser after all. */
const FORM_STOPPED_MS = 3000;

/**
 * Loads the writers gadget (and TokenCache, and with `shielded` the shield) into a page. The codes of
 * `tokenCache.sessionLost` go to `window.sessionLostSeen`.
 */
export async function prepareWriters( page: Page, shielded: boolean ): Promise<void> {
	await page.evaluate( ( [ writers, shield ] ) => window.mw.loader.using( [ 'ext.gadget.TokenCache', 'ext.gadget.' + writers ] )
		.then( () => shield ? window.mw.libs.tokenCache.shieldCoreApi() : undefined )
		.then( () => {
			const seen: string[] = [];
			( window as unknown as { sessionLostSeen: string[] } ).sessionLostSeen = seen;
			window.mw.hook( 'tokenCache.sessionLost' ).add( ( error: { code: string } ) => seen.push( error.code ) );
		} ), [ WRITERS_GADGET, shielded ] );
}

/** Runs one writer in the page; resolves with what the writer saw (an API code, an edit result, 'submitted'). */
export function runWriter( page: Page, pattern: WritePattern, title: string, text: string ): Promise<string> {
	return page.evaluate( ( [ name, editTitle, editText ] ) => new Promise<string>( ( resolve ) => {
		window.mw.hook( 'tokenCacheTest.writers' ).add( ( writers: Record<string, ( t: string, x: string ) => PromiseLike<string>> ) => {
			Promise.resolve( writers[ name ]( editTitle, editText ) ).then( resolve, ( error: unknown ) => resolve( `rejected ${ String( error ) }` ) );
		} );
	} ), [ pattern, title, text ] );
}

/**
 * Submits a writer's hidden form; resolves with the status of the form's POST ('sent 200'), 'not sent',
 * or what the writer saw if it never built its form (e.g. the code of its refused token request).
 */
export async function submitWriterForm( page: Page, pattern: WritePattern, title: string, text: string ): Promise<string> {
	let sent = false;
	const posted = page.waitForRequest( ( request: Request ) => request.method() === 'POST' && request.url().includes( 'action=submit' ), { timeout: FORM_SENT_MS } )
		.then( async ( request ) => {
			sent = true;
			return `sent ${ ( await request.response() )?.status() }`;
		}, () => 'not sent' );
	// The form's navigation may tear the page's script context down before evaluate returns.
	const seen = await runWriter( page, pattern, title, text ).catch( () => 'submitted' );
	if ( seen !== 'submitted' ) {
		return seen;
	}
	// The POST of a form that went through leaves as soon as it is submitted; give it a moment, not more.
	await Promise.race( [ posted, new Promise( ( resolve ) => setTimeout( resolve, FORM_STOPPED_MS ) ) ] );
	if ( !sent ) {
		return 'not sent';
	}
	// The saved page replaces this one: let it load before anything else looks into the page.
	await page.waitForURL( ( url ) => decodeURIComponent( url.href ).replace( /_/g, ' ' ).includes( title ) && !url.search.includes( 'action=submit' ), { waitUntil: 'load' } );
	return posted;
}

/** One write the way its pattern writes: a form pattern's form submitted, the others' answer. */
export function writeWithPattern( page: Page, pattern: WritePattern, title: string, text: string ): Promise<string> {
	return FORM_PATTERNS.includes( pattern ) ?
		submitWriterForm( page, pattern, title, text ) :
		runWriter( page, pattern, title, text );
}
