// Records what the browser really sends to the wikis' api.php, with the answers: the tests and the
// benchmark count requests and read their parameters here.
import type { BrowserContext, Page, Request } from 'playwright-core';
import type { WikiAddress } from './browser.js';

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
}

/** Records every request that `target` (a page, or all pages of a context) sends to the wikis' api.php. */
export function recordApi( target: Page | BrowserContext, wikis: WikiAddress | WikiAddress[] ): ApiRecorder {
	const apiUrls = ( Array.isArray( wikis ) ? wikis : [ wikis ] ).map( ( wiki ) => wiki.apiUrl );
	const calls: ApiCall[] = [];
	const byRequest = new Map<Request, { call: ApiCall; done: Promise<void> }>();
	const pending = new Set<Promise<void>>();
	// Page and BrowserContext have the same request events; a union has no callable `on`.
	const events = target as unknown as Pick<Page, 'on'>;

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
