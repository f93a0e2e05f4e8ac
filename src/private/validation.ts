import { Token } from 'aws-cdk-lib';

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
   * The pattern as error messages show it, when its source is too long to show.
   *
   * @default - the pattern's source
   */
  readonly shownPattern?: string;
  /** What the pattern allows, in words, for error messages. */
  readonly allowed?: string;
}

/** A constraint on the number of items of a list. */
export interface CountRule {
  readonly min: number;
  readonly max: number;
}

/**
 * Collects every rule a construct's input breaks, so that one error names all of them.
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

  /** Checks an optional string against a rule. */
  public string(property: string, value: string | undefined, rule: StringRule): this {
    if (value === undefined || Token.isUnresolved(value)) {
      return this;
    }
    // The value is quoted only for a message: most values pass, and synth checks every team's.
    if (value.length < rule.min || value.length > rule.max) {
      const bounds = rule.min === rule.max ? `${rule.min}` : `${rule.min} to ${rule.max}`;
      return this.fail(property, `${quote(value)} has ${value.length} characters; it must have ${bounds}`);
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      const allowed = rule.allowed ? `${rule.allowed} ` : '';
      return this.fail(property, `${quote(value)} is not allowed; it must be ${allowed}(pattern ${rule.shownPattern ?? rule.pattern.source})`);
    }
    return this;
  }

  /** Checks the number of items of an optional list; a list token is not judged. */
  public count(property: string, values: readonly unknown[] | undefined, rule: CountRule): this {
    if (values === undefined || Token.isUnresolved(values)) {
      return this;
    }
    if (values.length < rule.min || values.length > rule.max) {
      return this.fail(property, `has ${values.length} items; it must have ${rule.min} to ${rule.max}`);
    }
    return this;
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

/** A value as shown in an error: quoted, with control characters escaped, shortened when long. */
export function quote(value: string): string {
  const json = JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return json.length > 80 ? `${json.slice(0, 70)}..." (${value.length} characters)` : json;
}
