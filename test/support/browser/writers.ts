// A consumer gadget that writes the ways widely used gadgets do, without mw.Api's token methods and
// knowing nothing of TokenCache: its own token request then a hand-built POST, mw.user.tokens read on
// every write, fetch, and a hidden index.php?action=submit form. Our own code, written to the patterns.
// It hands its writers to the integration tests and the benchmark through the hook `tokenCacheTest.writers`
// (writerPage.ts drives them).

export const WRITERS_GADGET = 'TokenCacheTestWriters';

/** The ways of writing, by the name the gadget gives each writer. */
export const WRITE_PATTERNS = {
	ownTokenPost: 'own meta=tokens request, then $.post',
	pageTokenAjax: 'mw.user.tokens, then $.ajax',
	fetchPost: 'fetch for the token and the POST',
	hiddenForm: 'hidden index.php?action=submit form, token from mw.Api().get',
	xhrTokenForm: 'hidden form, token from a plain XMLHttpRequest'
} as const;

export type WritePattern = keyof typeof WRITE_PATTERNS;

/** The writers that submit a form: the page navigates away, and what counts is whether the POST left. */
export const FORM_PATTERNS: readonly WritePattern[] = [ 'hiddenForm', 'xhrTokenForm' ];

/** ES5, as MediaWiki 1.39 requires of gadgets. Each writer resolves with the API's code or edit result. */
const CODE = `( function () {
	'use strict';
	var api = mw.util.wikiScript( 'api' );
	function outcome( data ) {
		return data && data.error ? data.error.code : data && data.edit ? data.edit.result : 'no answer';
	}
	function failed( xhr ) {
		return 'http ' + ( xhr && xhr.status );
	}
	function submitForm( title, text, token ) {
		var form = document.createElement( 'form' );
		var fields = { wpTextbox1: text, wpSummary: 'hidden form', wpEditToken: token, wpStarttime: '', wpEdittime: '',
			// EditPage refuses a form whose browser mangled unicode, and one whose last field is missing.
			wpUnicodeCheck: '\u2133\ud835\udcb2\u2665\ud835\udcca\ud835\udcc3\ud835\udcbe\ud835\udcb8\u2134\ud835\udcb9\u212f', wpUltimateParam: '1' };
		form.method = 'post';
		form.action = mw.util.wikiScript() + '?title=' + encodeURIComponent( title ) + '&action=submit';
		Object.keys( fields ).forEach( function ( name ) {
			var input = document.createElement( 'input' );
			input.type = 'hidden';
			input.name = name;
			input.value = fields[ name ];
			form.appendChild( input );
		} );
		document.body.appendChild( form );
		form.submit();
		return 'submitted';
	}
	var writers = {
		ownTokenPost: function ( title, text ) {
			return $.getJSON( api, { action: 'query', meta: 'tokens', format: 'json' } ).then( function ( data ) {
				if ( !data.query ) {
					return data;
				}
				return $.post( api, { action: 'edit', title: title, text: text, format: 'json', token: data.query.tokens.csrftoken } );
			} ).then( outcome, failed );
		},
		pageTokenAjax: function ( title, text ) {
			return $.ajax( { url: api, type: 'POST', dataType: 'json', data: {
				action: 'edit', title: title, text: text, format: 'json', token: mw.user.tokens.get( 'csrfToken' )
			} } ).then( outcome, failed );
		},
		fetchPost: function ( title, text ) {
			return fetch( api + '?action=query&meta=tokens&format=json', { credentials: 'same-origin' } ).then( function ( response ) {
				return response.json();
			} ).then( function ( data ) {
				if ( !data.query ) {
					return data;
				}
				var body = new URLSearchParams();
				body.append( 'action', 'edit' );
				body.append( 'title', title );
				body.append( 'text', text );
				body.append( 'format', 'json' );
				body.append( 'token', data.query.tokens.csrftoken );
				return fetch( api, { method: 'POST', body: body, credentials: 'same-origin' } ).then( function ( response ) {
					return response.json();
				} );
			} ).then( outcome );
		},
		hiddenForm: function ( title, text ) {
			return new mw.Api().get( { action: 'query', meta: 'tokens' } ).then( function ( data ) {
				return submitForm( title, text, data.query.tokens.csrftoken );
			}, function ( code ) {
				return code;
			} );
		},
		xhrTokenForm: function ( title, text ) {
			return new Promise( function ( resolve ) {
				var xhr = new XMLHttpRequest();
				xhr.open( 'GET', api + '?action=query&meta=tokens&format=json' );
				xhr.onload = function () {
					resolve( submitForm( title, text, JSON.parse( xhr.responseText ).query.tokens.csrftoken ) );
				};
				xhr.send();
			} );
		}
	};
	mw.hook( 'tokenCacheTest.writers' ).fire( writers );
}() );
`;

/** In the form `installTokenCache` takes (scripts/lib/gadget.mjs): hidden, loaded by the tests with mw.loader.using. */
export const WRITERS_GADGET_SPEC = {
	name: WRITERS_GADGET,
	code: CODE,
	definition: `* ${ WRITERS_GADGET }[ResourceLoader|hidden|dependencies=mediawiki.api,mediawiki.util]|${ WRITERS_GADGET }.js`
};
