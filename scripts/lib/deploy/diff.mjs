// --dry-run: what a run would write, as unified diffs, and nothing written.
import { CliError } from '../cli.mjs';
import { unifiedDiff } from '../publish.mjs';
import { say } from './output.mjs';

/**
 * The unified diff of every change, and whether a real run would fail.
 *
 * @param {import('./plan.mjs').Plan} plan
 */
export async function showDiff( plan ) {
	for ( const change of plan.changes ) {
		const diff = await unifiedDiff( change );
		say( diff ? `${ change.page.title } would change (summary "${ change.summary }"):` : `${ change.page.title } is up to date` );
		process.stdout.write( diff );
	}
	if ( plan.rightsProblem ) {
		throw new CliError( `a real run would fail: ${ plan.rightsProblem }` );
	}
	say( 'dry run: nothing was written' );
}
