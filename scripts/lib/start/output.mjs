// What npm start prints, each line marked "start:", with paths short inside the repository.
import path from 'node:path';
import { commandOutput } from '../cli.mjs';
import { ROOT } from '../repository.mjs';

export const { say, warn } = commandOutput( 'start' );

/**
 * A path as messages show it: short inside the repository.
 *
 * @param {string} dir
 * @return {string} relative to the repository if inside it, else as given
 */
export function displayPath( dir ) {
	const relative = path.relative( ROOT, dir );
	return relative && !relative.startsWith( '..' ) ? relative : dir;
}
