// Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for the integration
// tests and the benchmark, and helpers that watch what the browser really does: its api.php traffic and
// its console. Nothing here depends on a test runner.
import {
	chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request
} from 'playwright-core';
import { articleUrl as articleUrlOn } from '../../../scripts/lib/title.mjs';

/** What the helpers need to know about a wiki (a WikiInfo from wikis.ts fits). */
export interface WikiAddress {
	/** Server base, e.g. http://127.0.0.1:8139 */
	url: string;
	/** e.g. http://127.0.0.1:8139/api.php */
	apiUrl: string;
}

// --headless is added by Playwright itself; it refuses --user-data-dir here.
const CHROMIUM_ARGS = [
	'--no-sandbox', // we run as root
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * Launches one headless Chromium. Give each test a fresh `browser.newContext()`: contexts share
 * no cookies or cache, and an open context keeps ResourceLoader's startup module (so old gadget
 * code) cached for minutes.
 */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch( { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } );
}

/** index.php URL of a page of `wiki` (title.mjs's articleUrl, which wiki.mjs uses too). */
export function articleUrl( wiki: WikiAddress, title: string, query?: Record<string, string> ): string {
	return articleUrlOn( wiki.url, title, query );
}

/**
 * Logs in through Special:UserLogin's real form, like a person would, and waits for the page it
 * returns to. `remember` ticks "Keep me logged in" (wpRemember), which sets the `<prefix>Token`
 * cookie that survives a lost session.
 */
export async function login(
	page: Page,
	wiki: WikiAddress,
	user: string,
	password: string,
	{ remember = false }: { remember?: boolean } = {}
): Promise<void> {
	await page.goto( articleUrl( wiki, 'Special:UserLogin', { returnto: 'Main_Page' } ) );
	await page.fill( '#wpName1', user );
	await page.fill( '#wpPassword1', password );
	await page.setChecked( '#wpRemember', remember );
	await Promise.all( [ page.waitForNavigation(), page.click( '#wpLoginAttempt' ) ] );
	const loggedInAs = await page.evaluate( () => window.mw?.config.get( 'wgUserName' ) );
	if ( loggedInAs !== user ) {
		const problem = await page.locator( '.mw-message-box-error, .errorbox, .cdx-message--error' ).allInnerTexts();
		throw new Error( `login as ${ user } on ${ wiki.url } failed (now: ${ loggedInAs ?? 'anonymous' }): ${ problem.join( ' ' ) || page.url() }` );
	}
}

/** One request the browser made to a wiki's api.php. */
export interface ApiCall {
	method: string;
	url: string;
	/** Query-string and POST body parameters together (file fields of multipart bodies left out). */
	params: Record<string, string>;
	/** The POST body parameters alone. */
	body: Record<string, string>;
	/** HTTP status; absent if the request failed or has not finished. */
	status?: number;
	/** Parsed response; absent if it was not JSON. Loosely typed: tests dig into API answers. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json?: any;
	/** Network error text, if the request failed. */
	failure?: string;
}

export interface ApiRecorder {
	/** In the order the browser sent them. */
	readonly calls: ApiCall[];
	/** Resolves once every call seen so far has its response (or failure) recorded. */
	settled(): Promise<void>;
	/** Calls asking for tokens (`meta=tokens`). */
	tokenRequests(): ApiCall[];
	/** Calls with the given action, e.g. 'edit', 'watch'. */
	withAction( action: string ): ApiCall[];
	clear(): void;
	stop(): void;
}

/** Records every request that `target` (a page, or all pages of a context) sends to the wikis' api.php. */
export function recordApi( target: Page | BrowserContext, wikis: WikiAddress | WikiAddress[] ): ApiRecorder {
	const apiUrls = ( Array.isArray( wikis ) ? wikis : [ wikis ] ).map( ( wiki ) => wiki.apiUrl );
	const calls: ApiCall[] = [];
	const byRequest = new Map<Request, { call: ApiCall; done: Promise<void> }>();
	const pending = new Set<Promise<void>>();
	// Page and BrowserContext have the same request events; a union has no callable `on`.
	const events = target as unknown as Pick<Page, 'on' | 'off'>;

	const track = ( work: Promise<void> ): Promise<void> => {
		// A page closed mid-request makes Playwright reject: that call just stays incomplete.
		const settled = work.catch( () => undefined ).finally( () => pending.delete( settled ) );
		pending.add( settled );
		return settled;
	};
	const onRequest = ( request: Request ): void => {
		const url = request.url();
		if ( !apiUrls.some( ( api ) => url === api || url.startsWith( `${ api }?` ) ) ) {
			return;
		}
		const call: ApiCall = { method: request.method(), url, params: {}, body: {} };
		calls.push( call );
		const done = track( ( async () => {
			call.body = await bodyParams( request );
			call.params = { ...Object.fromEntries( new URL( url ).searchParams ), ...call.body };
		} )() );
		byRequest.set( request, { call, done } );
	};
	const onFinished = ( request: Request ): void => {
		const entry = byRequest.get( request );
		if ( !entry ) {
			return;
		}
		byRequest.delete( request );
		track( ( async () => {
			await entry.done;
			const response = await request.response();
			entry.call.status = response?.status();
			try {
				entry.call.json = JSON.parse( ( await response?.text() ) ?? '' );
			} catch {
				// not JSON (e.g. format=xml or a PHP fatal error page): status tells enough
			}
		} )() );
	};
	const onFailed = ( request: Request ): void => {
		const entry = byRequest.get( request );
		if ( !entry ) {
			return;
		}
		byRequest.delete( request );
		entry.call.failure = request.failure()?.errorText ?? 'failed';
	};
	events.on( 'request', onRequest );
	events.on( 'requestfinished', onFinished );
	events.on( 'requestfailed', onFailed );

	return {
		calls,
		async settled() {
			while ( pending.size ) {
				await Promise.all( pending );
			}
		},
		tokenRequests: () => calls.filter( ( call ) => ( call.params.meta ?? '' ).split( '|' ).includes( 'tokens' ) ),
		withAction: ( action ) => calls.filter( ( call ) => call.params.action === action ),
		clear: () => {
			calls.length = 0;
		},
		stop() {
			events.off( 'request', onRequest );
			events.off( 'requestfinished', onFinished );
			events.off( 'requestfailed', onFailed );
		}
	};
}

/** POST parameters of a form-encoded or multipart body. */
async function bodyParams( request: Request ): Promise<Record<string, string>> {
	const buffer = request.postDataBuffer();
	if ( !buffer ) {
		return {};
	}
	const contentType = ( await request.allHeaders() )[ 'content-type' ] ?? '';
	if ( contentType.startsWith( 'application/x-www-form-urlencoded' ) ) {
		return Object.fromEntries( new URLSearchParams( buffer.toString( 'utf8' ) ) );
	}
	if ( contentType.startsWith( 'multipart/form-data' ) ) {
		const form = await new Response( new Uint8Array( buffer ), { headers: { 'content-type': contentType } } ).formData();
		const params: Record<string, string> = {};
		form.forEach( ( value, key ) => {
			if ( typeof value === 'string' ) {
				params[ key ] = value;
			}
		} );
		return params;
	}
	return {};
}

export interface ConsoleCollector {
	/** Every console message, e.g. { type: 'error', text: 'JavaScript parse error …' }. */
	readonly messages: { type: string; text: string }[];
	/** Uncaught exceptions and unhandled rejections in the page. */
	readonly pageErrors: string[];
	stop(): void;
}

/** Collects a page's console output and uncaught errors. */
export function collectConsole( page: Page ): ConsoleCollector {
	const messages: { type: string; text: string }[] = [];
	const pageErrors: string[] = [];
	const onConsole = ( message: ConsoleMessage ): void => {
		messages.push( { type: message.type(), text: message.text() } );
	};
	const onPageError = ( error: Error ): void => {
		pageErrors.push( `${ error.name }: ${ error.message }` );
	};
	page.on( 'console', onConsole );
	page.on( 'pageerror', onPageError );
	return {
		messages,
		pageErrors,
		stop() {
			page.off( 'console', onConsole );
			page.off( 'pageerror', onPageError );
		}
	};
}

declare global {
	interface Window {
		/** The page's MediaWiki object, typed loosely: tests only peek at it. */
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		mw?: any;
	}
}
