// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CliError, parseCommandLine } from '../../scripts/lib/cli.mjs';
import { parseOptions as startOptions } from '../../scripts/lib/start/options.mjs';
import { parseOptions as deployOptions } from '../../scripts/lib/deploy/options.mjs';

const OPTIONS = { port: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } as const;

function failure( run: () => unknown ): { message: string; exitCode: number } | undefined {
	try {
		run();
	} catch ( error ) {
		expect( error ).toBeInstanceOf( CliError );
		return { message: ( error as CliError ).message, exitCode: ( error as CliError ).exitCode };
	}
	return undefined;
}

describe( 'the command line of npm start and npm run deploy', () => {
	it( 'reads the flags given, with the defaults of the others', () => {
		expect( parseCommandLine( [ '--port=8143' ], OPTIONS, 'npm start' ) ).toEqual( { port: '8143', 'dry-run': false, help: false } );
	} );

	it( 'answers undefined for --help, which every command takes', () => {
		expect( parseCommandLine( [ '--help' ], OPTIONS, 'npm start' ) ).toBeUndefined();
		expect( startOptions( [ '--help' ] ) ).toBeUndefined();
		expect( deployOptions( [ '--help' ] ) ).toBeUndefined();
	} );

	it( 'refuses unknown flags and positionals with exit code 2 and a hint naming the command', () => {
		expect( failure( () => parseCommandLine( [ '--bogus' ], OPTIONS, 'npm start' ) ) )
			.toEqual( { message: "Unknown option '--bogus' (npm start -- --help lists the options)", exitCode: 2 } );
		expect( failure( () => deployOptions( [ 'extra' ] ) ) ).toMatchObject( {
			message: expect.stringMatching( /^Unexpected argument 'extra'.*\(npm run deploy -- --help lists the options\)$/ ),
			exitCode: 2
		} );
	} );
} );
