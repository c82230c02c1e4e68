import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { guardForms } from '../../../src/shield/formGuard';

function page( fields: string, action = '/w/index.php?title=A&action=submit' ) {
	const dom = new JSDOM( `<!DOCTYPE html><form method="post" action="${ action }">${ fields }<button>Save</button></form>`, {
		url: 'http://wiki.test/wiki/A',
		// jsdom reports that it cannot navigate when a submit goes through: expected, so not printed.
		virtualConsole: new VirtualConsole()
	} );
	const window = dom.window as unknown as Window & typeof globalThis;
	const submitted: HTMLFormElement[] = [];
	// jsdom does not navigate: record what would have been sent.
	window.HTMLFormElement.prototype.submit = function ( this: HTMLFormElement ) {
		submitted.push( this );
	};
	let blocked = 0;
	const originalSubmit = window.HTMLFormElement.prototype.submit;
	const remove = guardForms( window, {
		isOwnWiki: ( url ) => new URL( url, window.location.href ).origin === window.location.origin,
		onBlocked: () => {
			blocked++;
		}
	} );
	const form = window.document.querySelector( 'form' ) as HTMLFormElement;
	// A submit event that nobody cancelled would navigate: note it.
	let navigated = 0;
	window.addEventListener( 'submit', ( event ) => {
		if ( !event.defaultPrevented ) {
			navigated++;
		}
	} );
	return { window, form, submitted, remove, originalSubmit, blocked: () => blocked, navigated: () => navigated };
}

/** A person's click: fires the submit event that a button, Enter and requestSubmit() all fire. */
function clickSave( form: HTMLFormElement ): void {
	( form.querySelector( 'button' ) as HTMLButtonElement ).click();
}

const ANON_FIELD = '<input type="hidden" name="wpEditToken" value="+\\">';
const REAL_FIELD = '<input type="hidden" name="wpEditToken" value="0123456789abcdef0123456789abcdef6735a9c0+\\">';

describe( 'the form guard', () => {
	it( 'stops form.submit() with the anonymous edit token, which fires no submit event', () => {
		const { form, submitted, blocked } = page( ANON_FIELD );
		form.submit();
		expect( submitted ).toHaveLength( 0 );
		expect( blocked() ).toBe( 1 );
	} );

	it( 'stops a submit event (a button, Enter, requestSubmit()) with it', () => {
		const { form, blocked, navigated } = page( ANON_FIELD );
		clickSave( form );
		expect( blocked() ).toBe( 1 );
		expect( navigated() ).toBe( 0 );
	} );

	it( 'is not fooled by a field named action', () => {
		const { form, blocked } = page( ANON_FIELD + '<input name="action" value="submit">' );
		form.submit();
		expect( blocked() ).toBe( 1 );
	} );

	it( 'lets a real token, another wiki and other forms through', () => {
		for ( const [ fields, action ] of [
			[ REAL_FIELD, undefined ],
			[ ANON_FIELD, 'http://other.test/w/index.php?action=submit' ],
			[ '<input name="search" value="+\\">', undefined ]
		] ) {
			const { form, submitted, blocked, navigated } = page( fields as string, action );
			form.submit();
			clickSave( form );
			expect( submitted ).toEqual( [ form ] );
			expect( navigated() ).toBe( 1 );
			expect( blocked() ).toBe( 0 );
		}
	} );

	it( 'restores HTMLFormElement.prototype.submit exactly and stops listening when removed', () => {
		const { window, form, submitted, remove, originalSubmit, blocked } = page( ANON_FIELD );
		expect( window.HTMLFormElement.prototype.submit ).not.toBe( originalSubmit );
		remove();
		expect( window.HTMLFormElement.prototype.submit ).toBe( originalSubmit );
		form.submit();
		clickSave( form );
		expect( submitted ).toEqual( [ form ] );
		expect( blocked() ).toBe( 0 );
	} );
} );
