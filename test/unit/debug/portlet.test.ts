import { beforeEach, describe, expect, it } from 'vitest';
import { installDebugLink, LINK_ID } from '../../../src/debug/portlet';
import { linkDeps, pageWithPortlets } from './fakes';

const panel = () => document.querySelector( 'dialog' );

beforeEach( () => {
	document.body.innerHTML = '';
} );

describe( 'the debug portlet link', () => {
	it( 'goes into the Tools portlet, named after the gadget', () => {
		pageWithPortlets( document, [ 'p-personal', 'p-tb' ] );
		const { deps, portlets } = linkDeps( document );
		installDebugLink( deps );
		expect( portlets.calls ).toEqual( [ 'p-tb' ] );
		const item = document.getElementById( LINK_ID ) as HTMLElement;
		expect( item.parentElement?.parentElement?.id ).toBe( 'p-tb' );
		expect( item.textContent ).toBe( 'TokenCache' );
	} );

	it( 'is added once however often it is installed', () => {
		pageWithPortlets( document, [ 'p-tb' ] );
		const first = linkDeps( document );
		const second = linkDeps( document );
		installDebugLink( first.deps );
		installDebugLink( first.deps );
		installDebugLink( second.deps );
		expect( document.querySelectorAll( '#' + LINK_ID ) ).toHaveLength( 1 );
		expect( first.portlets.calls ).toEqual( [ 'p-tb' ] );
		expect( second.portlets.calls ).toEqual( [] );
	} );

	it( 'falls back to the user menu in skins without a Tools portlet (Minerva)', () => {
		pageWithPortlets( document, [ 'p-navigation', 'p-personal' ] );
		const { deps, portlets } = linkDeps( document );
		installDebugLink( deps );
		expect( portlets.calls ).toEqual( [ 'p-tb', 'p-personal' ] );
		expect( document.querySelector( '#p-personal #' + LINK_ID ) ).not.toBeNull();
	} );

	it( 'adds nothing, and throws nothing, on a page with none of those portlets', () => {
		pageWithPortlets( document, [ 'p-cactions', 'p-navigation' ] );
		const { deps, portlets } = linkDeps( document );
		expect( () => installDebugLink( deps ) ).not.toThrow();
		expect( portlets.calls ).toEqual( [ 'p-tb', 'p-personal' ] );
		expect( document.getElementById( LINK_ID ) ).toBeNull();
	} );

	it( 'opens the panel on click, and closes it on a second click', () => {
		pageWithPortlets( document, [ 'p-tb' ] );
		const { deps, subscription } = linkDeps( document );
		installDebugLink( deps );
		const link = document.querySelector( '#' + LINK_ID + ' a' ) as HTMLAnchorElement;
		const click = new MouseEvent( 'click', { cancelable: true } );
		link.dispatchEvent( click );
		expect( click.defaultPrevented ).toBe( true );
		expect( panel() ).not.toBeNull();
		expect( document.activeElement ).toBe( panel() );
		link.click();
		expect( panel() ).toBeNull();
		expect( subscription.state ).toMatchObject( { subscribed: 1, unsubscribed: 1 } );
		expect( document.activeElement ).toBe( link );
	} );

	it( 'closes the panel on Escape and gives focus back to the link', () => {
		pageWithPortlets( document, [ 'p-tb' ] );
		const { deps, subscription } = linkDeps( document );
		installDebugLink( deps );
		const link = document.querySelector( '#' + LINK_ID + ' a' ) as HTMLAnchorElement;
		link.click();
		( panel() as HTMLElement ).dispatchEvent( new KeyboardEvent( 'keydown', { key: 'Escape', bubbles: true } ) );
		expect( panel() ).toBeNull();
		expect( subscription.state.unsubscribed ).toBe( 1 );
		expect( document.activeElement ).toBe( link );
		link.click();
		expect( panel() ).not.toBeNull();
	} );

	it( 'closes the panel with its Close button and gives focus back to the link', () => {
		pageWithPortlets( document, [ 'p-tb' ] );
		const { deps } = linkDeps( document );
		installDebugLink( deps );
		const link = document.querySelector( '#' + LINK_ID + ' a' ) as HTMLAnchorElement;
		link.click();
		const close = Array.from( document.querySelectorAll( 'dialog button' ) )
			.find( ( button ) => button.textContent === 'Close' ) as HTMLButtonElement;
		close.focus();
		close.click();
		expect( panel() ).toBeNull();
		expect( document.activeElement ).toBe( link );
	} );

	it( 'closes the Minerva user menu it sits in (a checked toggle list), not another open one, and gives focus back to the menu\'s toggle', () => {
		pageWithPortlets( document, [ 'p-personal' ] );
		// Minerva's markup: a menu shows while its checkbox is checked, and only leaving the page unchecks it.
		const toggleList = (): HTMLElement => {
			const list = document.createElement( 'div' );
			list.className = 'toggle-list';
			list.innerHTML = '<input type="checkbox" class="toggle-list__checkbox" checked>';
			return list;
		};
		const mainMenu = toggleList();
		const menu = toggleList();
		menu.append( document.getElementById( 'p-personal' ) as HTMLElement );
		document.body.append( mainMenu, menu );
		const toggle = menu.querySelector( 'input' ) as HTMLInputElement;
		const { deps } = linkDeps( document );
		installDebugLink( deps );
		const link = document.querySelector( '#' + LINK_ID + ' a' ) as HTMLAnchorElement;
		link.click();
		expect( panel() ).not.toBeNull();
		expect( toggle.checked ).toBe( false );
		expect( ( mainMenu.querySelector( 'input' ) as HTMLInputElement ).checked ).toBe( true );
		( panel() as HTMLElement ).dispatchEvent( new KeyboardEvent( 'keydown', { key: 'Escape', bubbles: true } ) );
		expect( panel() ).toBeNull();
		expect( document.activeElement ).toBe( toggle );
	} );
} );
