/*
 * The order of the test files of `npm run mutation` (stryker.config.json): for a mutant's run, only the files
 * that hold a test covering the mutant (Stryker passes their names as the test name pattern; setup.ts recorded
 * which file holds which test), the test file named like the mutated source file first, then the fastest.
 * Together with runner.js, which stops at the first file that fails, a mutant is usually caught by one file.
 * Plain JavaScript: Jest loads its sequencer without transforming it.
 */
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const TEST_FILES_RECORD = path.join(__dirname, 'test-files.jsonl');

/** @returns {Map<string, { names: string[], ms: number }>} the record of Stryker's first run, by test path */
function readRecord() {
  const record = new Map();
  if (fs.existsSync(TEST_FILES_RECORD)) {
    for (const line of fs.readFileSync(TEST_FILES_RECORD, 'utf8').split('\n')) {
      if (line.trim() !== '') {
        const { path: testPath, names, ms } = JSON.parse(line);
        record.set(testPath, { names, ms });
      }
    }
  }
  return record;
}

class MutationSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
  }

  sort(tests) {
    const pattern = this.globalConfig.testNamePattern;
    if (!pattern) {
      // Stryker's first run: all tests, recorded anew.
      fs.rmSync(TEST_FILES_RECORD, { force: true });
      return super.sort(tests);
    }
    const record = readRecord();
    const covering = new RegExp(pattern, 'i');
    const mutated = (this.globalConfig.nonFlagArgs ?? []).map((file) => path.basename(file).replace(/\.ts$/, ''));
    const ownFile = (test) => mutated.includes(path.basename(test.path).replace(/\.test\.ts$/, ''));
    return tests
      // A file the record does not know (new since the first run) is kept.
      .filter((test) => !record.has(test.path) || record.get(test.path).names.some((name) => covering.test(name)))
      .sort((a, b) => Number(ownFile(b)) - Number(ownFile(a)) || (record.get(a.path)?.ms ?? 0) - (record.get(b.path)?.ms ?? 0));
  }
}

module.exports = MutationSequencer;
