/**
 * Translation of the Java regular expressions of AWS API models (`java.util.regex.Pattern`, which the services
 * run) into JavaScript regular expressions with the same meaning.
 *
 * Where the two dialects differ, the translation follows Java:
 * - the service matches a pattern against the WHOLE value (`Matcher.matches()`), so the result is anchored;
 * - `.` matches any character but the line terminators \n \r \u0085 \u2028 \u2029;
 * - `\s` is ASCII whitespace only ([ \t\n\x0B\f\r]), `\S` its complement;
 * - `$` (without MULTILINE) matches at the end, or before a line terminator that ends the input;
 * - `\p{L}` and the other general categories need JavaScript's `u` flag, and so does matching code points
 *   (not UTF-16 code units) the way Java does;
 * - `\uD800\uDC00`, a surrogate pair written as two escapes, is one code point;
 * - `\b` and `\B` are word boundaries between `\w` ([a-zA-Z0-9_]) and other characters, as Java has them since
 *   JDK 19 (JDK-8264160; before, `\b` took Unicode letters and digits as word characters) and as JavaScript has
 *   them with the `u` flag;
 * - the POSIX classes `\p{Alnum}`, `\p{Punct}`, ... are ASCII only (without UNICODE_CHARACTER_CLASS);
 * - the inline flag `(?s)` (DOTALL, Cognito's `(?s).*`) makes the `.` after it match line terminators too.
 *
 * Constructs whose meaning differs in a way this translation does not model (inline flags, possessive
 * quantifiers, atomic groups, nested classes and intersections, script and block properties, ...) throw an
 * error rather than being translated approximately.
 */

/** Java's line terminators (without UNIX_LINES), which `.` never matches. */
const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';

/** Java's `\s` (without UNICODE_CHARACTER_CLASS): ASCII whitespace only. */
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';

/** Java's `$`: the end, or a line terminator that ends the input (but not between \r and \n). */
const JAVA_DOLLAR = '(?:$|(?=\\r\\n$)|(?=[\\r\\u0085\\u2028\\u2029]$)|(?<!\\r)(?=\\n$))';

/** The general categories Java's `\p{..}` and JavaScript's `\p{..}` share (JavaScript also spells them `gc=..`). */
const GENERAL_CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'LC',
  'M', 'Mn', 'Mc', 'Me',
  'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'S', 'Sm', 'Sc', 'Sk', 'So',
  'Z', 'Zs', 'Zl', 'Zp',
  'C', 'Cc', 'Cf', 'Cs', 'Co', 'Cn',
]);

/** Java's POSIX character classes (US-ASCII only), as the body of a JavaScript class. */
const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\u{0}-\\u{7F}',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\u{0}-\\u{1F}\\u{7F}',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};

/** Stands for Java's `\S` inside a class, which JavaScript's `\S` (Unicode whitespace) is not. */
const NON_SPACE_MARKER = '\0NON_SPACE\0';

/** Characters a JavaScript `u` pattern only takes escaped outside a class. */
const SYNTAX_CHARACTERS = new Set('^$\\.*+?()[]{}|/');

/** Characters this translation escapes inside a class. */
const CLASS_SYNTAX_CHARACTERS = new Set('\\]-[^/');

export class UnsupportedJavaPatternError extends Error {
  constructor(pattern: string, index: number, what: string) {
    super(`unsupported Java regular expression construct (${what}) at ${index} in ${JSON.stringify(pattern)}`);
    this.name = 'UnsupportedJavaPatternError';
  }
}

const cache = new Map<string, RegExp>();

/**
 * A JavaScript regular expression that matches a string exactly when the Java `pattern` matches the whole
 * string (`Pattern.compile(pattern).matcher(value).matches()`).
 */
export function javaPatternToRegExp(pattern: string): RegExp {
  let regexp = cache.get(pattern);
  if (!regexp) {
    regexp = new RegExp(`^(?:${translateJavaPattern(pattern)})$`, 'u');
    cache.set(pattern, regexp);
  }
  return regexp;
}

/** Whether the whole `value` matches the Java `pattern`. */
export function matchesJavaPattern(pattern: string, value: string): boolean {
  return javaPatternToRegExp(pattern).test(value);
}

/** The source of a JavaScript regular expression (for the `u` flag) equivalent to the Java `pattern`, unanchored. */
export function translateJavaPattern(pattern: string): string {
  return new Translator(pattern).translate();
}

/** One item of a character class: a code point, or a set such as `\p{L}` (which cannot end a range). */
type ClassAtom = { codePoint: number } | { set: string };

class Translator {
  private i = 0;
  private out = '';
  /** After `(?s)` (DOTALL), `.` matches line terminators too. */
  private dotAll = false;

  constructor(private readonly pattern: string) {}

  public translate(): string {
    while (this.i < this.pattern.length) {
      this.term();
    }
    return this.out;
  }

  private unsupported(what: string): never {
    throw new UnsupportedJavaPatternError(this.pattern, this.i, what);
  }

  private peek(offset = 0): string | undefined {
    return this.pattern[this.i + offset];
  }

  /** Reads one code point (a surrogate pair is one). */
  private readCodePoint(): number {
    const codePoint = this.pattern.codePointAt(this.i)!;
    this.i += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }

  private term(): void {
    const c = this.peek()!;
    switch (c) {
      case '\\':
        this.out += this.escape(false);
        return;
      case '[':
        this.out += this.characterClass();
        return;
      case '.':
        this.i++;
        this.out += this.dotAll ? '[\\u{0}-\\u{10FFFF}]' : `[^${LINE_TERMINATORS}]`;
        return;
      case '$':
        this.i++;
        this.out += JAVA_DOLLAR;
        return;
      case '^':
      case '|':
      case ')':
        this.i++;
        this.out += c;
        return;
      case '(':
        this.out += this.groupOpening();
        return;
      case '*':
      case '+':
      case '?':
        this.i++;
        this.out += c + this.quantifierSuffix();
        return;
      case '{':
        this.out += this.braceQuantifier();
        return;
      default: {
        this.out += literal(this.readCodePoint());
      }
    }
  }

  /** A lazy `?` passes; a possessive `+` has no JavaScript equivalent. */
  private quantifierSuffix(): string {
    if (this.peek() === '?') {
      this.i++;
      return '?';
    }
    if (this.peek() === '+') {
      this.unsupported('possessive quantifier');
    }
    return '';
  }

  private braceQuantifier(): string {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.i));
    if (!match) {
      this.unsupported("'{' that is not a quantifier");
    }
    this.i += match[0].length;
    return match[0] + this.quantifierSuffix();
  }

  private groupOpening(): string {
    const rest = this.pattern.slice(this.i);
    if (rest.startsWith('(?s)')) {
      this.i += 4;
      this.dotAll = true;
      return '';
    }
    const match = /^\((\?(:|=|!|<=|<!|<[a-zA-Z][a-zA-Z0-9]*>))?/.exec(rest)!;
    if (rest.startsWith('(?') && match[0] === '(') {
      this.unsupported('inline flags, atomic group or other special group');
    }
    this.i += match[0].length;
    return match[0];
  }

  /** An escape, outside (`inClass` false) or inside a character class. */
  private escape(inClass: boolean): string {
    const start = this.i;
    this.i++; // the backslash
    if (this.i >= this.pattern.length) {
      this.unsupported('trailing backslash');
    }
    const c = this.peek()!;
    switch (c) {
      case 'd': case 'D': case 'w': case 'W':
        this.i++;
        return `\\${c}`;
      case 's':
        this.i++;
        return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      case 'S':
        // Inside a class, characterClass() turns this marker into a union with the complement of \s.
        this.i++;
        return inClass ? NON_SPACE_MARKER : `[^${JAVA_SPACE}]`;
      case 'p': case 'P':
        return this.property(inClass);
      case 'b': case 'B':
        this.i++;
        return inClass ? this.unsupported(`\\${c} inside a class`) : `\\${c}`;
      case 'Q': {
        const end = this.pattern.indexOf('\\E', this.i);
        const quoted = this.pattern.slice(this.i + 1, end === -1 ? undefined : end);
        this.i = end === -1 ? this.pattern.length : end + 2;
        return [...quoted].map((ch) => (inClass ? classLiteral(ch.codePointAt(0)!) : literal(ch.codePointAt(0)!))).join('');
      }
      case 'A':
        this.i++;
        return inClass ? this.unsupported('\\A inside a class') : '^';
      case 'z':
        this.i++;
        return inClass ? this.unsupported('\\z inside a class') : '$';
      case 'Z':
        this.i++;
        return inClass ? this.unsupported('\\Z inside a class') : JAVA_DOLLAR;
      default:
    }
    if (/[1-9]/.test(c) && !inClass) {
      const match = /^\d+/.exec(this.pattern.slice(this.i))!;
      this.i += match[0].length;
      return `\\${match[0]}`;
    }
    this.i = start;
    const codePoint = this.escapedCodePoint();
    return inClass ? classLiteral(codePoint) : literal(codePoint);
  }

  /** `\t`, `\x41`, `\u00e9`, `\x{1F600}`, `\.`: an escape that stands for one code point. */
  private escapedCodePoint(): number {
    this.i++; // the backslash
    const c = this.peek()!;
    const simple: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, a: 0x07, e: 0x1b };
    if (c in simple) {
      this.i++;
      return simple[c];
    }
    if (c === 'x') {
      const match = /^x(?:([0-9a-fA-F]{2})|\{([0-9a-fA-F]+)\})/.exec(this.pattern.slice(this.i));
      if (!match) {
        this.unsupported('malformed \\x escape');
      }
      this.i += match[0].length;
      return parseInt(match[1] ?? match[2], 16);
    }
    if (c === 'u') {
      const high = this.uEscape();
      const next = /^\\u([0-9a-fA-F]{4})/.exec(this.pattern.slice(this.i));
      if (high >= 0xd800 && high <= 0xdbff && next) {
        const low = parseInt(next[1], 16);
        if (low >= 0xdc00 && low <= 0xdfff) {
          this.i += next[0].length;
          return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        }
      }
      return high;
    }
    if (/[a-zA-Z0-9]/.test(c)) {
      this.unsupported(`escape \\${c}`);
    }
    return this.readCodePoint();
  }

  private uEscape(): number {
    const match = /^u([0-9a-fA-F]{4})/.exec(this.pattern.slice(this.i));
    if (!match) {
      this.unsupported('malformed \\u escape');
    }
    this.i += match[0].length;
    return parseInt(match[1], 16);
  }

  /** `\p{L}`, `\pL`, `\p{IsL}`, `\p{gc=L}`, `\P{..}`: Unicode general categories, and the POSIX classes. */
  private property(inClass: boolean): string {
    const negated = this.peek() === 'P';
    this.i++;
    let name: string;
    if (this.peek() === '{') {
      const end = this.pattern.indexOf('}', this.i);
      if (end === -1) {
        this.unsupported('unclosed \\p{');
      }
      name = this.pattern.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = this.pattern[this.i] ?? '';
      this.i++;
    }
    const posix = POSIX_CLASSES[name];
    if (posix !== undefined) {
      if (negated && inClass) {
        this.unsupported(`\\P{${name}} inside a class`);
      }
      return inClass ? posix : `[${negated ? '^' : ''}${posix}]`;
    }
    const category = name.replace(/^(Is|gc=|general_category=)/i, '');
    if (!GENERAL_CATEGORIES.has(category)) {
      this.unsupported(`property \\p{${name}}`);
    }
    return `\\${negated ? 'P' : 'p'}{${category}}`;
  }

  private characterClass(): string {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    if (this.peek() === ']') {
      this.unsupported("']' first in a class");
    }
    let body = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) {
        this.unsupported('unclosed class');
      }
      if (c === ']') {
        this.i++;
        break;
      }
      if (c === '[') {
        this.unsupported('nested class (union)');
      }
      if (c === '&' && this.peek(1) === '&') {
        this.unsupported('class intersection');
      }
      const from = this.classAtom();
      // A '-' between two code points is a range; anywhere else it is a literal '-'.
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && 'codePoint' in from) {
        this.i++;
        if (this.peek() === '[') {
          this.unsupported('nested class (union)');
        }
        const to = this.classAtom();
        if (!('codePoint' in to)) {
          this.unsupported('range ending in a set');
        }
        if (to.codePoint < from.codePoint) {
          this.unsupported('reversed range');
        }
        body += `${classLiteral(from.codePoint)}-${classLiteral(to.codePoint)}`;
      } else {
        body += 'codePoint' in from ? classLiteral(from.codePoint) : from.set;
      }
    }
    if (!body.includes(NON_SPACE_MARKER)) {
      return `[${negated ? '^' : ''}${body}]`;
    }
    // [..\S..] is [..] or a non-space; [^..\S..] is neither [..] nor a non-space: a space that is not in [..].
    const rest = body.split(NON_SPACE_MARKER).join('');
    if (negated) {
      return rest ? `(?:(?![${rest}])[${JAVA_SPACE}])` : `[${JAVA_SPACE}]`;
    }
    return rest ? `(?:[${rest}]|[^${JAVA_SPACE}])` : `[^${JAVA_SPACE}]`;
  }

  private classAtom(): ClassAtom {
    if (this.peek() !== '\\') {
      return { codePoint: this.readCodePoint() };
    }
    const c = this.peek(1);
    if (c !== undefined && 'dDwWsSpP'.includes(c)) {
      return { set: this.escape(true) };
    }
    if (c === 'Q') {
      return { set: this.escape(true) };
    }
    return { codePoint: this.escapedCodePoint() };
  }
}

function hex(codePoint: number): string {
  return `\\u{${codePoint.toString(16).toUpperCase()}}`;
}

/** A code point as a literal outside a class. */
function literal(codePoint: number): string {
  const c = String.fromCodePoint(codePoint);
  if (SYNTAX_CHARACTERS.has(c)) {
    return `\\${c}`;
  }
  return codePoint >= 0x21 && codePoint <= 0x7e ? c : hex(codePoint);
}

/** A code point as a literal inside a class. */
function classLiteral(codePoint: number): string {
  const c = String.fromCodePoint(codePoint);
  if (CLASS_SYNTAX_CHARACTERS.has(c)) {
    return `\\${c}`;
  }
  return codePoint >= 0x21 && codePoint <= 0x7e ? c : hex(codePoint);
}
