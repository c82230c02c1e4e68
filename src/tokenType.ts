import { createError } from './errors';

/** Names that older code still uses; since MediaWiki 1.24 they are all the one `csrf` token. */
export const LEGACY_CSRF_NAMES = 'edit delete protect move block unblock email import options'.split( ' ' );

/**
 * Token type names are short lowercase words. Anything else (empty, `csrf|rollback`, `*`, spaces,
 * unicode, objects with a `toString`) could change what a `type=` request asks for, so it is refused
 * before any request is made.
 */
const TYPE_NAME = /^[a-z][a-z0-9]{0,31}$/;
/**
 * Tokens are 40 hex digits. Eight or more hex digits and nothing else is a token, or a piece of one,
 * passed by mistake, not a type name: it must reach neither a URL nor a message.
 */
const TOKEN_LIKE = /^[0-9a-f]{8,}$/;

export function normalizeType( input: unknown ): string {
	if ( typeof input !== 'string' || !TYPE_NAME.test( input ) || TOKEN_LIKE.test( input ) ) {
		// Describe the input rather than echo it: a confused caller may have passed a token.
		throw createError( 'badtype', 'Not a token type: ' + ( typeof input === 'string' ? 'a string of ' + input.length + ' characters' : typeof input ) );
	}
	return !LEGACY_CSRF_NAMES.includes( input ) ? input : 'csrf';
}

export function normalizeTypes( input: unknown ): string[] {
	if ( !Array.isArray( input ) || input.length === 0 ) {
		throw createError( 'badtype', 'Not a list' );
	}
	const types: string[] = [];
	// Index by index, not forEach: a hole (`[ , ]`) is a missing type, not nothing.
	for ( let i = 0; i < input.length; i++ ) {
		const type = normalizeType( input[ i ] );
		if ( !types.includes( type ) ) {
			types.push( type );
		}
	}
	return types;
}
