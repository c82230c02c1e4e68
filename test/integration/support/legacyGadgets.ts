// Gadgets as they are on wikis today: ES5 scripts written only against core's `new mw.Api()`, knowing
// nothing of TokenCache. Tests add them to a page with `page.addScriptTag( { content } )`; each records
// what it got in `window.legacyOutcomes` (never a token: `real`, `anonymous`, or an error code).

export interface LegacyOutcome {
	gadget: string;
	subject: string;
	outcome: string;
}

const RECORD = `function record( gadget, subject, outcome ) {
		( window.legacyOutcomes = window.legacyOutcomes || [] ).push( { gadget: gadget, subject: subject, outcome: outcome } );
	}`;

/** Saves `text` at the end of each page at once, as most gadgets write it: postWithToken, no assert. */
export function legacyEditor( name: string, titles: string[], text: string ): string {
	return `( function () {
	${ RECORD }
	var api = new mw.Api();
	${ JSON.stringify( titles ) }.forEach( function ( title ) {
		api.postWithToken( 'csrf', { action: 'edit', title: title, appendtext: ${ JSON.stringify( text ) }, formatversion: 2 } ).then( function ( result ) {
			record( ${ JSON.stringify( name ) }, title, result.edit.result );
		}, function ( code ) {
			record( ${ JSON.stringify( name ) }, title, code );
		} );
	} );
}() );`;
}

/** Asks for tokens as it loads, one getToken call per type. */
export function legacyTokenUser( name: string, types: string[] ): string {
	return `( function () {
	${ RECORD }
	var api = new mw.Api();
	${ JSON.stringify( types ) }.forEach( function ( type ) {
		api.getToken( type ).then( function ( token ) {
			record( ${ JSON.stringify( name ) }, type, token === '+\\\\' ? 'anonymous' : 'real' );
		}, function ( code ) {
			record( ${ JSON.stringify( name ) }, type, code );
		} );
	} );
}() );`;
}

/** Edits a page on another wiki through mw.ForeignApi. */
export function legacyForeignEditor( name: string, apiUrl: string, title: string, text: string ): string {
	return `( function () {
	${ RECORD }
	mw.loader.using( 'mediawiki.ForeignApi' ).then( function () {
		return new mw.ForeignApi( ${ JSON.stringify( apiUrl ) } ).postWithToken( 'csrf', { action: 'edit', title: ${ JSON.stringify( title ) }, text: ${ JSON.stringify( text ) }, formatversion: 2 } );
	} ).then( function ( result ) {
		record( ${ JSON.stringify( name ) }, ${ JSON.stringify( title ) }, result.edit.result );
	}, function ( code ) {
		record( ${ JSON.stringify( name ) }, ${ JSON.stringify( title ) }, code );
	} );
}() );`;
}

/** Rolls back the last editor's edits with core's api.rollback(). */
export function legacyRollbacker( name: string, title: string, user: string ): string {
	return `( function () {
	${ RECORD }
	new mw.Api().rollback( ${ JSON.stringify( title ) }, ${ JSON.stringify( user ) } ).then( function () {
		record( ${ JSON.stringify( name ) }, ${ JSON.stringify( title ) }, 'rolledback' );
	}, function ( code ) {
		record( ${ JSON.stringify( name ) }, ${ JSON.stringify( title ) }, code );
	} );
}() );`;
}
