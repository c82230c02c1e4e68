// A temporary git clone of this repository for tests of the scripts that look at the work tree
// (`npm run deploy` refuses a dirty one, `npm start` rebuilds a stale dist/): HEAD, with this work
// tree's scripts/ committed on top and dist/ rebuilt if HEAD's is stale, so it is clean and committed
// like a fresh clone while this tree is being edited. Installed packages and the MediaWiki code trees
// are shared through links, not copied.
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../../scripts/lib/repository.mjs';

export interface ScriptResult {
	/** Exit code; null if a signal ended it. */
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface TempClone {
	dir: string;
	/** Runs git in the clone (with a committer identity) and returns its trimmed output. */
	git( ...args: string[] ): string;
	/** Commits everything that changed, if anything did. */
	commitAll( message: string ): void;
	/** Runs `node scripts/<name>.mjs args` in the clone, with `env` on top of a TOKENCACHE_*-free environment. */
	runScript( name: string, args: string[], env?: Record<string, string> ): Promise<ScriptResult>;
	remove(): void;
}

/** The environment without any TOKENCACHE_* variable of the person running the tests. */
export function cleanEnv( extra: Record<string, string> = {} ): NodeJS.ProcessEnv {
	const env = Object.fromEntries( Object.entries( process.env ).filter( ( [ key ] ) => !key.startsWith( 'TOKENCACHE_' ) ) );
	return { ...env, ...extra };
}

export function cloneWorkTree(): TempClone {
	const dir = mkdtempSync( path.join( os.tmpdir(), 'tokencache-clone-' ) );
	const git = ( ...args: string[] ): string => execFileSync( 'git', [
		'-c', 'user.name=TokenCache tests', '-c', 'user.email=tests@tokencache.invalid', ...args
	], { cwd: dir, encoding: 'utf8' } ).trim();
	const commitAll = ( message: string ): void => {
		git( 'add', '-A' );
		if ( git( 'status', '--porcelain' ) ) {
			git( 'commit', '--quiet', '-m', message );
		}
	};
	try {
		execFileSync( 'git', [ 'clone', '--quiet', ROOT, dir ] );
		cpSync( path.join( ROOT, 'scripts' ), path.join( dir, 'scripts' ), { recursive: true } );
		symlinkSync( path.join( ROOT, 'node_modules' ), path.join( dir, 'node_modules' ) );
		symlinkSync( path.join( ROOT, '.cache' ), path.join( dir, '.cache' ) );
		// .gitignore's "node_modules/" and "/.cache/" match folders, not links to them.
		appendFileSync( path.join( dir, '.git/info/exclude' ), '/node_modules\n/.cache\n' );
		commitAll( 'Scripts from the work tree under test' );
		execFileSync( process.execPath, [ 'build.mjs' ], { cwd: dir, stdio: 'ignore' } );
		commitAll( 'Rebuild dist/' );
	} catch ( error ) {
		rmSync( dir, { recursive: true, force: true } );
		throw error;
	}
	return {
		dir,
		git,
		commitAll,
		runScript: ( name, args, env = {} ) => new Promise( ( resolve ) => {
			execFile( process.execPath, [ path.join( 'scripts', `${ name }.mjs` ), ...args ], {
				cwd: dir, env: cleanEnv( env ), timeout: 45_000, encoding: 'utf8'
			}, ( error, stdout, stderr ) => {
				const code = error ? ( typeof error.code === 'number' ? error.code : null ) : 0;
				resolve( { code, stdout, stderr } );
			} );
		} ),
		remove: () => rmSync( dir, { recursive: true, force: true } )
	};
}
