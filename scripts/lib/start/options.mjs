// npm start's command line: which MediaWiki, on which port, with its data where.
import path from 'node:path';
import { CliError, parseCommandLine } from '../cli.mjs';
import { ROOT } from '../repository.mjs';

export const VERSIONS = [ '1.39', '1.43' ];
export const DEFAULT_VERSION = '1.43';
/** For a new wiki; a wiki made earlier keeps the port it was made for. */
export const DEFAULT_PORTS = { 1.39: 8139, 1.43: 8143 };

/**
 * @typedef {Object} Options
 * @property {'1.39' | '1.43'} version
 * @property {number | undefined} port
 * @property {string} dir
 */

/**
 * @param {string[]} argv
 * @return {Options | undefined} undefined for --help
 */
export function parseOptions( argv ) {
	const values = parseCommandLine( argv, {
		mw: { type: 'string' },
		port: { type: 'string' },
		dir: { type: 'string' }
	}, 'npm start' );
	if ( !values ) {
		return undefined;
	}
	const version = values.mw ?? process.env.TOKENCACHE_MW ?? DEFAULT_VERSION;
	if ( !VERSIONS.includes( version ) ) {
		throw new CliError( `unknown MediaWiki version "${ version }": use --mw=1.39 or --mw=1.43`, 2 );
	}
	let port;
	if ( values.port !== undefined ) {
		port = Number( values.port );
		if ( !Number.isInteger( port ) || port < 1 || port > 65535 ) {
			throw new CliError( `--port must be a port number (1-65535), not "${ values.port }"`, 2 );
		}
	}
	return {
		version: /** @type {'1.39' | '1.43'} */ ( version ),
		port,
		dir: path.resolve( ROOT, values.dir ?? `.wikis/start-${ version }` )
	};
}
