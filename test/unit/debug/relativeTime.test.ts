import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../src/debug/relativeTime';
import { messageIn } from './fakes';

const NOW = Date.UTC( 2026, 0, 1, 12, 0, 0 );
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe( 'relative issue time', () => {
	const en = messageIn( 'en' );

	it( 'counts minutes', () => {
		expect( relativeTime( NOW - 3 * MINUTE, NOW, en ) ).toBe( '3 min ago' );
		expect( relativeTime( NOW - 119 * MINUTE, NOW, en ) ).toBe( '119 min ago' );
	} );

	it( 'rounds to the nearest minute, so a fresh token is 0 min old', () => {
		expect( relativeTime( NOW - 20 * SECOND, NOW, en ) ).toBe( '0 min ago' );
		expect( relativeTime( NOW - 150 * SECOND, NOW, en ) ).toBe( '3 min ago' );
	} );

	it( 'counts hours from two hours on, also past a day', () => {
		expect( relativeTime( NOW - 120 * MINUTE, NOW, en ) ).toBe( '2 h ago' );
		expect( relativeTime( NOW - 30 * 60 * MINUTE, NOW, en ) ).toBe( '30 h ago' );
	} );

	it( 'reads a time slightly in the future (server clock ahead) as 0 min', () => {
		expect( relativeTime( NOW + 90 * SECOND, NOW, en ) ).toBe( '0 min ago' );
	} );

	it( 'speaks the user\'s language', () => {
		expect( relativeTime( NOW - 3 * MINUTE, NOW, messageIn( 'fr' ) ) ).toBe( 'il y a 3 min' );
		expect( relativeTime( NOW - 3 * MINUTE, NOW, messageIn( 'es' ) ) ).toBe( 'hace 3 min' );
		expect( relativeTime( NOW - 3 * MINUTE, NOW, messageIn( 'de' ) ) ).toBe( '3 min ago' );
	} );
} );
