import { Token } from 'aws-cdk-lib';
import { quote, Validator } from '../../src/private/validation';

describe('Validator', () => {
  test('has no errors for valid values, says they passed, and does not throw', () => {
    const validator = new Validator();

    expect(validator.string('name', 'abc', { min: 1, max: 3, pattern: /^[a-z]+$/ })).toBe(true);
    expect(validator.count('list', [1], { min: 1, max: 1 })).toBe(true);
    expect(validator.errors).toEqual([]);
    expect(() => validator.throwIfInvalid('Thing', 'Stack/Thing')).not.toThrow();
  });

  test('says whether a value failed, recording one problem', () => {
    const validator = new Validator();

    expect(validator.string('name', 'ABCD', { min: 1, max: 3, pattern: /^[a-z]+$/ })).toBe(false);
    expect(validator.count('list', [], { min: 1, max: 2 })).toBe(false);
    expect(validator.errors).toEqual(['name: "ABCD" has 4 characters; it must have 1 to 3', 'list: has 0 items; it must have 1 to 2']);
  });

  test('states an exact length when the minimum and the maximum are equal', () => {
    const validator = new Validator();
    validator.string('code', 'ab', { min: 3, max: 3 });

    expect(validator.errors).toEqual(['code: "ab" has 2 characters; it must have 3']);
  });

  test('states the length of a long value once', () => {
    const validator = new Validator();
    validator.string('description', 'x'.repeat(201), { min: 1, max: 200 });

    expect(validator.errors).toEqual([`description: "${'x'.repeat(69)}..." has 201 characters; it must have 1 to 200`]);
  });

  test('shows the pattern alone when the rule does not say what it allows', () => {
    const validator = new Validator();
    validator.string('code', 'AB', { min: 1, max: 3, pattern: /^[a-z]+$/ });

    expect(validator.errors).toEqual(['code: "AB" is not allowed; it must be (pattern ^[a-z]+$)']);
  });

  test('shows the shown pattern instead of the pattern source', () => {
    const validator = new Validator();
    validator.string('code', 'AB', { min: 1, max: 3, pattern: /^[a-z]+$/, shownPattern: '^[\\p{Ll}]+$', allowed: 'letters' });

    expect(validator.errors).toEqual(['code: "AB" is not allowed; it must be letters (pattern ^[\\p{Ll}]+$)']);
  });

  test('never shows a pattern longer than 100 characters: the words say what is allowed', () => {
    const long = new RegExp(`^(?:${Array.from({ length: 30 }, (_, i) => `a${i}`).join('|')})$`);
    const validator = new Validator();
    validator.string('code', 'b', { min: 1, max: 3, pattern: long, allowed: 'a and a number below 30' });
    validator.string('other', 'b', { min: 1, max: 3, pattern: long });

    expect(long.source.length).toBeGreaterThan(100);
    expect(validator.errors).toEqual(['code: "b" is not allowed; it must be a and a number below 30', 'other: "b" is not allowed; it must be what its pattern allows']);
  });

  test('skips undefined values and tokens, which pass', () => {
    const validator = new Validator();

    expect(validator.string('a', undefined, { min: 1, max: 1 })).toBe(true);
    expect(validator.string('a', Token.asString({ Ref: 'Name' }), { min: 1, max: 1 })).toBe(true);
    expect(validator.count('b', undefined, { min: 1, max: 1 })).toBe(true);
    expect(validator.count('b', Token.asList({ Ref: 'Names' }), { min: 5, max: 5 })).toBe(true);
    expect(validator.errors).toEqual([]);
  });

  test('checks whole numbers against their bounds, with an unbounded maximum, skipping tokens', () => {
    const validator = new Validator();

    expect(validator.number('count', 3, { min: 1, max: 3 })).toBe(true);
    expect(validator.number('count', 4, { min: 1, max: 3 })).toBe(false);
    expect(validator.number('count', 1.5, { min: 1, max: 3 })).toBe(false);
    expect(validator.number('limit', 29, { min: 30, max: Number.POSITIVE_INFINITY }, 'seconds')).toBe(false);
    expect(validator.number('limit', 10 ** 9, { min: 30, max: Number.POSITIVE_INFINITY }, 'seconds')).toBe(true);
    expect(validator.number('count', undefined, { min: 1, max: 3 })).toBe(true);
    expect(validator.number('count', Token.asNumber({ Ref: 'Count' }), { min: 1, max: 3 })).toBe(true);
    expect(validator.errors).toEqual([
      'count: 4 is not allowed; it must be a whole number from 1 to 3',
      'count: 1.5 is not allowed; it must be a whole number from 1 to 3',
      'limit: 29 seconds is not allowed; it must be a whole number of at least 30 seconds',
    ]);
  });

  test('throws one error with the kind, the path and every problem', () => {
    const validator = new Validator().fail('a', 'first').fail('b', 'second');

    expect(() => validator.throwIfInvalid('Thing', 'Stack/Thing')).toThrow("Invalid Thing at 'Stack/Thing':\n  - a: first\n  - b: second");
  });
});

describe('quote', () => {
  test('escapes control characters and line separators', () => {
    expect(quote('a\nb\u2028c')).toBe('"a\\nb\\u2028c"');
  });

  test('shortens long values and gives their length', () => {
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(69)}..." (100 characters)`);
  });

  test('leaves the length out when asked, for messages that state it', () => {
    expect(quote('x'.repeat(100), false)).toBe(`"${'x'.repeat(69)}..."`);
  });

  test('shows a value whole up to 80 characters with its quotes', () => {
    expect(quote('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(quote('x'.repeat(79))).toBe(`"${'x'.repeat(69)}..." (79 characters)`);
  });

  test('escapes U+0085 with four hexadecimal digits', () => {
    expect(quote('a\u0085b')).toBe('"a\\u0085b"');
  });
});
