// In CI a run must execute the whole integration suite: a skipped, `.only`-filtered or empty integration
// project would otherwise pass while testing nothing on the real wikis.
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class FullRunReporter implements Reporter {
	/** Whether this run includes the integration project (`--project unit` deliberately leaves it out). */
	private integrationSelected = false;

	onInit( vitest: Vitest ): void {
		this.integrationSelected = vitest.projects.some( ( project ) => project.name === 'integration' );
	}

	onTestRunEnd( testModules: readonly TestModule[] ): void {
		if ( !process.env.CI || !this.integrationSelected ) {
			return;
		}
		let ran = 0;
		let skipped = 0;
		for ( const testModule of testModules ) {
			if ( testModule.project.name !== 'integration' ) {
				continue;
			}
			for ( const testCase of testModule.children.allTests() ) {
				const state = testCase.result().state;
				if ( state === 'skipped' ) {
					skipped++;
				} else if ( state === 'passed' || state === 'failed' ) {
					ran++;
				}
			}
		}
		if ( ran === 0 || skipped > 0 ) {
			process.exitCode = 1;
			console.error( `integration suite: ${ ran } tests ran, ${ skipped } skipped; in CI it must run in full` );
		}
	}
}
