import { describe, expect, it } from 'vitest';
import { formStoppedMessage, shieldSummary } from '../../../src/shield/messages';

describe( 'the shield\'s texts', () => {
	it( 'sum up what the shield saw, each count with its label, in the order given', () => {
		expect( shieldSummary( 'en', [ 4, 3, 2, 1 ] ) ).toBe( 'Shield — core mw.Api token calls: 4 · jQuery requests asserted: 3 · fetch requests asserted: 2 · forms stopped: 1' );
	} );

	it( 'speak French and Spanish, a variant in its base language, and English otherwise', () => {
		expect( shieldSummary( 'fr', [ 0, 0, 0, 1 ] ) ).toMatch( /^Bouclier — .*formulaires arrêtés : 1|^Bouclier — .*formulaires arrêtés: 1/ );
		expect( shieldSummary( 'es-419', [ 0, 0, 0, 0 ] ) ).toMatch( /^Escudo — / );
		expect( formStoppedMessage( 'fr-ca' ) ).toBe( formStoppedMessage( 'fr' ) );
		expect( formStoppedMessage( 'de' ) ).toBe( formStoppedMessage( 'en' ) );
		expect( formStoppedMessage( 'en' ) ).toContain( 'not saved' );
		expect( formStoppedMessage( 'es' ) ).toContain( 'no se ha guardado' );
	} );
} );
