import { defineConfig } from 'vitest/config';

// `vitest run` runs both projects and ends with one summary; `--project unit` or `--project integration`
// runs one of them.
export default defineConfig( {
	test: {
		// Our reporter first, so that vitest's summary stays the last thing printed.
		reporters: [ './test/support/fullRunReporter.ts', 'default' ],
		allowOnly: false,
		projects: [
			{
				test: {
					// Strict fakes at the mw.Api boundary, in jsdom; no network.
					name: 'unit',
					include: [ 'test/unit/**/*.test.ts' ],
					environment: 'jsdom',
					restoreMocks: true
				}
			},
			{
				test: {
					// The built gadget on real MediaWiki 1.39 and 1.43 in real headless Chromium.
					name: 'integration',
					include: [ 'test/integration/**/*.test.ts' ],
					environment: 'node',
					globalSetup: [ 'test/integration/support/wikis.ts' ],
					// Browsers and PHP are slow next to unit tests; a hung test still fails in a minute.
					testTimeout: 60000,
					hookTimeout: 60000,
					// The wikis' SQLite databases take one writer at a time: one test file after another.
					fileParallelism: false
				}
			}
		]
	}
} );
