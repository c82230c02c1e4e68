import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../../src/debug/columns';
import { MESSAGE_PREFIX, messagesFor } from '../../../src/debug/messages';

describe( 'debug panel messages', () => {
	it( 'are English by default, all under the tokencache- prefix', () => {
		const messages = messagesFor( 'en' );
		expect( Object.keys( messages ).every( ( key ) => key.indexOf( MESSAGE_PREFIX ) === 0 ) ).toBe( true );
		expect( messages ).toMatchObject( {
			'tokencache-refresh': 'Refresh all',
			'tokencache-reveal': 'Reveal',
			'tokencache-copied': 'Copied',
			'tokencache-ago': '$1 ago'
		} );
	} );

	it( 'are French for fr', () => {
		expect( messagesFor( 'fr' ) ).toMatchObject( {
			'tokencache-close': 'Fermer',
			'tokencache-copied': 'Copié',
			'tokencache-anon': 'anonyme',
			'tokencache-ago': 'il y a $1'
		} );
	} );

	it( 'are Spanish for es and its variants', () => {
		const spanish = messagesFor( 'es' );
		expect( spanish ).toMatchObject( {
			'tokencache-close': 'Cerrar',
			'tokencache-copy': 'Copiar',
			'tokencache-anon': 'anónimo',
			'tokencache-ago': 'hace $1'
		} );
		expect( messagesFor( 'es-formal' ) ).toEqual( spanish );
	} );

	it( 'fall back to English for languages we do not ship', () => {
		expect( messagesFor( 'de' ) ).toEqual( messagesFor( 'en' ) );
		expect( messagesFor( 'qqx' ) ).toEqual( messagesFor( 'en' ) );
	} );

	it( 'have the same keys, all non-empty, in every language', () => {
		const keys = Object.keys( messagesFor( 'en' ) ).sort();
		[ 'fr', 'es' ].forEach( ( language ) => {
			const messages = messagesFor( language );
			expect( Object.keys( messages ).sort() ).toEqual( keys );
			keys.forEach( ( key ) => expect( messages[ key ] ).not.toBe( '' ) );
		} );
		expect( keys.every( ( key ) => messagesFor( 'en' )[ key ] ) ).toBe( true );
	} );

	it( 'head every column of the panel with the column\'s own texts, in English, French and Spanish', () => {
		[ 'en', 'fr', 'es' ].forEach( ( language, i ) => {
			const messages = messagesFor( language );
			COLUMNS.forEach( ( column ) => {
				expect( column.heading ).toHaveLength( 3 );
				expect( messages[ MESSAGE_PREFIX + 'col-' + column.name ] ).toBe( column.heading[ i ] );
			} );
		} );
		expect( Object.keys( messagesFor( 'en' ) ).filter( ( key ) => key.indexOf( MESSAGE_PREFIX + 'col-' ) === 0 ) )
			.toEqual( COLUMNS.map( ( column ) => MESSAGE_PREFIX + 'col-' + column.name ) );
	} );
} );
