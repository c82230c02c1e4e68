// The benchmark cases. Each runs twice in real Chromium on a real wiki, once with TokenCache and once
// the way gadgets do it without it (each consumer its own `new mw.Api()`). The first four go through
// `mw.libs.tokenCache` and count the token requests in the browser's own network traffic; the gadget
// cases (and writePatterns.ts) run the same gadget code unshielded and with the shield gadget, and also
// count the edits the wiki saved anonymously. In-page code uses only anonymous inline functions (see
// harness.ts).
import type { Page } from 'playwright-core';
import type { Wiki } from '../scripts/lib/wiki.mjs';
import type { ApiRecorder } from '../test/support/browser/apiRecorder.js';
import { CONSUMERS } from '../test/support/browser/consumers.js';
import { median, type Measure } from './report.js';
import { anonymousEdits, both, withSession, type BenchCase, type Mode } from './harness.js';
import { WRITE_PATTERN_CASES } from './writePatterns.js';

/** A logged-in token is 32 hex digits of HMAC and 8 of time, then `+\`; the anonymous one is just `+\`. */
const REAL_TOKEN = /^[0-9a-f]{40}\+\\$/;

/** The `type` parameter of each `meta=tokens` request that went to `wiki`, e.g. [ 'rollback|login' ]. */
async function tokenRequests( api: ApiRecorder, wiki: Wiki ): Promise<string[]> {
	await api.settled();
	return api.tokenRequests().filter( ( call ) => call.url.startsWith( wiki.apiUrl ) ).map( ( call ) => call.params.type ?? '' );
}

function requests( count: number ): string {
	return `${ count } request${ count === 1 ? '' : 's' }`;
}

/** For a note: "2 token requests (type=csrf, type=rollback|login)". */
function listRequests( types: string[] ): string {
	return `${ types.length } token request${ types.length === 1 ? '' : 's' } ` +
		`(${ types.map( ( type ) => `type=${ type }` ).join( ', ' ) })`;
}

/** Fails the run unless every token is a logged-in user's token (never printed: they are secrets). */
function assertRealTokens( tokens: unknown[], what: string ): void {
	const bad = tokens.filter( ( token ) => typeof token !== 'string' || !REAL_TOKEN.test( token ) ).length;
	if ( bad ) {
		throw new Error( `${ what }: ${ bad } of ${ tokens.length } tokens were anonymous or malformed` );
	}
}

/** "badtoken ×3, http ×1" */
function summarize( codes: string[] ): string {
	const counts = new Map<string, number>();
	codes.forEach( ( code ) => counts.set( code, ( counts.get( code ) ?? 0 ) + 1 ) );
	return Array.from( counts, ( [ code, count ] ) => `${ code } ×${ count }` ).join( ', ' );
}

/**
 * Three consumers (A, B, C) ask, in the same tick, for all seven token types between them: the types of
 * the test wikis' consumer gadgets.
 */
const BURST_CONSUMERS = Object.values( CONSUMERS );

/** 1. Page-load burst: csrf, watch and patrol are embedded in the page; the other four are not. */
const pageLoadBurst: BenchCase = async ( env ) => {
	const sent = await both( ( mode ) => withSession( env, {}, async ( { page, api } ) => {
		const tokens = await page.evaluate( ( input ) => Promise.all( input.consumers.map( ( types ) => {
			const source = input.mode === 'ours' ? window.mw.libs.tokenCache : new window.mw.Api();
			return Promise.all( types.map( ( type ) => source.getToken( type ) ) );
		} ) ), { mode, consumers: BURST_CONSUMERS } );
		assertRealTokens( ( [] as unknown[] ).concat( ...tokens ), `page-load burst (${ mode })` );
		return tokenRequests( api, env.home );
	} ) );
	const show = ( types: string[] ): Measure => ( { value: types.length, text: requests( types.length ) } );
	return {
		label: 'page-load burst: 3 consumers, 7 types',
		about: `Three consumers ask in the same tick: ${ BURST_CONSUMERS.map( ( types, i ) => `${ 'ABC'[ i ] }: ${ types.join( '+' ) }` ).join( '; ' ) }. ` +
			'The page embeds csrf, watch and patrol; ' +
			'the other four types need a request. Core sends one request per type (a second consumer asking ' +
			'for the same type shares the first one\'s); TokenCache sends every type asked for in one tick in one request.',
		version: env.home.version,
		ours: show( sent.ours ),
		core: show( sent.core ),
		minimum: '1 request',
		note: sent.ours.length > 1 ? `TokenCache sent ${ listRequests( sent.ours ) } where one would do.` : undefined
	};
};

const STORM_EDITS = 10;

/**
 * 2. Badtoken storm: the session behind the browser's cookie is deleted on the server (the user
 * stays logged in through "Keep me logged in"), then ten edits to ten pages go out at once.
 */
const badtokenStorm: BenchCase = async ( env ) => {
	const runs = await both( ( mode ) => withSession( env, { remember: true }, async ( { page, api, expireSession } ) => {
		await expireSession();
		const titles = Array.from( { length: STORM_EDITS }, ( _, i ) => `Bench storm ${ mode } ${ i + 1 }` );
		// Each answer becomes 'Success' or the error code (core rejects with the code itself).
		const answers: string[] = await page.evaluate( ( input ) => Promise.all( input.titles.map( ( title ) => {
			const params = { action: 'edit', title: title, appendtext: '\n* storm', summary: 'TokenCache bench: badtoken storm' };
			const post = input.mode === 'ours' ?
				window.mw.libs.tokenCache.postWithToken( 'csrf', params ) :
				new window.mw.Api().postWithToken( 'csrf', params );
			return Promise.resolve( post ).then(
				( response ) => String( response.edit && response.edit.result ),
				( error ) => String( error && error.code ? error.code : error )
			);
		} ) ), { mode, titles } );
		const failures = answers.filter( ( answer ) => answer !== 'Success' );
		return { types: await tokenRequests( api, env.home ), saved: answers.length - failures.length, failures };
	} ) );
	const show = ( run: typeof runs.ours ): Measure => ( {
		value: run.types.length,
		text: `${ requests( run.types.length ) }, ${ run.saved }/${ STORM_EDITS } saved` +
			( run.failures.length ? ` (${ summarize( run.failures ) })` : '' )
	} );
	const { ours } = runs;
	return {
		label: `badtoken storm: ${ STORM_EDITS } concurrent edits`,
		about: 'The user logs in with "Keep me logged in"; the page loads; the server-side session behind the ' +
			'browser\'s session cookie is deleted, so every cached token is stale while the user stays logged in; ' +
			`then ${ STORM_EDITS } \`postWithToken('csrf')\` edits of ${ STORM_EDITS } different pages go out at once. ` +
			'Each request that arrives with the dead session cookie gets a new session of its own, and the browser ' +
			'keeps whichever cookie comes back last. Core refetches the token for each failed edit as soon as that ' +
			'edit fails, so a retry can carry a token of a session the browser has already replaced. TokenCache ' +
			'waits until the edits that went out with the old session have come back, then fetches once for all.',
		version: env.home.version,
		ours: show( ours ),
		core: show( runs.core ),
		minimum: `1 request, ${ STORM_EDITS }/${ STORM_EDITS } saved`,
		note: ours.types.length > 1 || ours.saved < STORM_EDITS ?
			`TokenCache sent ${ listRequests( ours.types ) } and saved ${ ours.saved } of ${ STORM_EDITS } edits` +
			( ours.failures.length ? ` (the others failed with ${ summarize( ours.failures ) })` : '' ) + '.' :
			undefined
	};
};

const WARM_CALLS = 1000;
const WARM_RUNS = 5;
/** Not embedded in the page, so the first call really fetches it. */
const WARM_TYPE = 'rollback';

/**
 * 3. Warm cache: after a first getToken, 1,000 more, each awaited before the next, timed in the
 * page; the median over several runs.
 */
const warmCache: BenchCase = async ( env ) => {
	const runs = await both( ( mode ) => withSession( env, {}, async ( { page, api } ) => {
		await page.evaluate( ( input ) => Promise.resolve(
			( input.mode === 'ours' ? window.mw.libs.tokenCache : new window.mw.Api() ).getToken( input.type )
		).then( () => undefined ), { mode, type: WARM_TYPE } );
		await api.settled();
		api.clear();
		const perCallMs: number[] = await page.evaluate( async ( input ) => {
			const source = input.mode === 'ours' ? window.mw.libs.tokenCache : new window.mw.Api();
			const times: number[] = [];
			for ( let run = 0; run < input.runs; run++ ) {
				const start = performance.now();
				for ( let call = 0; call < input.calls; call++ ) {
					await source.getToken( input.type );
				}
				times.push( ( performance.now() - start ) / input.calls );
			}
			return times;
		}, { mode, type: WARM_TYPE, calls: WARM_CALLS, runs: WARM_RUNS } );
		return { types: await tokenRequests( api, env.home ), microseconds: median( perCallMs ) * 1000 };
	} ) );
	const show = ( run: typeof runs.ours ): Measure => ( {
		value: run.microseconds,
		text: `${ requests( run.types.length ) }, ${ formatMicroseconds( run.microseconds ) }/call`
	} );
	return {
		label: `warm cache: ${ WARM_CALLS.toLocaleString( 'en' ) } × getToken('${ WARM_TYPE }')`,
		about: `After a first \`getToken('${ WARM_TYPE }')\` (not counted), ${ WARM_CALLS.toLocaleString( 'en' ) } more, ` +
			'each awaited before the next; the time per call is measured with `performance.now()` in the page, ' +
			`median of ${ WARM_RUNS } runs. Core's \`getToken\` returns a jQuery Deferred (jQuery 3.6 on 1.39, ` +
			'3.7 on 1.43), which runs its callbacks from `setTimeout`; awaiting one call after another nests ' +
			'those timers, and browsers hold nested timers to at least 4 ms (HTML standard). TokenCache returns ' +
			'native promises, which resolve in microtasks.',
		version: env.home.version,
		ours: show( runs.ours ),
		core: show( runs.core ),
		minimum: '0 requests',
		note: runs.ours.types.length > 0 ? `TokenCache sent ${ listRequests( runs.ours.types ) } for a type it had cached.` : undefined
	};
};

function formatMicroseconds( microseconds: number ): string {
	return microseconds >= 100 ? `${ ( microseconds / 1000 ).toFixed( 2 ) } ms` : `${ microseconds.toFixed( 2 ) } µs`;
}

/** Two consumers want tokens of the home wiki and of the foreign wiki, all in the same tick. */
const CROSS_WIKI_CONSUMERS = [
	{ home: [ 'csrf', 'rollback' ], foreign: [ 'csrf' ] },
	{ home: [ 'rollback' ], foreign: [ 'csrf', 'rollback' ] }
];

/**
 * 4. Cross-wiki: tokens for two endpoints at once, the second through `mw.ForeignApi` with the
 * browser's credentials (the user is logged in on both wikis).
 */
const crossWiki: BenchCase = async ( env ) => {
	const sent = await both( ( mode ) => withSession( env, { alsoLogInTo: env.foreign }, async ( { page, api } ) => {
		await page.evaluate( () => Promise.resolve( window.mw.loader.using( 'mediawiki.ForeignApi' ) ).then( () => undefined ) );
		await api.settled();
		api.clear();
		const tokens = await page.evaluate( ( input ) => Promise.all( input.consumers.map( ( wants ) => {
			const mw = window.mw;
			const home = input.mode === 'ours' ? mw.libs.tokenCache : new mw.Api();
			const foreignApi = new mw.ForeignApi( input.foreignApiUrl );
			const foreign = input.mode === 'ours' ? mw.libs.tokenCache.forApi( foreignApi ) : foreignApi;
			return Promise.all( wants.home.map( ( type ) => home.getToken( type ) )
				.concat( wants.foreign.map( ( type ) => foreign.getToken( type ) ) ) );
		} ) ), { mode, consumers: CROSS_WIKI_CONSUMERS, foreignApiUrl: env.foreign.apiUrl } );
		// Logged-in tokens from the foreign wiki show that the browser sent its cookies along.
		assertRealTokens( ( [] as unknown[] ).concat( ...tokens ), `cross-wiki (${ mode })` );
		const count = { home: await tokenRequests( api, env.home ), foreign: await tokenRequests( api, env.foreign ) };
		await assertForeignEditWorks( page, mode, env.foreign.apiUrl );
		return count;
	} ) );
	const show = ( types: typeof sent.ours ): Measure => ( {
		value: types.home.length + types.foreign.length,
		text: `${ requests( types.home.length + types.foreign.length ) } (${ types.home.length } + ${ types.foreign.length })`
	} );
	const { ours } = sent;
	return {
		label: 'cross-wiki: 2 consumers, 2 wikis',
		about: 'Logged in on both wikis, two consumers ask in the same tick for ' +
			CROSS_WIKI_CONSUMERS.map( ( wants, i ) => `${ 'AB'[ i ] }: home ${ wants.home.join( '+' ) }, foreign ${ wants.foreign.join( '+' ) }` ).join( '; ' ) + '; ' +
			'the foreign wiki (a second local wiki on another port) is reached with `new mw.ForeignApi( url )`, ' +
			'through `tokenCache.forApi()` for TokenCache. Counts are "home + foreign". The page embeds tokens of ' +
			'its own wiki only, so the foreign csrf needs a request. Afterwards one edit on the foreign wiki ' +
			'(not counted) checks that the tokens work with the browser\'s credentials.',
		version: env.home.version,
		ours: show( ours ),
		core: show( sent.core ),
		minimum: '2 requests (1 + 1)',
		note: ours.home.length > 1 || ours.foreign.length > 1 ?
			`TokenCache sent ${ listRequests( ours.home ) } to the home wiki and ${ listRequests( ours.foreign ) } to the foreign wiki.` :
			undefined
	};
};

/** The tokens really work across origins: one edit on the foreign wiki, in the same mode (not counted). */
async function assertForeignEditWorks( page: Page, mode: Mode, foreignApiUrl: string ): Promise<void> {
	const answer = await page.evaluate( ( input ) => {
		const mw = window.mw;
		const foreignApi = new mw.ForeignApi( input.foreignApiUrl );
		const params = { action: 'edit', title: 'Bench cross-wiki', appendtext: '\n* cross-wiki', summary: 'TokenCache bench: cross-wiki' };
		const post = input.mode === 'ours' ?
			mw.libs.tokenCache.forApi( foreignApi ).postWithToken( 'csrf', params ) :
			foreignApi.postWithToken( 'csrf', params );
		return Promise.resolve( post ).then(
			( response ) => String( response.edit && response.edit.result ),
			( error ) => String( error && error.code ? error.code : error )
		);
	}, { mode, foreignApiUrl } );
	if ( answer !== 'Success' ) {
		throw new Error( `cross-wiki (${ mode }): an edit on the foreign wiki with its token failed: ${ answer }` );
	}
}

/**
 * Gadgets on core mw.Api: the same page code, `new mw.Api()` only, once as it is ("core") and once with
 * the shield gadget loaded ("ours"). `loadShieldIfOurs( page, mode )` loads it in "ours" mode.
 */
async function loadShieldIfOurs( page: Page, mode: Mode ): Promise<void> {
	if ( mode === 'ours' ) {
		const replaced = await page.evaluate( () => {
			const before = window.mw.Api.prototype.postWithToken;
			return Promise.resolve( window.mw.loader.using( 'ext.gadget.TokenCacheShield' ) ).then( () => window.mw.Api.prototype.postWithToken !== before );
		} );
		if ( !replaced ) {
			throw new Error( 'the shield gadget did not replace mw.Api.prototype.postWithToken' );
		}
	}
}

/** `postWithToken('csrf')` edits of `titles` at once through each page's own `new mw.Api()`: 'Success' or the code. */
function legacyEdits( page: Page, titles: string[], summary: string ): Promise<string[]> {
	return page.evaluate( ( input ) => Promise.all( input.titles.map( ( title ) => new Promise<string>( ( resolve ) => {
		new window.mw.Api().postWithToken( 'csrf', { action: 'edit', title: title, appendtext: '\n* gadget', summary: input.summary } ).then(
			( response: { edit?: { result?: string } } ) => resolve( String( response.edit && response.edit.result ) ),
			( code: unknown ) => resolve( String( code ) )
		);
	} ) ) ), { titles, summary } );
}

/** 5. The page-load burst, by gadgets that only know `new mw.Api()`. */
const gadgetsBurst: BenchCase = async ( env ) => {
	const sent = await both( ( mode ) => withSession( env, {}, async ( { page, api } ) => {
		await loadShieldIfOurs( page, mode );
		await api.settled();
		api.clear();
		const tokens = await page.evaluate( ( consumers ) => Promise.all( consumers.map( ( types ) => {
			const gadgetApi = new window.mw.Api();
			return Promise.all( types.map( ( type ) => Promise.resolve( gadgetApi.getToken( type ) ) ) );
		} ) ), BURST_CONSUMERS );
		assertRealTokens( ( [] as unknown[] ).concat( ...tokens ), `gadgets' page-load burst (${ mode })` );
		return tokenRequests( api, env.home );
	} ) );
	const show = ( types: string[] ): Measure => ( { value: types.length, text: requests( types.length ) } );
	return {
		label: 'gadgets on core mw.Api, unshielded vs shielded: page-load burst, 7 types',
		about: 'The page-load burst above, but each consumer is a gadget that only knows `new mw.Api().getToken()`. ' +
			'"core mw.Api" runs it as it is; "TokenCache" runs the same code with the shield gadget loaded.',
		version: env.home.version,
		ours: show( sent.ours ),
		core: show( sent.core ),
		minimum: '1 request',
		note: sent.ours.length > 1 ? `The shield sent ${ listRequests( sent.ours ) } where one would do.` : undefined
	};
};

/** 6. The badtoken storm, by gadgets that only know `new mw.Api()`; anonymous edits counted too. */
const gadgetsStorm: BenchCase = async ( env ) => {
	const runs = await both( ( mode ) => withSession( env, { remember: true }, async ( { page, api, expireSession } ) => {
		await loadShieldIfOurs( page, mode );
		await expireSession();
		await api.settled();
		api.clear();
		const titles = Array.from( { length: STORM_EDITS }, ( _, i ) => `Bench gadget storm ${ mode } ${ i + 1 }` );
		const answers = await legacyEdits( page, titles, 'TokenCache bench: gadgets on core mw.Api, storm' );
		const failures = answers.filter( ( answer ) => answer !== 'Success' );
		return { types: await tokenRequests( api, env.home ), saved: answers.length - failures.length, failures, anonymous: await anonymousEdits( env.home, titles ) };
	} ) );
	const show = ( run: typeof runs.ours ): Measure => ( {
		value: run.types.length,
		text: `${ requests( run.types.length ) }, ${ run.saved }/${ STORM_EDITS } saved, ${ run.anonymous } anonymous` +
			( run.failures.length ? ` (${ summarize( run.failures ) })` : '' )
	} );
	const { ours } = runs;
	return {
		label: `gadgets on core mw.Api, unshielded vs shielded: badtoken storm, ${ STORM_EDITS } edits`,
		about: 'The badtoken storm above ("Keep me logged in", the session deleted on the server), but the edits come ' +
			'from gadget code that only knows `new mw.Api().postWithToken()`, without `assert`; "TokenCache" is the ' +
			'same code with the shield gadget loaded. Anonymous edits are counted in the wiki\'s recent changes.',
		version: env.home.version,
		ours: show( ours ),
		core: show( runs.core ),
		minimum: `1 request, ${ STORM_EDITS }/${ STORM_EDITS } saved, 0 anonymous`,
		note: ours.types.length > 1 || ours.saved < STORM_EDITS || ours.anonymous > 0 ?
			`The shield sent ${ listRequests( ours.types ) }, saved ${ ours.saved } of ${ STORM_EDITS } edits, ${ ours.anonymous } anonymously.` :
			undefined
	};
};

/** 7. A lost session (no "Keep me logged in"), then one edit by a gadget that only knows `new mw.Api()`. */
const gadgetsLostSession: BenchCase = async ( env ) => {
	const runs = await both( ( mode ) => withSession( env, {}, async ( { page, api, expireSession } ) => {
		await loadShieldIfOurs( page, mode );
		await expireSession();
		await api.settled();
		api.clear();
		const titles = [ `Bench gadget lost session ${ mode }` ];
		const [ answer ] = await legacyEdits( page, titles, 'TokenCache bench: gadgets on core mw.Api, lost session' );
		return { types: await tokenRequests( api, env.home ), answer, anonymous: await anonymousEdits( env.home, titles ) };
	} ) );
	const show = ( run: typeof runs.ours ): Measure => ( {
		value: run.anonymous,
		text: `${ run.anonymous } anonymous edit${ run.anonymous === 1 ? '' : 's' } (${ run.answer }), ${ requests( run.types.length ) }`
	} );
	return {
		label: 'gadgets on core mw.Api, unshielded vs shielded: edit after a lost session',
		about: 'Logged in without "Keep me logged in", the page loads, the session is deleted on the server (the user ' +
			'is now logged out), then gadget code that only knows `new mw.Api().postWithToken( \'csrf\', edit )`, without ' +
			'`assert`, saves a page. Core retries with the anonymous token and the edit is saved under the IP address; ' +
			'the shield asserts the user and rejects with `sessionlost`. "ours / core" compares anonymous edits.',
		version: env.home.version,
		ours: show( runs.ours ),
		core: show( runs.core ),
		minimum: '0 anonymous edits',
		note: runs.ours.anonymous > 0 ? `The shield let ${ runs.ours.anonymous } edit through anonymously.` : undefined
	};
};

export const BENCH_CASES: BenchCase[] = [
	pageLoadBurst, badtokenStorm, warmCache, crossWiki, gadgetsBurst, gadgetsStorm, gadgetsLostSession, ...WRITE_PATTERN_CASES
];
