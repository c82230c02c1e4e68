// Whether the logged-in account may make the changes, checked for all of them before the first write,
// and if not, which group or bot password grant it lacks.

/** For each right a change may need: the bot password grant and the user group that give it. */
const RIGHT_SOURCES = {
	edit: { grant: 'editpage ("Edit existing pages")', group: 'user' },
	createpage: { grant: 'createeditmovepage ("Create, edit, and move pages")', group: 'user' },
	editinterface: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editsitejs: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editsitecss: { grant: 'editsiteconfig ("Edit sitewide and user CSS/JS")', group: 'interface-admin (interface administrators)' },
	editmyuserjs: { grant: 'editmycssjs ("Edit your user CSS/JSON/JavaScript")', group: 'user' },
	editmyusercss: { grant: 'editmycssjs ("Edit your user CSS/JSON/JavaScript")', group: 'user' }
};

/**
 * The rights a change needs: MediaWiki:*.js is site JavaScript, User:Me/*.js one's own.
 *
 * @param {import('./changes.mjs').Change} change
 * @return {string[]} keys of RIGHT_SOURCES
 */
function requiredRights( change ) {
	const rights = [ 'edit' ];
	if ( !change.page.exists ) {
		rights.push( 'createpage' );
	}
	const title = change.page.title;
	const kind = title.endsWith( '.js' ) ? 'js' : title.endsWith( '.css' ) ? 'css' : '';
	if ( title.startsWith( 'MediaWiki:' ) ) {
		rights.push( 'editinterface' );
		if ( kind ) {
			rights.push( kind === 'js' ? 'editsitejs' : 'editsitecss' );
		}
	} else if ( kind ) {
		rights.push( kind === 'js' ? 'editmyuserjs' : 'editmyusercss' );
	}
	return rights;
}

/**
 * @param {string[]} rights
 * @return {string} e.g. 'the rights "createpage", "editsitejs"'
 */
function rightsText( rights ) {
	return `the ${ rights.length > 1 ? 'rights' : 'right' } ${ rights.map( ( right ) => `"${ right }"` ).join( ', ' ) }`;
}

/**
 * Why this session may not make the changes, or undefined if it may.
 *
 * @param {import('./changes.mjs').Change[]} changes
 * @param {import('./wikiApi.mjs').Account} account
 * @param {string} username As logged in, e.g. Admin@deploy.
 * @return {string | undefined}
 */
export function rightsProblem( changes, account, username ) {
	for ( const change of changes ) {
		const missing = requiredRights( change ).filter( ( right ) => !account.rights.has( right ) );
		if ( !missing.length ) {
			continue;
		}
		const start = `${ username } may not ${ change.page.exists ? 'edit' : 'create' } ${ change.page.title }: `;
		// Grants cannot give what the user's groups do not.
		const userMissing = missing.filter( ( right ) => !account.userRights.has( right ) );
		if ( userMissing.length ) {
			const groups = [ ...new Set( userMissing.map( ( right ) => RIGHT_SOURCES[ right ].group ) ) ];
			return start + `the user ${ account.name } (groups: ${ account.groups.join( ', ' ) }) lacks ${ rightsText( userMissing ) }, ` +
				`which ${ userMissing.length > 1 ? 'come' : 'comes' } with the group ${ groups.join( ' and ' ) }` +
				( userMissing.includes( 'editsitejs' ) ? '; or publish to your own user pages with --user-page' : '' );
		}
		const app = username.includes( '@' ) ? username.slice( username.indexOf( '@' ) + 1 ) : '';
		const grants = [ ...new Set( missing.map( ( right ) => RIGHT_SOURCES[ right ].grant ) ) ];
		return start + `the bot password lacks ${ rightsText( missing ) }: give it the ${ grants.length > 1 ? 'grants' : 'grant' } ` +
			`${ grants.join( ' and ' ) } at Special:BotPasswords${ app ? `/${ app }` : '' }`;
	}
	return undefined;
}
