/*
 * The test runner of `npm run mutation` (stryker.config.json): while a mutant is active, it runs the test files
 * one at a time and stops at the first file with a failing test, since one failure is enough to catch the
 * mutant (Stryker's own jest runner cannot bail). Without an active mutant it runs as Jest's default runner.
 * Plain JavaScript: Jest loads its runner without transforming it.
 */
const TestRunner = require('jest-runner').default;

class BailingTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
      return super.runTests(tests, watcher, options);
    }
    let caught = false;
    this.on('test-file-success', ([, result]) => {
      caught ||= result.numFailingTests > 0 || result.testExecError !== undefined;
    });
    this.on('test-file-failure', () => {
      caught = true;
    });
    for (const test of tests) {
      if (caught) {
        break;
      }
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = BailingTestRunner;
