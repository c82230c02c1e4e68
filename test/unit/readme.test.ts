// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { TOKEN_A } from './support/fakeApi';
import { windowWithFakeMw } from './support/fakeMw';

const readme = readFileSync( new URL( '../../README.md', import.meta.url ), 'utf8' );
const script = readFileSync( new URL( '../../dist/TokenCache.js', import.meta.url ), 'utf8' );

describe( 'the README', () => {
	it( 'has a quick-start example that saves an edit with the built gadget', async () => {
		const example = /## Quick start for gadget authors[\s\S]*?```js\n([\s\S]*?)```/.exec( readme );
		expect( example ).not.toBeNull();
		const { window, fake } = windowWithFakeMw( { userName: 'Alice', tokens: { csrfToken: TOKEN_A } } );
		const notes: string[] = [];
		Object.assign( fake.mw, { notify: ( text: string ) => notes.push( text ) } );
		fake.api.expectPost( {
			action: 'edit', title: 'Sandbox', appendtext: '\n* Hello', summary: 'Saying hello',
			assert: 'user', assertuser: 'Alice', token: TOKEN_A
		}, { result: { edit: { result: 'Success', newrevid: 42 } } } );
		window.eval( script );
		window.eval( ( example as RegExpExecArray )[ 1 ] );
		// Waits for the notification rather than a fixed time, which a busy machine can overrun.
		await vi.waitFor( () => expect( notes ).toEqual( [ 'Saved revision 42' ] ) );
		fake.api.verify();
	} );
} );
