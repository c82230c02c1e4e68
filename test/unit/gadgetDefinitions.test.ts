// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseGadgetLine, parseSectionHeading, withGadgetDefinitions } from '../../scripts/lib/gadgetDefinitions.mjs';

const LIBRARY = '* TokenCache[ResourceLoader|hidden|dependencies=mediawiki.api]|TokenCache.js';
const DEBUG = '* TokenCacheDebug[ResourceLoader|supportsUrlLoad|dependencies=ext.gadget.TokenCache,mediawiki.util]|TokenCacheDebug.js';
const LINES = [ '== developer ==', LIBRARY, DEBUG ];

describe( 'merging our definition lines into a wiki\'s MediaWiki:Gadgets-definition', () => {
	it( 'writes the section and its lines on an empty page', () => {
		expect( withGadgetDefinitions( '', LINES ) ).toBe( LINES.join( '\n' ) );
	} );

	it( 'replaces an earlier line where it is, drops a retired gadget\'s line, and adds the rest in our section at the end', () => {
		const before = [
			'== Tools ==',
			'* Other[ResourceLoader]|Other.js',
			'* TokenCache[ResourceLoader|hidden|default|dependencies=mediawiki.api,mediawiki.util]|TokenCache.js',
			'* TokenCachePanel[ResourceLoader|hidden|dependencies=ext.gadget.TokenCache]|TokenCache-panel.js',
			'== editing ==',
			'* Third[ResourceLoader|default]|Third.js'
		].join( '\n' );
		expect( withGadgetDefinitions( before, LINES, [ 'TokenCachePanel' ] ) ).toBe( [
			'== Tools ==', '* Other[ResourceLoader]|Other.js', LIBRARY, '== editing ==', '* Third[ResourceLoader|default]|Third.js',
			'== developer ==', DEBUG
		].join( '\n' ) );
	} );

	it( 'adds missing lines at the end of our section when the wiki has it, before the next section', () => {
		const before = '== developer ==\n* Mine[ResourceLoader]|Mine.js\n\n== other ==\n* Theirs[ResourceLoader]|Theirs.js\n';
		expect( withGadgetDefinitions( before, LINES ) ).toBe(
			`== developer ==\n* Mine[ResourceLoader]|Mine.js\n${ LIBRARY }\n${ DEBUG }\n\n== other ==\n* Theirs[ResourceLoader]|Theirs.js` );
	} );

	it( 'changes nothing when the lines are there already', () => {
		const current = `== Tools ==\n${ DEBUG }\n== developer ==\n${ LIBRARY }`;
		expect( withGadgetDefinitions( current, LINES ) ).toBe( current );
	} );

	it( 'refuses a page that defines one of our gadgets twice, and lines without a section heading', () => {
		expect( () => withGadgetDefinitions( `${ LIBRARY }\n${ LIBRARY }`, LINES ) ).toThrow( /defines TokenCache 2 times/ );
		expect( () => withGadgetDefinitions( '', [ LIBRARY ] ) ).toThrow( /section heading/ );
	} );
} );

describe( 'reading a MediaWiki:Gadgets-definition line', () => {
	it( 'reads a gadget\'s name and files, with or without options, as the Gadgets extension writes them', () => {
		expect( parseGadgetLine( '* TokenCacheShield[ResourceLoader|hidden]|TokenCache-guards.js|TokenCache-shield.js' ) )
			.toEqual( { name: 'TokenCacheShield', files: [ 'TokenCache-guards.js', 'TokenCache-shield.js' ] } );
		expect( parseGadgetLine( '*Old|Old.js|Old.css' ) ).toEqual( { name: 'Old', files: [ 'Old.js', 'Old.css' ] } );
		expect( parseGadgetLine( '  * Spaced [ResourceLoader] | Spaced.js ' ) ).toEqual( { name: 'Spaced', files: [ 'Spaced.js' ] } );
	} );

	it( 'still names the gadget of a line whose options are not closed, so that our line replaces it', () => {
		expect( parseGadgetLine( '* TokenCache[ResourceLoader|hidden' )?.name ).toBe( 'TokenCache' );
		expect( withGadgetDefinitions( '== developer ==\n* TokenCache[ResourceLoader|hidden', LINES ) ).toBe( LINES.join( '\n' ) );
	} );

	it( 'reads headings as sections and everything else as neither', () => {
		expect( parseSectionHeading( ' == developer == ' ) ).toBe( 'developer' );
		for ( const line of [ '', 'Some text', '* Name', '* Name options|x.js', '== developer ==' ] ) {
			expect( parseGadgetLine( line ) ).toBeUndefined();
		}
		expect( parseSectionHeading( LIBRARY ) ).toBeUndefined();
	} );
} );
