// Integration tests: the built gadget on real MediaWiki 1.39 and 1.43 in real headless Chromium.
// Run with: npx vitest run -c vitest.integration.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig( {
	test: {
		environment: 'node',
		include: [ 'test/integration/**/*.test.ts' ],
		globalSetup: [ 'test/integration/support/wikis.ts' ],
		// Browsers and PHP are slow next to unit tests; a hung test still fails in a minute.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// The wikis' SQLite databases take one writer at a time: run test files one after another.
		fileParallelism: false
	}
} );
