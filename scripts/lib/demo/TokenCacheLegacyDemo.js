// <nowiki>
/* TokenCacheLegacyDemo: a gadget as most gadgets on wikis are written today. It knows nothing of
 * TokenCache: it edits with core's new mw.Api().postWithToken(), without assert. `npm start` installs
 * it from scripts/lib/demo/TokenCacheLegacyDemo.js. ECMAScript 5 only (MediaWiki 1.39). */
( function () {
	'use strict';

	var SANDBOX = 'TokenCache demo/Legacy sandbox';

	function report( text, type ) {
		$( '#tokencache-legacy-result' ).text( text );
		mw.notify( text, { type: type, tag: 'tokencache-legacy-demo' } );
	}

	function append() {
		var api = new mw.Api();
		return api.postWithToken( 'csrf', {
			action: 'edit',
			title: SANDBOX,
			appendtext: '\n* Appended by the legacy gadget at ~~~~~',
			summary: 'Legacy gadget: core mw.Api postWithToken'
		} ).then( function ( response ) {
			// Who saved it, as the wiki recorded it.
			return api.get( { action: 'query', prop: 'revisions', revids: response.edit.newrevid, rvprop: 'user', formatversion: 2 } ).then( function ( data ) {
				var revision = data.query.pages[ 0 ].revisions[ 0 ];
				if ( revision.anon ) {
					report( 'Saved revision ' + response.edit.newrevid + ' anonymously, under the IP address ' + revision.user + '.', 'warn' );
				} else {
					report( 'Saved revision ' + response.edit.newrevid + ' as ' + revision.user + '.', 'success' );
				}
			} );
		}, function ( code ) {
			report( 'Not saved: ' + code + '.', 'error' );
		} );
	}

	mw.hook( 'wikipage.content' ).add( function ( $content ) {
		$content.find( '#tokencache-legacy-demo' ).empty().append(
			$( '<button>' ).attr( { type: 'button', id: 'tokencache-legacy-append' } ).text( 'Append with new mw.Api()' ).on( 'click', append ),
			' ',
			$( '<span>' ).attr( 'id', 'tokencache-legacy-result' )
		);
	} );
}() );
// </nowiki>
