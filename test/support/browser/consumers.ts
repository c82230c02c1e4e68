// Consumer gadgets for the test wikis: separate gadgets that declare dependencies=ext.gadget.TokenCache
// and call it while the page loads, as other gadgets will. They are not on by default (they would add
// token requests to every other scenario): the user `USERS.dana` has them switched on. The benchmark's
// page-load burst asks for the same types in the same tick.

/** Each consumer's name and the types it asks for as it loads; together all seven types. */
export const CONSUMERS: Record<string, string[]> = {
	TokenCacheConsumerA: [ 'csrf', 'rollback', 'login' ],
	TokenCacheConsumerB: [ 'watch', 'userrights', 'createaccount' ],
	TokenCacheConsumerC: [ 'patrol', 'rollback', 'csrf' ]
};

/** The hook a consumer fires with what it got: per type `real` or `anonymous` (never a token), or `{ error }`. */
export function consumerHook( name: string ): string {
	return `tokenCacheTest.${ name }`;
}

/** ES5, as MediaWiki 1.39 requires of gadgets. */
function consumerCode( name: string, types: string[] ): string {
	return `( function () {
	'use strict';
	mw.libs.tokenCache.getTokens( ${ JSON.stringify( types ) } ).then( function ( tokens ) {
		var kinds = {};
		Object.keys( tokens ).forEach( function ( type ) {
			kinds[ type ] = tokens[ type ] === '+\\\\' ? 'anonymous' : 'real';
		} );
		mw.hook( ${ JSON.stringify( consumerHook( name ) ) } ).fire( kinds );
	}, function ( error ) {
		mw.hook( ${ JSON.stringify( consumerHook( name ) ) } ).fire( { error: error.code } );
	} );
}() );
`;
}

/** In the form `installTokenCache` takes (scripts/lib/gadget.mjs). */
export const CONSUMER_GADGETS: { name: string; code: string; definition: string }[] = Object.keys( CONSUMERS ).map( ( name ) => ( {
	name,
	code: consumerCode( name, CONSUMERS[ name ] ),
	definition: `* ${ name }[ResourceLoader|dependencies=ext.gadget.TokenCache]|${ name }.js`
} ) );
