// --dry-run: what a run would write, as unified diffs, and nothing written.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CliError } from '../cli.mjs';
import { say } from './output.mjs';

/**
 * A unified diff of the wiki's page against the new text ('' when they are the same).
 *
 * @param {import('./changes.mjs').Change} change
 * @return {Promise<string>}
 */
async function unifiedDiff( change ) {
	const dir = await mkdtemp( path.join( os.tmpdir(), 'tokencache-diff-' ) );
	try {
		const before = path.join( dir, 'before' );
		const after = path.join( dir, 'after' );
		await writeFile( before, change.page.exists ? change.page.text.trimEnd() + '\n' : '' );
		await writeFile( after, change.text.trimEnd() + '\n' );
		const label = change.page.exists ?
			`${ change.page.title } (revision ${ change.page.revid } on the wiki)` :
			`${ change.page.title } (does not exist on the wiki)`;
		try {
			await promisify( execFile )( 'diff', [ '-u', '--label', label, '--label', change.source, before, after ],
				{ maxBuffer: 64 * 1024 * 1024 } );
			return '';
		} catch ( error ) {
			// diff exits 1 when the files differ.
			const { code, stdout } = /** @type {{ code?: number, stdout?: string }} */ ( error );
			if ( code === 1 && stdout !== undefined ) {
				return stdout;
			}
			throw new CliError( `diff failed: ${ /** @type {Error} */ ( error ).message }` );
		}
	} finally {
		await rm( dir, { recursive: true, force: true } );
	}
}

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
