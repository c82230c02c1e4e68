// Writes that bypass mw.Api's token methods, as widely used gadgets send them (the writers gadget of
// test/support/browser/writers.ts), after a lost session: one benchmark case per write pattern, counting
// the edits the wiki saved under the browser's IP address, unshielded and with the shield gadget.
import { prepareWriters, writeWithPattern } from '../test/support/browser/writerPage.js';
import { WRITE_PATTERNS, type WritePattern } from '../test/support/browser/writers.js';
import type { Measure } from './report.js';
import { anonymousEdits, both, withSession, type BenchCase } from './harness.js';

const FAMILY = 'anonymous edits after a lost session, per write pattern, unshielded vs shielded';

const ABOUT = `Logged in without "Keep me logged in", the page loads our own test gadget, which writes in the ${ Object.keys( WRITE_PATTERNS ).length } ` +
	'ways widely used gadgets do without `mw.Api`\'s token methods ' +
	`(${ Object.values( WRITE_PATTERNS ).join( '; ' ) }); the session is deleted on the server (the user is ` +
	'now logged out), then the gadget saves one page in one of these ways, a row for each. "core mw.Api" runs ' +
	'the gadget alone: a token it fetches now is the anonymous one, and the edit is saved under the IP ' +
	'address; the token the page embedded (`mw.user.tokens`) belongs to the lost session and is refused with ' +
	'`badtoken`. "TokenCache" runs it with the shield gadget loaded: token requests and token-carrying posts ' +
	'from jQuery and `fetch` assert the user, and a form is stopped before it leaves the page. A form\'s ' +
	'"posted" or "stopped" says whether its POST left the browser. Anonymous edits are counted in the ' +
	'wiki\'s recent changes; "ours / core" compares them.';

/** What a writer's answer says in the table: an API code or edit result, or what became of a form. */
function answerText( answer: string ): string {
	if ( /^sent /.test( answer ) ) {
		return 'form posted';
	}
	return answer === 'not sent' ? 'form stopped' : answer;
}

function writePatternAfterLostSession( pattern: WritePattern ): BenchCase {
	const benchCase: BenchCase = async ( env ) => {
		const runs = await both( ( mode ) => withSession( env, {}, async ( { page, expireSession } ) => {
			await prepareWriters( page, mode === 'ours' );
			await expireSession();
			const title = `Bench write pattern ${ pattern } ${ mode }`;
			const answer = await writeWithPattern( page, pattern, title, `* ${ WRITE_PATTERNS[ pattern ] }` );
			return { answer: answerText( answer ), anonymous: await anonymousEdits( env.home, [ title ] ) };
		} ) );
		const show = ( run: typeof runs.ours ): Measure => ( {
			value: run.anonymous,
			text: `${ run.anonymous } anonymous edit${ run.anonymous === 1 ? '' : 's' } (${ run.answer })`
		} );
		return {
			label: `${ FAMILY }: ${ WRITE_PATTERNS[ pattern ] }`,
			family: FAMILY,
			about: ABOUT,
			version: env.home.version,
			ours: show( runs.ours ),
			core: show( runs.core ),
			minimum: '0 anonymous edits',
			note: runs.ours.anonymous > 0 ?
				`The shield let ${ runs.ours.anonymous } edit${ runs.ours.anonymous === 1 ? '' : 's' } through anonymously (${ runs.ours.answer }).` :
				undefined
		};
	};
	// run.ts names a case that hangs by its function's name.
	return Object.defineProperty( benchCase, 'name', { value: `writePatternAfterLostSession(${ pattern })` } );
}

/** One case per pattern, each in a fresh browser context. */
export const WRITE_PATTERN_CASES: BenchCase[] = ( Object.keys( WRITE_PATTERNS ) as WritePattern[] ).map( writePatternAfterLostSession );
