// What npm start prints: progress on stdout, warnings on stderr, each line marked "start:", with paths
// short inside the repository.
import path from 'node:path';
import { ROOT } from '../repository.mjs';

/** @param {string} message */
export function say( message ) {
	console.log( `start: ${ message }` );
}

/** @param {string} message */
export function warn( message ) {
	console.error( `start: warning: ${ message }` );
}

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
