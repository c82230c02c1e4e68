// <nowiki>
/* TokenCacheDemo: a small gadget that uses TokenCache the way other gadgets do. `npm start` installs it
 * from scripts/lib/demo/TokenCacheDemo.js on every start. ECMAScript 5 only: MediaWiki 1.39 rejects
 * newer syntax in gadgets. */
( function () {
	'use strict';

	var SANDBOX = 'TokenCache demo/Sandbox';
	// The definition line declares dependencies=ext.gadget.TokenCache: it has loaded before this runs.
	var tokenCache = mw.libs.tokenCache;

	function notify( content, type ) {
		mw.notify( content, { type: type || 'info', tag: 'tokencache-demo' } );
	}

	function appendToSandbox() {
		return tokenCache.postWithToken( 'csrf', {
			action: 'edit',
			title: SANDBOX,
			appendtext: '\n* Appended by the TokenCache demo gadget at ~~~~~',
			summary: 'TokenCache demo: postWithToken'
		} ).then( function ( response ) {
			var revision = response.edit.newrevid;
			var link = $( '<a>' ).attr( 'href', mw.util.getUrl( SANDBOX, { oldid: revision } ) ).text( 'revision ' + revision );
			notify( $( '<span>' ).append( 'Saved ', link, ' of ' + SANDBOX + '.' ), 'success' );
		}, function ( error ) {
			notify( 'Not saved: ' + error.code + ' (' + error.info + ')', 'error' );
		} );
	}

	function showTokens() {
		var entries = tokenCache.snapshot();
		// The full objects, for a closer look; they hold masked tokens only.
		console.log( 'mw.libs.tokenCache.snapshot():', entries );
		if ( !entries.length ) {
			notify( 'No token cached yet: append to the sandbox first.' );
			return;
		}
		notify( $( '<ul>' ).append( entries.map( function ( entry ) {
			return $( '<li>' ).text( entry.type + ': ' + entry.masked + ' (' + entry.source + ', served ' +
				entry.served + ' times, refreshed ' + entry.refreshed + ' times)' );
		} ) ) );
	}

	function button( label, action ) {
		return $( '<button>' ).attr( 'type', 'button' ).text( label ).on( 'click', function () {
			var node = this;
			var result = action();
			if ( result && typeof result.then === 'function' ) {
				node.disabled = true;
				result.then( function () {
					node.disabled = false;
				} );
			}
		} );
	}

	var portletLink = mw.util.addPortletLink( 'p-tb', '#', 'Demo: append to sandbox', 't-tokencache-demo',
		'Append a line to ' + SANDBOX + ' with mw.libs.tokenCache.postWithToken' );
	$( portletLink ).on( 'click', function ( event ) {
		event.preventDefault();
		appendToSandbox();
	} );

	// The shield is off until switched on here (or made a default gadget): then core's mw.Api, as the
	// legacy demo gadget uses it, goes through TokenCache.
	var shield = null;
	function showShield( $button ) {
		$button.text( shield ? 'Shield is on: switch it off' : 'Shield is off: switch it on' );
	}
	function shieldSwitch() {
		var $button = $( '<button>' ).attr( { type: 'button', id: 'tokencache-demo-shield-switch' } );
		showShield( $button );
		$button.on( 'click', function () {
			if ( shield ) {
				shield.unshield();
				shield = null;
				showShield( $button );
				return;
			}
			$button.prop( 'disabled', true );
			tokenCache.shieldCoreApi().then( function ( handle ) {
				shield = handle;
			}, function ( error ) {
				notify( 'No shield: ' + error.code + ' (' + error.info + ')', 'error' );
			} ).then( function () {
				$button.prop( 'disabled', false );
				showShield( $button );
			} );
		} );
		if ( mw.loader.getState( 'ext.gadget.TokenCacheShield' ) === 'ready' ) {
			// Already on (a default gadget): take its handle, so the switch can turn it off.
			tokenCache.shieldCoreApi().then( function ( handle ) {
				shield = handle;
				showShield( $button );
			} );
		}
		return $button;
	}

	// The demo pages have placeholders for the buttons.
	mw.hook( 'wikipage.content' ).add( function ( $content ) {
		$content.find( '#tokencache-demo-shield' ).empty().append( shieldSwitch() );
		$content.find( '#tokencache-demo' ).empty().append(
			button( 'Append to the sandbox', appendToSandbox ).attr( 'id', 'tokencache-demo-append' ),
			' ',
			button( 'Show cached tokens', showTokens ).attr( 'id', 'tokencache-demo-tokens' ),
			' ',
			$( '<span>' ).text( 'TokenCache ' + tokenCache.version + ' is loaded.' )
		);
	} );
}() );
// </nowiki>
