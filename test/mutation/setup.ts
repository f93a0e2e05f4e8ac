/*
 * Loaded by `npm run mutation` only (stryker.config.json, `setupFilesAfterEnv`).
 *
 * - A property that fails has caught the mutant: fast-check stops at the first counterexample instead of
 *   shrinking it, which can take minutes per mutant.
 * - In Stryker's first run of all tests (no mutant active), each test file records the names of its tests and
 *   how long it took (test-files.jsonl, beside this file), so that a mutant's run loads only the test files that
 *   hold the tests covering it, fastest first (sequencer.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });

/** One line per test file: `{ path, names, ms }`. */
export const TEST_FILES_RECORD = path.join(__dirname, 'test-files.jsonl');

if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) {
  const started = Date.now();
  const names: string[] = [];
  beforeEach(() => {
    names.push(expect.getState().currentTestName ?? '');
  });
  afterAll(() => {
    const line = JSON.stringify({ path: expect.getState().testPath, names, ms: Date.now() - started });
    fs.appendFileSync(TEST_FILES_RECORD, `${line}\n`);
  });
}
