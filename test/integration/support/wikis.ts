// vitest globalSetup for the integration tests: provisions the machine, then creates and serves
// three fresh wikis under .wikis/test/ with the built gadget from dist/ installed, and tells the
// tests where they are through provide/inject. Tests reach a wiki's maintenance scripts and SQLite
// files with `maintenance(info)`.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { DEBUG_GADGET } from '../../../gadgets.mjs';
import { readGadgetsIn } from '../../../scripts/lib/distGadgets.mjs';
import { installTokenCache } from '../../../scripts/lib/gadget.mjs';
import { ROOT } from '../../../scripts/lib/repository.mjs';
import { CONSUMER_GADGETS } from '../../support/browser/consumers.js';
import { WRITERS_GADGET_SPEC } from '../../support/browser/writers.js';
import { createWiki, openWiki, type Wiki } from '../../../scripts/lib/wiki.mjs';

/** Where the wikis live; TOKENCACHE_WIKIS_DIR puts them elsewhere (e.g. two runs side by side). */
const WIKIS_DIR = path.resolve( ROOT, process.env.TOKENCACHE_WIKIS_DIR ?? '.wikis/test' );
const DIST_DIR = path.join( ROOT, 'dist' );

export type WikiName = 'wiki139' | 'wiki143' | 'wiki143b';

/** The debug gadget's name: its link and panel, and the library as its dependency. */
export { DEBUG_GADGET };

/** Each wiki has its own dbName: cookies ignore ports, and cookie names derive from it. */
const SPECS: { name: WikiName; version: '1.39' | '1.43' }[] = [
	{ name: 'wiki139', version: '1.39' },
	{ name: 'wiki143', version: '1.43' },
	// A second 1.43, the "foreign" wiki for cross-wiki (mw.ForeignApi) tests.
	{ name: 'wiki143b', version: '1.43' }
];

export const USERS = {
	/** sysop, interface-admin, bureaucrat (made so by the installer); has the debug gadget on, as Alice. */
	admin: { name: 'Admin', password: 'Admin-pass-TokenCache-1' },
	/**
	 * No groups beyond user; a gadget developer with the debug gadget (TokenCacheDebug) switched on, so
	 * her pages load the library (its dependency) and have the debug link.
	 */
	alice: { name: 'Alice', password: 'Alice-pass-TokenCache-1' },
	/**
	 * No groups beyond user; has the consumer gadgets (test/support/browser/consumers.ts) switched on, not
	 * the debug gadget: the library loads as their dependency, and there is no debug link.
	 */
	dana: { name: 'Dana', password: 'Dana-pass-TokenCache-1' }
} as const;

/** What tests learn about one wiki (serialisable). */
export interface WikiInfo {
	name: WikiName;
	version: '1.39' | '1.43';
	/** Debian package version of the code, e.g. 1:1.43.9+dfsg-1~deb13u1. */
	packageVersion: string;
	url: string;
	apiUrl: string;
	port: number;
	dbName: string;
	/** Instance directory, for `maintenance(info)`. */
	dir: string;
	/** e.g. wiki143_session */
	sessionCookieName: string;
	/** The "Keep me logged in" cookie, e.g. wiki143Token */
	tokenCookieName: string;
	users: typeof USERS;
}

declare module 'vitest' {
	export interface ProvidedContext {
		wikis: Record<WikiName, WikiInfo>;
	}
}

/** In a test: where a wiki is. */
export function wikiInfo( name: WikiName ): WikiInfo {
	return inject( 'wikis' )[ name ];
}

/** In a test: maintenance scripts, SQL and session expiry for a wiki (its server runs elsewhere). */
export function maintenance( info: WikiInfo ): Wiki {
	return openWiki( info.dir );
}

export default async function setup( project: TestProject ): Promise<() => Promise<void>> {
	const started = performance.now();
	const seconds = (): string => ( ( performance.now() - started ) / 1000 ).toFixed( 1 );

	try {
		execFileSync( 'bash', [ path.join( ROOT, 'scripts/provision.sh' ) ], { stdio: 'inherit' } );
	} catch {
		throw new Error( 'scripts/provision.sh failed (its message is above): the integration tests need PHP, Chromium and the MediaWiki trees' );
	}
	// Every file the gadget definitions name is there, or it says to run npm run build.
	await readGadgetsIn( DIST_DIR );

	// Fresh wikis each run; first stop servers a killed earlier run may have left behind.
	for ( const { name } of SPECS ) {
		if ( existsSync( path.join( WIKIS_DIR, name, 'instance.json' ) ) ) {
			await openWiki( path.join( WIKIS_DIR, name ) ).stop();
		}
	}
	rmSync( WIKIS_DIR, { recursive: true, force: true } );

	const wikis: Wiki[] = [];
	const results = await Promise.allSettled( SPECS.map( async ( { name, version } ) => {
		const wiki = await createWiki( {
			version, dir: path.join( WIKIS_DIR, name ), dbName: name, adminPassword: USERS.admin.password
		} );
		wikis.push( wiki );
		await wiki.createUser( USERS.alice.name, USERS.alice.password );
		await wiki.setUserOption( USERS.alice.name, `gadget-${ DEBUG_GADGET }`, '1' );
		await wiki.setUserOption( USERS.admin.name, `gadget-${ DEBUG_GADGET }`, '1' );
		await wiki.createUser( USERS.dana.name, USERS.dana.password );
		for ( const gadget of CONSUMER_GADGETS ) {
			await wiki.setUserOption( USERS.dana.name, `gadget-${ gadget.name }`, '1' );
		}
		await installTokenCache( wiki, { distDir: DIST_DIR, consumerGadgets: [ ...CONSUMER_GADGETS, WRITERS_GADGET_SPEC ] } );
		await wiki.start();
		return describeWiki( name, wiki );
	} ) );
	const failure = results.find( ( result ) => result.status === 'rejected' );
	if ( failure ) {
		await Promise.all( wikis.map( ( wiki ) => wiki.stop() ) );
		throw failure.reason;
	}
	const infos = results.map( ( result ) => ( result as PromiseFulfilledResult<WikiInfo> ).value );
	project.provide( 'wikis', Object.fromEntries( infos.map( ( i ) => [ i.name, i ] ) ) as Record<WikiName, WikiInfo> );
	console.log( `integration wikis ready in ${ seconds() } s: ${ infos.map( ( i ) => `${ i.name } ${ i.url }` ).join( ', ' ) }` );

	return async () => {
		await Promise.all( wikis.map( ( wiki ) => wiki.stop() ) );
	};
}

function describeWiki( name: WikiName, wiki: Wiki ): WikiInfo {
	return {
		name,
		version: wiki.version,
		packageVersion: wiki.packageVersion,
		url: wiki.url,
		apiUrl: wiki.apiUrl,
		port: wiki.port,
		dbName: wiki.dbName,
		dir: wiki.dir,
		sessionCookieName: wiki.sessionCookieName,
		tokenCookieName: wiki.tokenCookieName,
		users: USERS
	};
}
