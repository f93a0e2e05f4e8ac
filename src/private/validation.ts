import { Token } from 'aws-cdk-lib';

/** Patterns longer than this are not shown in errors: the rule's words say what it allows. */
const MAX_SHOWN_PATTERN = 100;

/**
 * A constraint on a string: length bounds and an optional pattern, as the SageMaker API model states them.
 *
 * Lengths are counted in UTF-16 code units, as the SageMaker service (Java) counts them; this is never
 * more permissive than CloudFormation's count of code points.
 */
export interface StringRule {
  readonly min: number;
  readonly max: number;
  /** Matched against the whole value. */
  readonly pattern?: RegExp;
  /**
   * The pattern as error messages show it, when its source is not what the service states.
   *
   * @default - the pattern's source, when it has at most 100 characters
   */
  readonly shownPattern?: string;
  /** What the pattern allows, in words, for error messages. */
  readonly allowed?: string;
}

/** A constraint on a whole number. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
}

/** A constraint on the number of items of a list. */
export interface CountRule {
  readonly min: number;
  readonly max: number;
}

/**
 * Collects every rule a construct's input breaks, so that one error names all of them: one problem per broken
 * rule, each naming the property, its value and the rule.
 *
 * Values that are tokens are never judged: their value is known only at deployment.
 */
export class Validator {
  private readonly problems: string[] = [];

  public get errors(): string[] {
    return [...this.problems];
  }

  /** Records a broken rule: `property` is the prop's name as the user wrote it. */
  public fail(property: string, message: string): this {
    this.problems.push(`${property}: ${message}`);
    return this;
  }

  /**
   * Checks an optional string against a rule: its length first, then its pattern (one problem at most).
   *
   * @returns whether the value passed (true for undefined and tokens, which are not judged)
   */
  public string(property: string, value: string | undefined, rule: StringRule): boolean {
    if (value === undefined || Token.isUnresolved(value)) {
      return true;
    }
    if (value.length < rule.min || value.length > rule.max) {
      const bounds = rule.min === rule.max ? `${rule.min}` : `${rule.min} to ${rule.max}`;
      this.fail(property, `${quote(value, false)} has ${value.length} characters; it must have ${bounds}`);
      return false;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.fail(property, `${quote(value)} is not allowed; it must be ${describePattern(rule)}`);
      return false;
    }
    return true;
  }

  /**
   * Checks the number of items of an optional list; a list token is not judged.
   *
   * @returns whether the count passed
   */
  public count(property: string, values: readonly unknown[] | undefined, rule: CountRule): boolean {
    if (values === undefined || Token.isUnresolved(values)) {
      return true;
    }
    if (values.length < rule.min || values.length > rule.max) {
      this.fail(property, `has ${values.length} items; it must have ${rule.min} to ${rule.max}`);
      return false;
    }
    return true;
  }

  /**
   * Checks an optional whole number against a rule; a number token is not judged.
   *
   * @param unit what the number counts, for the message, such as `seconds`
   * @returns whether the number passed
   */
  public number(property: string, value: number | undefined, rule: NumberRule, unit?: string): boolean {
    if (value === undefined || Token.isUnresolved(value)) {
      return true;
    }
    const counted = unit ? ` ${unit}` : '';
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
      const bounds = rule.max === Number.POSITIVE_INFINITY ? `a whole number of at least ${rule.min}` : `a whole number from ${rule.min} to ${rule.max}`;
      this.fail(property, `${value}${counted} is not allowed; it must be ${bounds}${counted}`);
      return false;
    }
    return true;
  }

  /**
   * Throws one error naming the construct and every broken rule, if any.
   *
   * @param kind what the construct is, such as `Workteam`
   * @param path the construct path
   */
  public throwIfInvalid(kind: string, path: string): void {
    if (this.problems.length > 0) {
      const lines = this.problems.map((e) => `  - ${e}`).join('\n');
      throw new Error(`Invalid ${kind} at '${path}':\n${lines}`);
    }
  }
}

/** What a rule's pattern allows: its words, with the pattern when it is short enough to read. */
function describePattern(rule: StringRule): string {
  const pattern = rule.shownPattern ?? rule.pattern!.source;
  const shown = pattern.length <= MAX_SHOWN_PATTERN ? `(pattern ${pattern})` : undefined;
  return [rule.allowed, shown].filter((part) => part !== undefined).join(' ') || 'what its pattern allows';
}

/**
 * A value as shown in an error: quoted, with control characters escaped, shortened when long, then followed by
 * its length (unless `withLength` is false, for a message that states the length itself).
 */
export function quote(value: string, withLength = true): string {
  const json = JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (json.length <= 80) {
    return json;
  }
  return `${json.slice(0, 70)}..."${withLength ? ` (${value.length} characters)` : ''}`;
}
