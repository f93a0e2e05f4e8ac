import { quote, Validator } from '../../src/private/validation';

describe('Validator', () => {
  test('has no errors for valid values and does not throw', () => {
    const validator = new Validator().string('name', 'abc', { min: 1, max: 3, pattern: /^[a-z]+$/ }).count('list', [1], { min: 1, max: 1 });

    expect(validator.errors).toEqual([]);
    expect(() => validator.throwIfInvalid('Thing', 'Stack/Thing')).not.toThrow();
  });

  test('states an exact length when the minimum and the maximum are equal', () => {
    expect(new Validator().string('code', 'ab', { min: 3, max: 3 }).errors).toEqual(['code: "ab" has 2 characters; it must have 3']);
  });

  test('shows the pattern alone when the rule does not say what it allows', () => {
    expect(new Validator().string('code', 'AB', { min: 1, max: 3, pattern: /^[a-z]+$/ }).errors).toEqual([
      'code: "AB" is not allowed; it must be (pattern ^[a-z]+$)',
    ]);
  });

  test('shows the shown pattern instead of a long pattern source', () => {
    const rule = { min: 1, max: 3, pattern: /^[a-z]+$/, shownPattern: 'lowercase ASCII', allowed: 'letters' };

    expect(new Validator().string('code', 'AB', rule).errors).toEqual(['code: "AB" is not allowed; it must be letters (pattern lowercase ASCII)']);
  });

  test('skips undefined values', () => {
    expect(new Validator().string('a', undefined, { min: 1, max: 1 }).count('b', undefined, { min: 1, max: 1 }).errors).toEqual([]);
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

  test('shows a value whole up to 80 characters with its quotes', () => {
    expect(quote('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(quote('x'.repeat(79))).toBe(`"${'x'.repeat(69)}..." (79 characters)`);
  });

  test('escapes U+0085 with four hexadecimal digits', () => {
    expect(quote('a\u0085b')).toBe('"a\\u0085b"');
  });
});
