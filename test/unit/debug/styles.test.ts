import { describe, expect, it } from 'vitest';
import { PANEL_CSS, stylesModule } from '../../../src/debug/styles';

describe( 'the panel\'s styles', () => {
	it( 'use Codex where the wiki registers codex-styles (1.41+), MediaWiki UI buttons otherwise (1.39)', () => {
		const requested: string[] = [];
		const wiki143 = ( name: string ) => {
			requested.push( name );
			return name === 'codex-styles' ? 'registered' : null;
		};
		expect( stylesModule( wiki143 ) ).toBe( 'codex-styles' );
		expect( stylesModule( () => null ) ).toBe( 'mediawiki.ui.button' );
		expect( requested ).toEqual( [ 'codex-styles' ] );
	} );

	it( 'take every colour from a design token, a fixed colour only as the fallback where the skin has none', () => {
		const colours = PANEL_CSS.match( /#[0-9a-f]{3,6}\b|(?<![-\w])(?:black|white)(?![-\w])|rgba?\([^)]*\)/gi ) || [];
		const asFallbacks = PANEL_CSS.match( /var\(--[a-z-]+,#[0-9a-f]{3,6}\)/gi ) || [];
		expect( colours.length ).toBeGreaterThan( 0 );
		expect( asFallbacks ).toHaveLength( colours.length );
	} );

	it( 'keep the panel in the page\'s flow, so it covers nothing of the skin', () => {
		expect( PANEL_CSS ).toMatch( /^\.tokencache-panel\{position:static;/ );
		expect( PANEL_CSS ).not.toMatch( /position:(fixed|absolute|sticky)|z-index/ );
	} );
} );
