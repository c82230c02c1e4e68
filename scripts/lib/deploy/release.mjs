// What this commit publishes: the gadget files of dist/, named by version and commit.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readDistGadgets } from '../distGadgets.mjs';
import { ROOT } from '../repository.mjs';
import { git } from './workTree.mjs';

/**
 * @typedef {Object} Release What this commit publishes.
 * @property {string} version Of package.json, e.g. "1.0.0".
 * @property {import('../distGadgets.mjs').DistGadgets} gadgets
 * @property {string} summary The edit summary, e.g. "TokenCache 1.0.0 (abc1234)".
 */

/**
 * @return {Promise<Release>}
 */
export async function readRelease() {
	const version = JSON.parse( await readFile( path.join( ROOT, 'package.json' ), 'utf8' ) ).version;
	const gadgets = await readDistGadgets( ROOT );
	return { version, gadgets, summary: `TokenCache ${ version } (${ await git( 'rev-parse', '--short', 'HEAD' ) })` };
}
