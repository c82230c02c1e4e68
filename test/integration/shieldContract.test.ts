// Core mw.Api's token contract (support/coreContract.ts) on real MediaWiki 1.39 and 1.43, run by a
// page's own `new mw.Api()`: once against core, once with the shield gadget loaded. Both must pass
// every shared case; the differences are checked for each mode.
import { describe, test } from 'vitest';
import { useBrowser } from './support/useBrowser.js';
import { DIFFERENCES, type Mode, type Outcome, OUTCOME_HELPER, SHARED_CASES, shieldPage } from './support/coreContract.js';
import { inScenario } from './support/scenario.js';
import { USERS, wikiInfo, type WikiName } from './support/wikis.js';

const browser = useBrowser();

describe.each<WikiName>( [ 'wiki139', 'wiki143' ] )( 'on %s', ( name ) => {
	const wiki = wikiInfo( name );
	describe.each<Mode>( [ 'core', 'shielded' ] )( 'mw.Api, %s', ( mode ) => {
		test.each( [ ...SHARED_CASES, ...DIFFERENCES ].map( ( c ) => [ c.name, c ] as const ) )( '%s', ( _name, contractCase ) => inScenario( browser(), wiki, async ( s ) => {
			const title = `Shield contract ${ name } ${ mode } ${ SHARED_CASES.concat( DIFFERENCES ).indexOf( contractCase ) }`;
			await s.signIn( USERS.alice );
			if ( mode === 'shielded' ) {
				await shieldPage( s.page );
			}
			await s.page.evaluate( OUTCOME_HELPER );
			await s.api.settled();
			s.api.clear();
			const outcome = await s.page.evaluate( ( { source, pageTitle, wikiUrl } ) => {
				// eslint-disable-next-line no-eval -- the case's own function, serialized as page.evaluate would
				const run = ( 0, eval )( `(${ source })` );
				return ( window as unknown as { contractOutcome( promise: unknown ): Promise<Outcome> } ).contractOutcome( run( new window.mw.Api(), pageTitle, wikiUrl ) );
			}, { source: contractCase.run.toString(), pageTitle: title, wikiUrl: wiki.url } );
			await s.api.settled();
			await contractCase.check( outcome, { mode, wiki, title, api: s.api } );
		}, { expectedConsoleErrors: contractCase.consoleErrors } ) );
	} );
} );
