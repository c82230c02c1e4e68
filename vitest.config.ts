import { defineConfig } from 'vitest/config';

// Unit tests: jsdom, strict fakes at the mw.Api boundary, no network.
export default defineConfig( {
	test: {
		include: [ 'test/unit/**/*.test.ts' ],
		environment: 'jsdom',
		restoreMocks: true
	}
} );
