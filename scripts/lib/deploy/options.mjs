// deploy's command line: where to publish and whether to write at all. The password is no option.
import { CliError, parseCommandLine } from '../cli.mjs';
import { CREDENTIALS_FILE } from './login.mjs';

/**
 * @typedef {Object} Options
 * @property {string | undefined} api
 * @property {string | undefined} username
 * @property {boolean} definition
 * @property {boolean} userPage
 * @property {boolean} dryRun
 */

/**
 * @param {string[]} argv
 * @return {Options | undefined} undefined for --help
 */
export function parseOptions( argv ) {
	if ( argv.some( ( arg ) => arg === '--password' || arg.startsWith( '--password=' ) ) ) {
		throw new CliError( 'deploy takes no --password flag (it would end up in your shell history and the ' +
			`process list): set TOKENCACHE_PASSWORD, or put it in ${ CREDENTIALS_FILE }`, 2 );
	}
	const values = parseCommandLine( argv, {
		api: { type: 'string' },
		username: { type: 'string' },
		definition: { type: 'boolean', default: false },
		'user-page': { type: 'boolean', default: false },
		'dry-run': { type: 'boolean', default: false }
	}, 'npm run deploy' );
	if ( !values ) {
		return undefined;
	}
	if ( values.definition && values[ 'user-page' ] ) {
		throw new CliError( '--definition is for the site gadgets; it cannot go with --user-page', 2 );
	}
	return {
		api: values.api,
		username: values.username,
		definition: Boolean( values.definition ),
		userPage: Boolean( values[ 'user-page' ] ),
		dryRun: Boolean( values[ 'dry-run' ] )
	};
}
