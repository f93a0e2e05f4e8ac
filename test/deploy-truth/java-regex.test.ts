import { javaPatternToRegExp, loadCognitoModel, loadSageMakerModel, matchesJavaPattern, translateJavaPattern, UnsupportedJavaPatternError } from '.';

describe('javaPatternToRegExp', () => {
  test('translates every pattern of the committed SageMaker and Cognito API models', () => {
    const patterns = new Set(
      [loadSageMakerModel(), loadCognitoModel()]
        .flatMap((model) => Object.values(model.shapes))
        .flatMap((shape) => (shape.pattern === undefined ? [] : [shape.pattern])),
    );

    expect(patterns.size).toBeGreaterThan(20);
    for (const pattern of patterns) {
      expect(() => javaPatternToRegExp(pattern)).not.toThrow();
    }
  });

  // Patterns of the whole SageMaker model of botocore 1.43 (WorkforceVpcConfig's... IP ranges, Lambda ARNs), which
  // the trimmed copy does not hold.
  test('word boundaries, as Java (since JDK 19) and JavaScript both take them: between \\w and other characters', () => {
    const ipRange = '((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)\\.?\\b){4}';
    expect(matchesJavaPattern(ipRange, '10.0.0.1')).toBe(true);
    expect(matchesJavaPattern(ipRange, '10.0.0.256')).toBe(false);
    expect(matchesJavaPattern(ipRange, '10.0.0')).toBe(false);
    expect(matchesJavaPattern('ip-((25[0-5]|(2[0-4]|1\\d|[1-9]|)\\d)-?\\b){4}\\..*', 'ip-10-0-0-1.ec2.internal')).toBe(true);
    expect(matchesJavaPattern('a\\Bb', 'ab')).toBe(true);
    expect(matchesJavaPattern('a\\bb', 'ab')).toBe(false);
    expect(matchesJavaPattern('é\\b', 'é')).toBe(false); // é is no \w character: no boundary between it and the end
  });

  test("'(?s)' makes '.' match line terminators (Cognito's (?s).*)", () => {
    expect(matchesJavaPattern('(?s).*', 'two\nlines\u2028')).toBe(true);
    expect(matchesJavaPattern('a(?s).', 'a\n')).toBe(true);
    expect(matchesJavaPattern('.(?s).', '\n\n')).toBe(false);
  });

  test('POSIX classes are ASCII only', () => {
    const lambdaArn = 'arn:[\\p{Alnum}\\-]+:lambda:[\\p{Alnum}\\-]+:[0-9]{12}:function:.*';
    expect(matchesJavaPattern(lambdaArn, 'arn:aws:lambda:us-east-1:123456789012:function:f')).toBe(true);
    expect(matchesJavaPattern(lambdaArn, 'arn:aws:lambda:us-éast-1:123456789012:function:f')).toBe(false);
    expect(matchesJavaPattern('\\p{Punct}+', '!/:@[`{~')).toBe(true);
    expect(matchesJavaPattern('\\p{Punct}', 'a')).toBe(false);
    expect(matchesJavaPattern('\\P{Digit}+', 'ab')).toBe(true);
    expect(matchesJavaPattern('\\p{XDigit}+', 'c0ffeE')).toBe(true);
    expect(matchesJavaPattern('\\p{Space}', '\u00a0')).toBe(false);
  });

  test('matches the whole value, as the service does, whether or not the pattern is anchored', () => {
    expect(matchesJavaPattern('[a-z]+', 'abc')).toBe(true);
    expect(matchesJavaPattern('[a-z]+', 'abc1')).toBe(false);
    expect(matchesJavaPattern('[a-z]+', '1abc')).toBe(false);
    // CreateWorkteam's WorkteamName pattern has no '$'
    expect(matchesJavaPattern('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}', 'a_b')).toBe(false);
    expect(matchesJavaPattern('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}', 'a--b')).toBe(true);
    expect(matchesJavaPattern('a|b', 'ab')).toBe(false);
  });

  test.each(['\n', '\r', '\u0085', '\u2028', '\u2029'])("'.' does not match the line terminator %j", (terminator) => {
    expect(matchesJavaPattern('.+', `one${terminator}two`)).toBe(false);
  });

  test("'.' matches any other character, one code point at a time", () => {
    expect(matchesJavaPattern('.+', 'tab\there, NUL \u0000, é, 日本, 😀, \u000b\u000c')).toBe(true);
    expect(matchesJavaPattern('.', '😀')).toBe(true);
  });

  test("'\\s' is ASCII whitespace only, and '\\S' everything else", () => {
    expect(matchesJavaPattern('https://\\S+', 'https://idp.example.com/é')).toBe(true);
    expect(matchesJavaPattern('https://\\S+', 'https://idp\u00a0example')).toBe(true); // no-break space is not \s in Java
    expect(matchesJavaPattern('https://\\S+', 'https://idp example')).toBe(false);
    expect(matchesJavaPattern('https://\\S+', 'https://idp\u000bexample')).toBe(false);
    expect(matchesJavaPattern('\\s', '\u2003')).toBe(false);
    expect(matchesJavaPattern('[\\s\\S]+', 'any\nthing\u2003')).toBe(true);
    expect(matchesJavaPattern('[^\\S]', ' ')).toBe(true);
    expect(matchesJavaPattern('[^\\S]', '\u00a0')).toBe(false);
    expect(matchesJavaPattern('[^\\Sx]', ' ')).toBe(true);
  });

  test("'$' matches before a final line terminator, which a whole match must still consume", () => {
    expect(matchesJavaPattern('^([a-z]*)$', 'abc\n')).toBe(false);
    expect(matchesJavaPattern('a$\\n', 'a\n')).toBe(true);
    expect(matchesJavaPattern('a$\\r\\n', 'a\r\n')).toBe(true);
    expect(matchesJavaPattern('a\\r$\\n', 'a\r\n')).toBe(false); // never between \r and \n
    expect(matchesJavaPattern('a$.', 'ab')).toBe(false);
  });

  test('Unicode general categories', () => {
    const visible = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';
    expect(matchesJavaPattern(visible, 'Ünïcode-✓_日本語😀')).toBe(true);
    expect(matchesJavaPattern(visible, 'two words')).toBe(false);
    expect(matchesJavaPattern(visible, 'tab\t')).toBe(false);
    expect(matchesJavaPattern('\\pL+', 'abc')).toBe(true);
    expect(matchesJavaPattern('\\p{IsL}+', 'abc')).toBe(true);
    expect(matchesJavaPattern('\\P{L}+', '123')).toBe(true);
  });

  test('a surrogate pair written as two escapes is one code point', () => {
    const astral = '[\\uD800\\uDC00-\\uDBFF\\uDFFF]';
    expect(matchesJavaPattern(astral, '😀')).toBe(true);
    expect(matchesJavaPattern(astral, 'a')).toBe(false);
    expect(matchesJavaPattern('\\x{1F600}', '😀')).toBe(true);
  });

  test('escaped and quoted literals', () => {
    expect(matchesJavaPattern('a\\-b\\.c\\/d', 'a-b.c/d')).toBe(true);
    expect(matchesJavaPattern('[a\\-z]+', 'a-z')).toBe(true);
    expect(matchesJavaPattern('[a\\-z]+', 'b')).toBe(false);
    expect(matchesJavaPattern('[\\w-]+', 'a_b-c')).toBe(true);
    expect(matchesJavaPattern('\\Q[a]+\\E', '[a]+')).toBe(true);
    expect(matchesJavaPattern('[^ ~^:?*\\[]+', 'refs/heads/main')).toBe(true);
    expect(matchesJavaPattern('[^ ~^:?*\\[]+', 'a[b')).toBe(false);
    expect(matchesJavaPattern('a]b}', 'a]b}')).toBe(true);
    expect(matchesJavaPattern('\\u0041\\x42\\t', 'AB\t')).toBe(true);
  });

  test('lookarounds, lazy quantifiers and back references', () => {
    expect(matchesJavaPattern('^(?!\\s*$).+', '   ')).toBe(false);
    expect(matchesJavaPattern('^(?!\\s*$).+', ' x ')).toBe(true);
    expect(matchesJavaPattern('([a-z]{1,5}?)(?<!-)x', 'abcx')).toBe(true);
    expect(matchesJavaPattern('(a)\\1', 'aa')).toBe(true);
  });

  test.each([
    ['(?i)abc', 'inline flags'],
    ['(?>a)', 'atomic group'],
    ['a*+', 'possessive'],
    ['[a[b]]', 'nested class'],
    ['[a-z&&[^b]]', 'intersection'],
    ['[\\b]', 'escape \\b'],
    ['[\\P{Alpha}]', '\\P{Alpha} inside a class'],
    ['\\p{IsLatin}', 'property'],
    ['\\p{InGreek}', 'property'],
    ['[]a]', "']' first"],
    ['a{x}', 'quantifier'],
    ['[a', 'unclosed class'],
    ['\\0101', 'escape \\0'],
  ])('refuses %s rather than translating it approximately', (pattern, what) => {
    expect(() => translateJavaPattern(pattern)).toThrow(UnsupportedJavaPatternError);
    expect(() => translateJavaPattern(pattern)).toThrow(what);
  });
});
