import { Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { Shape } from './api-model';
import * as arb from './arbitraries';
import { matchesJavaPattern } from './java-regex';
import { deployTruthStack } from './synth';

/*
 * What the property-based deploy-truth test files share: how many runs, how a broken prop must be reported (the
 * wording of src/private/validation.ts), and generators of tags.
 */

/** The runs of each property: FC_NUM_RUNS, else 500 (`npx projen test:properties` runs 5000). */
export const NUM_RUNS = numRunsFromEnvironment();

export function numRunsFromEnvironment(): number {
  const text = process.env.FC_NUM_RUNS;
  if (text === undefined || text === '') {
    return 500;
  }
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`FC_NUM_RUNS must be a positive integer, not ${JSON.stringify(text)}`);
  }
  return runs;
}

/** A Jest timeout for a property: a minute, plus `msPerRun` for each run. */
export function timeoutFor(msPerRun: number): number {
  return 60_000 + NUM_RUNS * msPerRun;
}

export function assertProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, parameters: fc.Parameters<[T]> = {}): void {
  fc.assert(fc.property(arbitrary, predicate), { numRuns: NUM_RUNS, ...parameters });
}

/** A way to break one rule: what to build, and the one problem the library must report. */
export interface Broken {
  /** Builds the construct (or its parts) in the stack; throwing is fine. */
  readonly build: (stack: Stack) => void;
  /** The problem line of the error, without its leading "  - " or "  [Stack/Team] ". */
  readonly problem: RegExp;
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A value as the library quotes it: in JSON, and shortened to '"...(70)..." (N characters)' when long. */
export const QUOTED = '".*"(?: \\(\\d+ characters\\))?';

/**
 * `property: "<value>" has N characters; it must have min to max`, as the library words it, the length stated once.
 * Without `min` (the model gives some strings none: their pattern makes them non-empty), any minimum.
 */
export function lengthProblem(property: string, value: string, min: number | undefined, max: number): RegExp {
  const bounds = min === undefined ? `\\d+ to ${max}` : `${min} to ${max}`;
  return new RegExp(`^${escape(property)}: ".*" has ${value.length} characters; it must have ${bounds}$`, 's');
}

/**
 * `property: "<value>" is not allowed; it must be <words> (pattern <pattern>)`, as the library words it: the
 * pattern only when it has at most 100 characters, the words (or the pattern) always.
 */
export function patternProblem(property: string): RegExp {
  return new RegExp(`^${escape(property)}: ${QUOTED} is not allowed; it must be (?!.*\\(pattern .{101,}\\)$).+$`, 's');
}

/** `property: has N items; it must have min to max`, as the library words it. */
export function countProblem(property: string, count: number, min: number, max: number): RegExp {
  return new RegExp(`^${escape(property)}: has ${count} items; it must have ${min} to ${max}$`);
}

/** Either problem. */
export function eitherProblem(a: RegExp, b: RegExp): RegExp {
  return new RegExp(`(?:${a.source})|(?:${b.source})`, 's');
}

/**
 * The minimum length the model really states: none when it states none, or states 0 for a pattern that takes no
 * empty value (botocore 1.43 gives `https://\S+` and `[!#-\[\]-~]+( ...)*` a `min` of 0): the pattern sets it.
 */
export function statedMinimum(shape: { min?: number; pattern?: string }): number | undefined {
  if (shape.min === 0 && shape.pattern !== undefined && !matchesJavaPattern(shape.pattern, '')) {
    return undefined;
  }
  return shape.min;
}

/**
 * The problem of a value that breaks one string rule of `shape`: its length if that is wrong, else its pattern.
 * An empty value of a shape without a minimum breaks the pattern, which the library may report as a length.
 */
export function stringProblem(property: string, value: string, shapeWithPattern: { min?: number; max?: number; pattern?: string }): RegExp {
  const shape = { ...shapeWithPattern, min: statedMinimum(shapeWithPattern) };
  const min = shape.min ?? 0;
  if (value.length < min || value.length > shape.max!) {
    return lengthProblem(property, value, shape.min, shape.max!);
  }
  if (shape.min === undefined && value === '') {
    return eitherProblem(lengthProblem(property, value, undefined, shape.max!), patternProblem(property));
  }
  return patternProblem(property);
}

/** The problems an error of the library lists: "  - problem" at construction, "  [path] problem" at synth. */
export function problemsOf(message: string): string[] {
  return message
    .split('\n')
    .map((line) => /^ {2}(?:- |\[[^\]]*\] )(.*)$/s.exec(line)?.[1])
    .filter((problem): problem is string => problem !== undefined);
}

/** Builds in a new stack and synthesizes: it must fail with exactly the one problem of `broken`. */
export function expectRejected(broken: Broken): void {
  const stack = deployTruthStack();
  let error: unknown;
  try {
    broken.build(stack);
    (stack.node.root as any).synth();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof Error)) {
    // (one `expect` a run: each call of a matcher captures a stack trace, which costs more than the check)
    expect(error).toBeInstanceOf(Error);
    return;
  }
  expect(problemsOf(error.message)).toEqual([expect.stringMatching(broken.problem)]);
}

/** A text of the characters of `set` that is too long: 1 to 40 characters longer than `max`. */
export function tooLong(set: arb.CharacterSet, max: number): fc.Arbitrary<string> {
  return arb.stringOf(set, max + 1, max + 40);
}

/** A valid text with one character of `forbidden` inserted anywhere (callers keep it within the maximum length). */
export function withForbidden(valid: fc.Arbitrary<string>, forbidden: arb.CharacterSet): fc.Arbitrary<string> {
  return arb.insertedAnywhere(valid, arb.characterOf(forbidden));
}

type NamedShape = Shape & { name: string };

/**
 * The characters of a tag key or value that both the model's pattern and the registry schema of `resourceType`
 * take: the engine of the schema may know fewer letters than Node (see `arb.charactersTheTagSchemaTakes`).
 */
export function tagCharacters(shape: NamedShape, resourceType: string, part: 'Key' | 'Value'): arb.CharacterSet {
  return arb.charactersTheTagSchemaTakes(arb.charactersOf(shape), resourceType)[part];
}

/** Tag keys starting with 'aws:' (in any case) are reserved: a rule of the service that the model does not state. */
export function validTagKey(tagKey: NamedShape, resourceType: string): fc.Arbitrary<string> {
  return arb
    .stringOf(tagCharacters(tagKey, resourceType, 'Key'), tagKey.min ?? 0, tagKey.max!)
    .filter((key) => !key.toLowerCase().startsWith('aws:'));
}

/** Mostly a few tags (`size: 'small'`), sometimes as many as the model allows. */
export function validTags(
  shapes: { tags: Shape; tagKey: NamedShape; tagValue: NamedShape },
  resourceType: string,
): fc.Arbitrary<Record<string, string>> {
  const key = validTagKey(shapes.tagKey, resourceType);
  const value = arb.stringOf(tagCharacters(shapes.tagValue, resourceType, 'Value'), shapes.tagValue.min ?? 0, shapes.tagValue.max!);
  return fc.oneof(
    {
      arbitrary: fc.dictionary(key, value, { minKeys: shapes.tags.min ?? 0, maxKeys: shapes.tags.max, size: 'small' }),
      weight: 9,
    },
    fc.dictionary(key, value, { minKeys: shapes.tags.max, maxKeys: shapes.tags.max }),
  );
}

/**
 * Props whose tags break one rule: too many, a key or value too long or with a character the model does not take,
 * an empty key, an 'aws:' key. `build` makes the construct with those tags; the problems are reported at synth.
 * With `resourceType`, the parts that must be valid use only characters its registry schema also takes (see
 * `tagCharacters`), so that they break no rule of the schema.
 */
export function brokenTags(
  shapes: { tags: Shape; tagKey: NamedShape; tagValue: NamedShape },
  build: (tags: Record<string, string>) => (stack: Stack) => void,
  resourceType?: string,
): fc.Arbitrary<Broken> {
  const { tags, tagKey, tagValue } = shapes;
  const min = (shape: { min?: number }) => shape.min ?? 0;
  const keyCharacters = resourceType ? tagCharacters(tagKey, resourceType, 'Key') : arb.charactersOf(tagKey);
  const valueCharacters = resourceType ? tagCharacters(tagValue, resourceType, 'Value') : arb.charactersOf(tagValue);
  const validValue = arb.stringOf(valueCharacters, min(tagValue), tagValue.max!);
  const badKey = fc.oneof(
    tooLong(keyCharacters, tagKey.max!),
    ...(min(tagKey) > 0 ? [fc.constant('')] : []),
    withForbidden(arb.stringOf(keyCharacters, 0, tagKey.max! - 2), arb.charactersNotIn(tagKey)),
  );
  const badValue = fc.oneof(
    tooLong(valueCharacters, tagValue.max!),
    withForbidden(arb.stringOf(valueCharacters, 0, tagValue.max! - 2), arb.charactersNotIn(tagValue)),
  );
  // 'aws:' in any case, then valid key characters
  const reservedKey = fc
    .tuple(fc.constantFrom('a', 'A'), fc.constantFrom('w', 'W'), fc.constantFrom('s', 'S'), arb.stringOf(keyCharacters, 0, tagKey.max! - 4))
    .map(([a, w, s, rest]) => `${a}${w}${s}:${rest}`);
  // Many tags: short ones, which keep the run fast.
  const shortKey = arb.stringOf(keyCharacters, Math.max(min(tagKey), 1), 12).filter((key) => !key.toLowerCase().startsWith('aws:'));
  const shortValue = arb.stringOf(valueCharacters, min(tagValue), 12);
  return fc.oneof(
    fc
      .dictionary(shortKey, shortValue, { minKeys: tags.max! + 1, maxKeys: tags.max! + 5 })
      .map((t): Broken => ({ build: build(t), problem: countProblem('tags', Object.keys(t).length, min(tags), tags.max!) })),
    fc.tuple(badKey, validValue).map(([key, value]): Broken => ({
      build: build({ [key]: value }),
      problem: stringProblem(`tags key ${JSON.stringify(key)}`, key, tagKey),
    })),
    fc.tuple(arb.stringOf(keyCharacters, min(tagKey), tagKey.max!).filter((key) => !key.toLowerCase().startsWith('aws:')), badValue).map(([key, value]): Broken => ({
      build: build({ [key]: value }),
      problem: stringProblem(`tags[${JSON.stringify(key)}]`, value, tagValue),
    })),
    fc.tuple(reservedKey, validValue).map(([key, value]): Broken => ({
      build: build({ [key]: value }),
      problem: new RegExp(`^${escape(`tags key ${JSON.stringify(key)}`)}: keys starting with 'aws:' are reserved for AWS$`),
    })),
  );
}
