import * as fc from 'fast-check';
import { ApiModel, Shape, shapeAt } from './api-model';
import { validateAgainstCfnSchema } from './cfn-schema';
import { cachedOnDisk } from './disk-cache';
import { javaPatternToRegExp } from './java-regex';
import { DEPLOY_TRUTH_ENV } from './synth';

/*
 * fast-check generators of values the SageMaker API model accepts (and of values it rejects), derived from the
 * model: lengths and counts are the model's, and character classes are the characters the model's patterns
 * accept, found by trying every code point. The library's own rules (src/private/rules.ts) are never read here:
 * the property tests check the library against the model, not against itself.
 */

/** The characters of a class, by kind, so that generators pick ASCII often and other characters regularly. */
export interface CharacterSet {
  /** U+0000 to U+007F. */
  readonly ascii: readonly string[];
  /** Other characters of the Basic Multilingual Plane: one UTF-16 code unit each. */
  readonly bmp: readonly string[];
  /** Characters beyond U+FFFF (emoji, historic scripts, ...): two UTF-16 code units each. */
  readonly astral: readonly string[];
}

const characterSets = new Map<string, CharacterSet>();

/**
 * The code points tried: the Basic Multilingual Plane (but the surrogates), the Supplementary Multilingual Plane
 * (emoji, historic scripts, symbols) and the Supplementary Ideographic Plane, plus the edges of the planes above
 * (tag characters, private use, the last code point). The rest, private use and planes that are mostly unassigned
 * or assigned in recent Unicode versions (which the service's Java may not know yet), would only slow the tests.
 */
const CODE_POINT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0xd7ff],
  [0xe000, 0x2ffff],
  [0xe0000, 0xe007f],
  [0xf0000, 0xf00ff],
  [0x10fffd, 0x10ffff],
];

/** Every character (every code point of CODE_POINT_RANGES) for which `test` holds; `key` names the set in a cache. */
export function charactersWhere(key: string, test: (character: string) => boolean): CharacterSet {
  let set = characterSets.get(key);
  if (!set) {
    set = cachedOnDisk(`charactersWhere ${key}\0${test.toString()}`, () => {
      const ascii: string[] = [];
      const bmp: string[] = [];
      const astral: string[] = [];
      for (const [from, to] of CODE_POINT_RANGES) {
        for (let codePoint = from; codePoint <= to; codePoint++) {
          const character = String.fromCodePoint(codePoint);
          if (test(character)) {
            (codePoint < 0x80 ? ascii : codePoint <= 0xffff ? bmp : astral).push(character);
          }
        }
      }
      return { ascii, bmp, astral };
    }, encodeCharacterSet, decodeCharacterSet);
    characterSets.set(key, set);
  }
  return set;
}

/** A character set as JSON data: each kind's characters in one string. */
function encodeCharacterSet(set: CharacterSet): Record<keyof CharacterSet, string> {
  return { ascii: set.ascii.join(''), bmp: set.bmp.join(''), astral: set.astral.join('') };
}

function decodeCharacterSet(data: Record<keyof CharacterSet, string>): CharacterSet {
  return { ascii: [...data.ascii], bmp: [...data.bmp], astral: [...data.astral] };
}

/** The characters a pattern such as `[\p{L}\p{N}]+` or `.+` accepts as a whole value of one character. */
export function charactersOf(shape: Shape & { name: string }): CharacterSet {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  return charactersWhere(`${shape.pattern}`, (c) => pattern.test(c));
}

/** The characters such a pattern rejects. */
export function charactersNotIn(shape: Shape & { name: string }): CharacterSet {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  return charactersWhere(`not ${shape.pattern}`, (c) => !pattern.test(c));
}

function requirePattern(shape: Shape & { name: string }): string {
  if (shape.pattern === undefined) {
    throw new Error(`the model gives ${shape.name} no pattern`);
  }
  return shape.pattern;
}

function pick(characters: readonly string[]): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: characters.length - 1 }).map((index) => characters[index]);
}

/** One character of `set`: ASCII most often, other BMP characters and astral characters regularly. */
export function characterOf(set: CharacterSet): fc.Arbitrary<string> {
  const kinds = [
    { characters: set.ascii, weight: 6 },
    { characters: set.bmp, weight: 3 },
    { characters: set.astral, weight: 1 },
  ].filter((kind) => kind.characters.length > 0);
  if (kinds.length === 0) {
    throw new Error('an empty character set');
  }
  return fc.oneof(...kinds.map(({ characters, weight }) => ({ arbitrary: pick(characters), weight })));
}

/** A length from `min` to `max`, often exactly `min` or `max`. */
export function lengthBetween(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof({ arbitrary: fc.integer({ min, max }), weight: 4 }, fc.constant(min), fc.constant(max));
}

/** An array of `min` to `max` items, often exactly `min` or `max`; `selector` makes the items unique. */
export function arrayOf<T>(item: fc.Arbitrary<T>, min: number, max: number, selector?: (value: T) => unknown): fc.Arbitrary<T[]> {
  return lengthBetween(min, max).chain((length) =>
    selector ? fc.uniqueArray(item, { minLength: length, maxLength: length, selector }) : fc.array(item, { minLength: length, maxLength: length }),
  );
}

/**
 * A string of characters of `set` with a length (in UTF-16 code units, as Java counts) from `min` to `max`,
 * often exactly `min` or `max`.
 */
export function stringOf(set: CharacterSet, min: number, max: number): fc.Arbitrary<string> {
  const filler = set.ascii[0] ?? set.bmp[0];
  return lengthBetween(min, max).chain((length) =>
    fc.array(characterOf(set), { minLength: length, maxLength: length }).map((characters) => {
      let text = '';
      for (const character of characters) {
        if (text.length + character.length <= length) {
          text += character;
        }
      }
      // An astral character does not fit in the last code unit: a one-unit character does.
      while (text.length < length) {
        text += filler;
      }
      return text;
    }),
  );
}

/** A string of the length the model gives `shape` (min 0 when it gives none), of characters its pattern accepts. */
export function validStringOf(shape: Shape & { name: string }, max = shape.max!): fc.Arbitrary<string> {
  return stringOf(charactersOf(shape), shape.min ?? 0, max);
}

/** The characters a name pattern (such as `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`) accepts first, in the middle and last. */
export function nameCharacters(shape: Shape & { name: string }): { first: CharacterSet; middle: CharacterSet; last: CharacterSet } {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  const first = charactersWhere(`first ${shape.pattern}`, (c) => pattern.test(c));
  const e = first.ascii[0];
  return {
    first,
    middle: charactersWhere(`middle ${shape.pattern}`, (c) => pattern.test(e + c + e)),
    last: charactersWhere(`last ${shape.pattern}`, (c) => pattern.test(e + c)),
  };
}

/**
 * A name of `min` to `max` characters whose first, middle and last characters are each ones the pattern accepts
 * at that place (found by trying them between characters the model accepts). Longer than the model's maximum,
 * it is a name whose only fault is its length.
 */
export function nameOf(shape: Shape & { name: string }, min: number, max: number): fc.Arbitrary<string> {
  const { first, middle, last } = nameCharacters(shape);
  return lengthBetween(min, max).chain((length) =>
    length === 1
      ? characterOf(first)
      : fc.tuple(characterOf(first), stringOf(middle, length - 2, length - 2), characterOf(last)).map(([a, b, c]) => a + b + c),
  );
}

/** A name the model accepts (a pattern like `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`), of the model's lengths. */
export function validNameOf(shape: Shape & { name: string }): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  return nameOf(shape, Math.max(shape.min ?? 1, 1), shape.max!).filter((name) => name.length <= shape.max! && pattern.test(name));
}

/** The characters a name pattern rejects in the middle of a name. */
export function charactersNotInName(shape: Shape & { name: string }): CharacterSet {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  const e = charactersWhere(`first ${shape.pattern}`, (c) => pattern.test(c)).ascii[0];
  return charactersWhere(`not middle ${shape.pattern}`, (c) => !pattern.test(e + c + e));
}

/** `text` with `character` inserted at an arbitrary place. */
export function insertedAnywhere(text: fc.Arbitrary<string>, character: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, character, fc.nat()).map(([t, c, at]) => {
    const units = [...t];
    const index = at % (units.length + 1);
    return [...units.slice(0, index), c, ...units.slice(index)].join('');
  });
}

/** Constraints of the members of CreateWorkteam the generators need, read from the model. */
export function workteamShapes(model: ApiModel) {
  const at = (...path: string[]) => shapeAt(model, 'CreateWorkteam', path);
  return {
    workteamName: at('WorkteamName'),
    workforceName: at('WorkforceName'),
    description: at('Description'),
    memberDefinitions: at('MemberDefinitions'),
    userPool: at('MemberDefinitions', '[]', 'CognitoMemberDefinition', 'UserPool'),
    userGroup: at('MemberDefinitions', '[]', 'CognitoMemberDefinition', 'UserGroup'),
    clientId: at('MemberDefinitions', '[]', 'CognitoMemberDefinition', 'ClientId'),
    oidcGroups: at('MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups'),
    oidcGroup: at('MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups', '[]'),
    topicArn: at('NotificationConfiguration', 'NotificationTopicArn'),
    tags: at('Tags'),
    tagKey: at('Tags', '[]', 'Key'),
    tagValue: at('Tags', '[]', 'Value'),
    /** The worker access settings (Enabled or Disabled) of UpdateWorkteam, the call of the custom resource. */
    sourceIp: shapeAt(model, 'UpdateWorkteam', ['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints', 'SourceIp']),
    vpcSourceIp: shapeAt(model, 'UpdateWorkteam', ['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints', 'VpcSourceIp']),
  };
}

export type WorkteamShapes = ReturnType<typeof workteamShapes>;

/**
 * A Cognito user pool id of the model's pattern (`[\w-]+_[0-9a-zA-Z]+`): a prefix (often a region), an underscore
 * and a suffix, each of the characters the pattern takes there, `min` to `max` characters long (the model's by
 * default; longer, it is an id whose only fault is its length). A prefix that reads as a region is `region`'s: a
 * pool imported by id is in its stack's region, and the library rejects an id that names another.
 */
export function userPoolIdOf(
  shape: Shape & { name: string },
  min = Math.max(shape.min ?? 1, 3),
  max = shape.max!,
  region = DEPLOY_TRUTH_REGION,
): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  const prefix = charactersWhere(`prefix ${shape.pattern}`, (c) => pattern.test(`${c}_a`));
  const suffix = charactersWhere(`suffix ${shape.pattern}`, (c) => pattern.test(`a_${c}`));
  return lengthBetween(min, max)
    .chain((length) => {
      const fitting = [region].filter((r) => r.length <= length - 2);
      const anyPrefix = lengthBetween(1, length - 2).chain((n) => stringOf(prefix, n, n));
      return (fitting.length > 0 ? fc.oneof(fc.constantFrom(...fitting), anyPrefix) : anyPrefix).chain((p) =>
        stringOf(suffix, length - 1 - p.length, length - 1 - p.length).map((x) => `${p}_${x}`),
      );
    })
    .filter((id) => pattern.test(id) && [undefined, region].includes(REGION_OF_POOL_ID.exec(id)?.[1]));
}

/** The region of the deploy-truth stacks, which imported pool ids name. */
const DEPLOY_TRUTH_REGION = DEPLOY_TRUTH_ENV.region!;
/** A region as it starts a user pool id, as the library reads it (src/private/user-pool-region.ts). */
const REGION_OF_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/;

/** A Cognito user pool id the model accepts, of `region` where its prefix reads as a region. */
export function validUserPoolId(shape: Shape & { name: string }, region = DEPLOY_TRUTH_REGION): fc.Arbitrary<string> {
  return userPoolIdOf(shape, undefined, undefined, region);
}

/**
 * An SNS topic ARN the model accepts (`arn:aws[a-z\-]*:sns:[a-z0-9\-]*:[0-9]{12}:[a-zA-Z0-9_.-]*`), with a topic
 * name of `minNameLength` to `maxNameLength` characters.
 */
export function validTopicArn(shape: Shape & { name: string }, maxNameLength: number, minNameLength = 1): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  const letters = (alphabet: string, min: number, max: number) =>
    fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const partition = fc.oneof(fc.constantFrom('', '-cn', '-us-gov', '-iso', '-iso-b'), letters(`${lower}-`, 0, 12));
  const region = fc.oneof(fc.constantFrom('us-east-1', 'eu-central-2', 'cn-north-1'), letters(`${lower}0123456789-`, 1, 20));
  const account = letters('0123456789', 12, 12);
  const name = letters(`${lower}${lower.toUpperCase()}0123456789_.-`, minNameLength, maxNameLength);
  return fc
    .tuple(partition, region, account, name)
    .map(([p, r, a, n]) => `arn:aws${p}:sns:${r}:${a}:${n}`)
    .filter((arn) => pattern.test(arn) && (shape.max === undefined || arn.length <= shape.max));
}

// ---------------------------------------------------------------------------------------------------------------
// Workforces (CreateWorkforce)
// ---------------------------------------------------------------------------------------------------------------

type NamedShape = Shape & { name: string };

/** Constraints of the members of CreateWorkforce the generators need, read from the model. */
export function workforceShapes(model: ApiModel) {
  const at = (...path: string[]) => shapeAt(model, 'CreateWorkforce', path);
  return {
    workforceName: at('WorkforceName'),
    userPool: at('CognitoConfig', 'UserPool'),
    cognitoClientId: at('CognitoConfig', 'ClientId'),
    oidcClientId: at('OidcConfig', 'ClientId'),
    clientSecret: at('OidcConfig', 'ClientSecret'),
    /** The six endpoints of OidcConfig, each with its shape (OidcEndpoint). */
    endpoints: {
      issuer: at('OidcConfig', 'Issuer'),
      authorizationEndpoint: at('OidcConfig', 'AuthorizationEndpoint'),
      tokenEndpoint: at('OidcConfig', 'TokenEndpoint'),
      userInfoEndpoint: at('OidcConfig', 'UserInfoEndpoint'),
      logoutEndpoint: at('OidcConfig', 'LogoutEndpoint'),
      jwksUri: at('OidcConfig', 'JwksUri'),
    },
    scope: at('OidcConfig', 'Scope'),
    extraParams: at('OidcConfig', 'AuthenticationRequestExtraParams'),
    extraParamKey: at('OidcConfig', 'AuthenticationRequestExtraParams', '{key}'),
    extraParamValue: at('OidcConfig', 'AuthenticationRequestExtraParams', '{value}'),
    ipAddressType: at('IpAddressType'),
    cidrs: at('SourceIpConfig', 'Cidrs'),
    cidr: at('SourceIpConfig', 'Cidrs', '[]'),
    vpcId: at('WorkforceVpcConfig', 'VpcId'),
    subnets: at('WorkforceVpcConfig', 'Subnets'),
    subnetId: at('WorkforceVpcConfig', 'Subnets', '[]'),
    securityGroupIds: at('WorkforceVpcConfig', 'SecurityGroupIds'),
    securityGroupId: at('WorkforceVpcConfig', 'SecurityGroupIds', '[]'),
    tags: at('Tags'),
    tagKey: at('Tags', '[]', 'Key'),
    tagValue: at('Tags', '[]', 'Value'),
  };
}

export type WorkforceShapes = ReturnType<typeof workforceShapes>;

/**
 * The characters a Java pattern such as `\S` accepts as one whole character (`matchesJavaPattern(pattern, c)`);
 * `and` narrows them further.
 */
export function charactersOfJavaPattern(pattern: string, and: (character: string) => boolean = () => true, key = ''): CharacterSet {
  const regexp = javaPatternToRegExp(pattern);
  return charactersWhere(`java ${pattern} ${key}`, (c) => regexp.test(c) && and(c));
}

/**
 * A URL of a pattern like `https://\S+` (OidcEndpoint): `prefix`, then characters of `rest`, of `min` to `max`
 * characters in all, and matching the shape's pattern.
 */
export function urlOf(shape: NamedShape, prefix: string, rest: CharacterSet, min: number, max: number): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  return stringOf(rest, Math.max(min - prefix.length, 0), max - prefix.length)
    .map((tail) => prefix + tail)
    .filter((url) => url.length <= max && pattern.test(url));
}

/**
 * Words of the characters of `word`, separated by single spaces (a pattern like `^[!#-\[\]-~]+( [!#-\[\]-~]+)*$`),
 * `min` to `max` characters long.
 */
export function wordsOf(word: CharacterSet, min: number, max: number): fc.Arbitrary<string> {
  const filler = word.ascii[0] ?? word.bmp[0];
  return lengthBetween(min, max).chain((length) => {
    const spaces = fc.array(fc.nat({ max: Math.max(length - 1, 0) }), { maxLength: Math.floor(length / 2) });
    return fc.tuple(stringOf(word, length, length), spaces).map(([text, places]) => {
      const units = [...text];
      // A space replaces a one-unit character, never the first or last, nor next to another space.
      for (const at of places) {
        if (at > 0 && at < units.length - 1 && units[at].length === 1 && units[at - 1] !== ' ' && units[at + 1] !== ' ') {
          units[at] = ' ';
        }
      }
      return units.join('') || filler;
    });
  });
}

/** An IPv4 address, each number written without leading zeros. */
export function ipv4Address(): fc.Arbitrary<string> {
  return fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((numbers) => numbers.join('.'));
}

/**
 * An IPv6 address of eight groups of 1 to 4 hexadecimal digits (either case), as written or with a run of one to
 * eight groups shortened to `::`. Never an embedded IPv4 address (`::ffff:10.0.0.1`), never a zone id (`%eth0`).
 */
export function ipv6Address(): fc.Arbitrary<string> {
  const group = fc
    .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 1, max: 4 }), fc.boolean())
    .map(([value, digits, upper]) => {
      const hex = value.toString(16).padStart(digits, '0');
      return upper ? hex.toUpperCase() : hex;
    });
  const shortened = fc.option(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 8 })), { nil: undefined });
  return fc
    .tuple(fc.array(group, { minLength: 8, maxLength: 8 }), shortened)
    .map(([groups, run]) => {
      if (!run) {
        return groups.join(':');
      }
      const [from, length] = run;
      const to = Math.min(from + length, 8);
      return `${groups.slice(0, from).join(':')}::${groups.slice(to).join(':')}`;
    });
}

/**
 * A CIDR block the model's Cidr pattern accepts: an IPv4 address and a prefix of 0 to 32, or an IPv6 address and
 * a prefix of 0 to 128. The pattern also lets through text that is no network (a zone id, `::d.d.d.d`, leading
 * `s`): those are not generated here.
 */
export function validCidr(shape: NamedShape): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  const v4 = fc.tuple(ipv4Address(), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => `${address}/${prefix}`);
  const v6 = fc.tuple(ipv6Address(), fc.integer({ min: 0, max: 128 })).map(([address, prefix]) => `${address}/${prefix}`);
  return fc
    .oneof(v4, v6)
    .filter((cidr) => cidr.length >= (shape.min ?? 0) && cidr.length <= (shape.max ?? Infinity) && pattern.test(cidr));
}

/**
 * An EC2 id as EC2 makes them (`vpc-`, `subnet-`, `sg-` and 8 or 17 lowercase hexadecimal digits), which the
 * model's pattern (such as `^vpc-[0-9a-z]*$`, at most 32) and CloudFormation's id formats both accept.
 */
export function ec2IdOf(shape: NamedShape, prefix: string): fc.Arbitrary<string> {
  const pattern = javaPatternToRegExp(requirePattern(shape));
  return fc
    .tuple(fc.constantFrom(8, 17), fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 17, maxLength: 17 }))
    .map(([digits, hex]) => `${prefix}${hex.slice(0, digits).join('')}`)
    .filter((id) => id.length <= (shape.max ?? Infinity) && pattern.test(id));
}

/**
 * The characters of `set` that the registry schema of `resourceType` takes in a tag key and in a tag value, as
 * CloudFormation Validate matches its patterns (`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` for SageMaker). The engine's
 * Unicode tables may be older than Node's: Node 20.20 (ICU 78) knows the letters of Unicode 17.0, the engine
 * aws-cdk-lib 2.273.0 bundles those of Unicode 16.0 only. Found by validating two templates: one whose tags each hold
 * a chunk of the characters (as key and as value), then one whose tags each hold one character of a rejected chunk.
 */
export function charactersTheTagSchemaTakes(set: CharacterSet, resourceType: string): { Key: CharacterSet; Value: CharacterSet } {
  let byType = schemaCharacterSets.get(set);
  if (!byType) {
    byType = new Map();
    schemaCharacterSets.set(set, byType);
  }
  const cached = byType.get(resourceType);
  if (cached) {
    return cached;
  }
  const setText = Object.values(encodeCharacterSet(set)).join('\0');
  const result = cachedOnDisk(
    `charactersTheTagSchemaTakes ${resourceType}\0${setText}`,
    () => findCharactersTheTagSchemaTakes(set, resourceType),
    (taken) => ({ Key: encodeCharacterSet(taken.Key), Value: encodeCharacterSet(taken.Value) }),
    (data) => ({ Key: decodeCharacterSet(data.Key), Value: decodeCharacterSet(data.Value) }),
  );
  byType.set(resourceType, result);
  return result;
}

function findCharactersTheTagSchemaTakes(set: CharacterSet, resourceType: string): { Key: CharacterSet; Value: CharacterSet } {
  /** The indexes of the tags whose key (or value) the schema's pattern rejects (F3031). */
  const rejectedTags = (texts: string[]): Record<'Key' | 'Value', number[]> => {
    // Only the tags' findings are read: the other properties may be missing, the tags too many or too long.
    const template = { Resources: { Resource: { Type: resourceType, Properties: { Tags: texts.map((text) => ({ Key: text, Value: text })) } } } };
    const rejected = { Key: [] as number[], Value: [] as number[] };
    for (const finding of validateAgainstCfnSchema(template)) {
      const match = /Properties\.Tags\.(\d+)\.(Key|Value): \[F3031 /.exec(finding);
      if (match) {
        rejected[match[2] as 'Key' | 'Value'].push(Number(match[1]));
      }
    }
    return rejected;
  };
  // 64 characters: at most 128 UTF-16 code units, a tag key's maximum.
  const CHUNK = 64;
  const all = [...set.ascii, ...set.bmp, ...set.astral];
  const chunks = Array.from({ length: Math.ceil(all.length / CHUNK) }, (_, i) => all.slice(i * CHUNK, (i + 1) * CHUNK));
  const rejectedChunks = rejectedTags(chunks.map((chunk) => chunk.join('')));
  const suspects = [...new Set([...rejectedChunks.Key, ...rejectedChunks.Value])].flatMap((i) => chunks[i]);
  const rejectedSuspects = rejectedTags(suspects);
  const takenOf = (part: 'Key' | 'Value'): CharacterSet => {
    const rejected = new Set(rejectedSuspects[part].map((i) => suspects[i]));
    const keep = (characters: readonly string[]) => characters.filter((c) => !rejected.has(c));
    return { ascii: keep(set.ascii), bmp: keep(set.bmp), astral: keep(set.astral) };
  };
  return { Key: takenOf('Key'), Value: takenOf('Value') };
}

/** The characters of `set` that are not in `taken`. */
export function charactersNotTaken(set: CharacterSet, taken: CharacterSet): CharacterSet {
  const members = new Set([...taken.ascii, ...taken.bmp, ...taken.astral]);
  const drop = (characters: readonly string[]) => characters.filter((c) => !members.has(c));
  return { ascii: drop(set.ascii), bmp: drop(set.bmp), astral: drop(set.astral) };
}

const schemaCharacterSets = new WeakMap<CharacterSet, Map<string, { Key: CharacterSet; Value: CharacterSet }>>();
