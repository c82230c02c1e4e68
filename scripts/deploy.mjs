// `npm run deploy`: publishes the built gadget files in dist/ to a wiki over its API, logged in with a
// bot password. Publishes only a clean work tree whose dist/ matches a fresh build of src/, checks the
// account's rights before writing anything, and names version and commit in every edit summary.
// The steps live in scripts/lib/deploy/: options, login, workTree, then plan, and diff or apply.
import { runCommand } from './lib/cli.mjs';
import { DEFINITIONS_PAGE } from './lib/gadgetDefinitions.mjs';
import { apply, sayHowToLoad } from './lib/deploy/apply.mjs';
import { SECTION_PAGE } from './lib/deploy/changes.mjs';
import { showDiff } from './lib/deploy/diff.mjs';
import { CREDENTIALS_FILE, readLogin } from './lib/deploy/login.mjs';
import { parseOptions } from './lib/deploy/options.mjs';
import { makePlan } from './lib/deploy/plan.mjs';
import { checkCommitted } from './lib/deploy/workTree.mjs';

const USAGE = `Usage: npm run deploy -- [options]

Publishes the gadget files in dist/ (the library TokenCache.js, the debug gadget TokenCacheDebug.js,
and the shield's TokenCache-guards.js and TokenCache-shield.js) to a wiki over its API, logged in with a
bot password (Special:BotPasswords on the wiki).

Where (default: MediaWiki:Gadget-<file> for each of them):
  --definition        also add or update the TokenCache lines of ${ DEFINITIONS_PAGE }
                      (from dist/Gadgets-definition.txt; other lines are left alone, the lines
                      of gadgets of earlier releases are taken out) and publish the description
                      pages of dist/Gadget-descriptions.json (${ SECTION_PAGE }
                      and its language versions only if missing: other gadgets may share it)
  --user-page         publish to User:<you>/TokenCache.js (and the other files beside it) instead,
                      to load from your common.js

Options:
  --api <url>         the wiki's api.php, e.g. http://127.0.0.1:8143/api.php  [env TOKENCACHE_API]
  --username <name>   the bot password's login name, e.g. Admin@deploy         [env TOKENCACHE_USERNAME]
  --dry-run           print a unified diff against the wiki's current pages and change nothing
                      (works without a password too: then rights are not checked)
  --help              show this text

The password is read only from the environment variable TOKENCACHE_PASSWORD or from
${ CREDENTIALS_FILE } in the repository root (git-ignored; chmod 600), never from a flag:
  { "api": "…/api.php", "username": "Admin@deploy", "password": "…" }

Rights: MediaWiki:*.js pages need an interface administrator and a bot password with the grant
"Edit sitewide and user CSS/JS" (editsiteconfig); --user-page needs "Edit your user CSS/JSON/
JavaScript" (editmycssjs); pages that do not exist yet also need "Create, edit, and move pages"
(createeditmovepage).

Publishes only a clean work tree (git status shows nothing) whose dist/ matches a fresh build of src/.`;

/**
 * @param {string[]} argv
 */
async function main( argv ) {
	const options = parseOptions( argv );
	if ( !options ) {
		console.log( USAGE );
		return;
	}
	const login = await readLogin( options );
	await checkCommitted();
	const plan = await makePlan( options, login );
	if ( options.dryRun ) {
		await showDiff( plan );
		return;
	}
	await apply( plan, login );
	if ( options.userPage ) {
		sayHowToLoad( login, plan.titleOf );
	}
}

await runCommand( 'deploy', () => main( process.argv.slice( 2 ) ) );
