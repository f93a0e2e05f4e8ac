import { SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as fc from 'fast-check';
import { apiModelReport, cfnDiagnostics, deployTruthStack, javaPatternToRegExp, loadSageMakerModel, synthTemplate, validateAgainstCfnSchema } from './deploy-truth';
import { OidcIdentityProps, Workforce, WorkforceIdentity, WorkforceIpAddressType, WorkforceProps } from '../src';
import * as arb from './deploy-truth/arbitraries';
import {
  assertProperty,
  Broken,
  brokenTags,
  countProblem,
  escape,
  expectRejected,
  NUM_RUNS,
  patternProblem,
  QUOTED,
  stringProblem,
  timeoutFor,
  tooLong,
  validTags as validTagsOf,
  withForbidden,
} from './deploy-truth/properties';
import { OIDC_PROPS } from './util';

/*
 * Property-based deploy-truth tests of Workforce, as test/deploy-truth.test.ts for Workteam: whatever VALID props
 * the library is given (valid per the SageMaker API model of CreateWorkforce and the registry schema of
 * AWS::SageMaker::Workforce, with characters and lengths read from the model), what it synthesizes passes both and
 * carries the values given; whatever props break exactly one rule, the library fails at synth with an error that
 * names the property.
 *
 * FC_NUM_RUNS sets the runs of each property (default 500); `npx projen test:properties` runs 5000.
 */

/** Generous: about 2 ms a run for invalid props (rejected before synth). */
const TIMEOUT_MS = timeoutFor(60);

/** Generous: about 50 ms a run for valid props (synth and both checks), plus the first run's tag characters (10 s). */
const VALID_TIMEOUT_MS = timeoutFor(150);

/** The committed SageMaker API model (test/api-models/sagemaker.json); a missing one fails this whole file. */
const model = loadSageMakerModel();
const shapes = arb.workforceShapes(model);

/*
 * What the registry schema of AWS::SageMaker::Workforce (of the engine aws-cdk-lib 2.273.0 bundles) adds to the API
 * model, as its findings state it: the pattern of OidcConfig.ClientId (F3031), the maximum length of Scope (F3033),
 * the maximum count of SourceIpConfig.Cidrs (F3032), for which the model gives none.
 */
const CFN_SCHEMA_OIDC_CLIENT_ID = /^[\w+]+$/;
const CFN_SCHEMA_SCOPE_MAX = 500;
const CFN_SCHEMA_CIDRS_MAX = 10;

/** The API reference (SourceIpConfig) allows "one to ten" CIDR blocks; the model states no count. */
const API_REFERENCE_CIDRS_MIN = 1;

/** Every EC2 id has 8 or 17 hexadecimal digits; CloudFormation's id formats take 8 to 17, the model any number. */
const EC2_ID_DIGITS = [8, 17];

/**
 * The values of IpAddressType: the model's enum. Each must be a value of WorkforceIpAddressType (the enum's values
 * are the API's); a value the library lacks fails here.
 */
const IP_ADDRESS_TYPES = shapes.ipAddressType.enum!.map((value) => {
  const member = Object.values(WorkforceIpAddressType).find((type) => type === value);
  if (member === undefined) {
    throw new Error(`the model's IpAddressType ${value} is not a WorkforceIpAddressType`);
  }
  return member;
});

/**
 * What the registry schema of AWS::SageMaker::Workforce states for AuthenticationRequestExtraParams (an object of
 * at most 10 properties, `patternProperties` `^.+$` of strings `^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`, at most 512), where
 * the API model takes `.*` keys and values of 0 to 512. CloudFormation Validate does not check the patterns of
 * `patternProperties` (see test/deploy-truth/cfn-schema.test.ts), CloudFormation does at deployment.
 */
const CFN_SCHEMA_EXTRA_PARAM_KEY = /^.+$/u;
const CFN_SCHEMA_EXTRA_PARAM_VALUE = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

const min = (shape: { min?: number }) => shape.min ?? 0;

// ---------------------------------------------------------------------------------------------------------------
// Valid props
// ---------------------------------------------------------------------------------------------------------------

type CognitoSpec = { kind: 'cognito'; pool?: string; client?: string };

interface OidcSpec {
  readonly kind: 'oidc';
  readonly clientId: string;
  readonly endpoints: Record<(typeof ENDPOINTS)[number], string>;
  readonly scope?: string;
  readonly extraParams?: [string, string][];
}

const ENDPOINTS = ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'logoutEndpoint', 'jwksUri'] as const;

const ENDPOINT_PROPERTIES: Record<(typeof ENDPOINTS)[number], string> = {
  issuer: 'Issuer',
  authorizationEndpoint: 'AuthorizationEndpoint',
  tokenEndpoint: 'TokenEndpoint',
  userInfoEndpoint: 'UserInfoEndpoint',
  logoutEndpoint: 'LogoutEndpoint',
  jwksUri: 'JwksUri',
};

/** Defined here (undefined) or imported (its id). */
const cognitoSpec: fc.Arbitrary<CognitoSpec> = fc.record({
  kind: fc.constant<'cognito'>('cognito'),
  pool: fc.option(arb.validUserPoolId(shapes.userPool), { nil: undefined }),
  client: fc.option(arb.validStringOf(shapes.cognitoClientId), { nil: undefined }),
});

/** The characters of an OIDC client id that the model (`[ -~]+`) and the registry schema (`^[\w+]+$`) take. */
const oidcClientIdCharacters = arb.charactersWhere(
  'oidc client id: model and schema',
  (c) => javaPatternToRegExp(shapes.oidcClientId.pattern!).test(c) && CFN_SCHEMA_OIDC_CLIENT_ID.test(c),
);

/**
 * The characters after `https://` that the model's `https://\S+` (Java: not ASCII whitespace) and the schema's
 * `^https://.*$` (not \n) take: also Unicode spaces such as U+00A0 and U+3000.
 */
const endpointCharacters = arb.charactersOfJavaPattern('\\S', () => true, 'endpoint');

/** The characters of a scope: the model's word characters (printable ASCII but `"` and `\`). */
const scopeWordCharacters = arb.charactersOfJavaPattern(shapes.scope.pattern!);

const endpoint = (shape: (typeof shapes.endpoints)[keyof typeof shapes.endpoints]) =>
  fc.oneof(
    arb.urlOf(shape, 'https://', endpointCharacters, 'https://'.length + 1, shape.max!),
    fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }).filter((url) => url.length <= shape.max!),
  );

/** The characters of an extra parameter's key and value that the model and the registry schema take. */
const extraParamKeyCharacters = arb.charactersWhere(
  'extra param key: model and schema',
  (c) => javaPatternToRegExp(shapes.extraParamKey.pattern!).test(c) && CFN_SCHEMA_EXTRA_PARAM_KEY.test(c),
);
const extraParamValueCharacters = arb.charactersWhere(
  'extra param value: model and schema',
  (c) => javaPatternToRegExp(shapes.extraParamValue.pattern!).test(c) && CFN_SCHEMA_EXTRA_PARAM_VALUE.test(c),
);
/** Both patterns need one character at least, whatever minimum the model states. */
const extraParamKey = arb.stringOf(extraParamKeyCharacters, Math.max(min(shapes.extraParamKey), 1), shapes.extraParamKey.max!);
const extraParamValue = arb.stringOf(extraParamValueCharacters, Math.max(min(shapes.extraParamValue), 1), shapes.extraParamValue.max!);

/**
 * Extra parameters: keys of one line, values of visible characters. Not a key `__proto__` (aws-cdk-lib drops it) nor
 * a lone key `Ref` or `Fn::...` (CloudFormation reads the map as a function): both checkers miss these (see the
 * rejected props).
 */
const extraParams = fc
  .oneof(
    { arbitrary: arb.lengthBetween(min(shapes.extraParams), 3), weight: 3 },
    arb.lengthBetween(min(shapes.extraParams), shapes.extraParams.max!),
  )
  .chain((count) =>
    fc.uniqueArray(fc.tuple(extraParamKey, extraParamValue), {
      minLength: count,
      maxLength: count,
      selector: ([key]) => key,
    }),
  )
  .filter((entries) => entries.every(([key]) => key !== '__proto__') && !(entries.length === 1 && /^(Ref$|Fn::)/.test(entries[0][0])));

const oidcSpec: fc.Arbitrary<OidcSpec> = fc.record({
  kind: fc.constant<'oidc'>('oidc'),
  clientId: arb.stringOf(oidcClientIdCharacters, Math.max(min(shapes.oidcClientId), 1), shapes.oidcClientId.max!),
  endpoints: fc.record(
    Object.fromEntries(ENDPOINTS.map((name) => [name, endpoint(shapes.endpoints[name])])) as Record<(typeof ENDPOINTS)[number], fc.Arbitrary<string>>,
  ),
  scope: fc.option(arb.wordsOf(scopeWordCharacters, Math.max(min(shapes.scope), 1), Math.min(shapes.scope.max!, CFN_SCHEMA_SCOPE_MAX)), {
    nil: undefined,
  }),
  extraParams: fc.option(extraParams, { nil: undefined }),
});

/** An IPv4-mapped IPv6 address whose numbers are 250 to 255: the only ones the model's pattern takes. */
const mappedCidr = fc
  .tuple(fc.array(fc.integer({ min: 250, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 96, max: 128 }))
  .map(([numbers, prefix]) => `::ffff:${numbers.join('.')}/${prefix}`);

const validCidrs = arb.arrayOf(
  fc.oneof({ arbitrary: arb.validCidr(shapes.cidr), weight: 9 }, mappedCidr),
  API_REFERENCE_CIDRS_MIN,
  CFN_SCHEMA_CIDRS_MAX,
);

/** A VPC defined here, or imported with its CIDR block (which a default security group needs) or not. */
type VpcSpec =
  | { kind: 'defined'; securityGroups?: string[]; dualStack?: boolean }
  | { kind: 'imported'; vpcId: string; cidr?: string; subnets: string[]; securityGroups?: string[] };

const uniqueIds = (shape: typeof shapes.subnetId, prefix: string, count: { min?: number; max?: number }) =>
  fc.uniqueArray(arb.ec2IdOf(shape, prefix), { minLength: Math.max(min(count), 1), maxLength: count.max! });

const validSecurityGroups = fc.option(uniqueIds(shapes.securityGroupId, 'sg-', shapes.securityGroupIds), { nil: undefined });

const vpcSpec: fc.Arbitrary<VpcSpec> = fc.oneof(
  {
    arbitrary: fc
      .record({
        kind: fc.constant<'imported'>('imported'),
        vpcId: arb.ec2IdOf(shapes.vpcId, 'vpc-'),
        cidr: fc.option(fc.constantFrom('10.0.0.0/16', '172.31.0.0/16'), { nil: undefined }),
        subnets: uniqueIds(shapes.subnetId, 'subnet-', shapes.subnets),
        securityGroups: validSecurityGroups,
      })
      .filter((vpc) => vpc.cidr !== undefined || vpc.securityGroups !== undefined),
    weight: 4,
  },
  fc.record({ kind: fc.constant<'defined'>('defined'), securityGroups: validSecurityGroups }),
);

interface WorkforceSpec {
  readonly identity: CognitoSpec | OidcSpec;
  readonly workforceName?: string;
  readonly allowedSourceIps?: string[];
  readonly vpc?: VpcSpec;
  readonly ipAddressType?: WorkforceIpAddressType;
  readonly tags?: Record<string, string>;
}

/** A dual-stack workforce in a VPC of the app needs a dual-stack VPC; an IPv4 one may be in either. */
const validWorkforce = (identity: fc.Arbitrary<CognitoSpec | OidcSpec>): fc.Arbitrary<WorkforceSpec> => fc
  .record({
    identity,
    workforceName: fc.option(arb.validNameOf(shapes.workforceName), { nil: undefined }),
    allowedSourceIps: fc.option(validCidrs, { nil: undefined }),
    vpc: fc.option(vpcSpec, { nil: undefined }),
    ipAddressType: fc.option(fc.constantFrom(...IP_ADDRESS_TYPES), { nil: undefined }),
    tags: fc.option(validTagsOf(shapes, 'AWS::SageMaker::Workforce'), { nil: undefined }),
    dualStackVpc: fc.boolean(),
  })
  .map(({ dualStackVpc, ...spec }) => {
    const dualStack = dualStackVpc || spec.ipAddressType === WorkforceIpAddressType.DUAL_STACK;
    return spec.vpc?.kind === 'defined' ? { ...spec, vpc: { ...spec.vpc, dualStack } } : spec;
  });

const SECRET = SecretValue.secretsManager('labeling/oidc');

/** The map of extra parameters: own properties, even one named `__proto__`. */
function paramsOf(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries);
}

function oidcProps(spec: OidcSpec): OidcIdentityProps {
  return {
    clientId: spec.clientId,
    clientSecret: SECRET,
    ...spec.endpoints,
    scope: spec.scope,
    authenticationRequestExtraParams: spec.extraParams === undefined ? undefined : paramsOf(spec.extraParams),
  };
}

function identityOf(stack: Stack, spec: CognitoSpec | OidcSpec): WorkforceIdentity {
  if (spec.kind === 'oidc') {
    return WorkforceIdentity.oidc(oidcProps(spec));
  }
  const userPool = spec.pool === undefined ? new cognito.UserPool(stack, 'Pool') : cognito.UserPool.fromUserPoolId(stack, 'Pool', spec.pool);
  if (spec.pool === undefined) {
    // A pool of the app needs a domain for the portal's sign-in.
    (userPool as cognito.UserPool).addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
  }
  const client = spec.client === undefined ? userPool.addClient('Client') : cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', spec.client);
  return WorkforceIdentity.cognito(userPool, client);
}

function vpcProps(stack: Stack, spec: VpcSpec): Pick<WorkforceProps, 'vpc' | 'securityGroups'> {
  const vpc =
    spec.kind === 'imported'
      ? ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: spec.vpcId, vpcCidrBlock: spec.cidr, availabilityZones: ['us-east-1a'], privateSubnetIds: spec.subnets })
      : new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        ipProtocol: spec.dualStack ? ec2.IpProtocol.DUAL_STACK : ec2.IpProtocol.IPV4_ONLY,
        subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
  const securityGroups = spec.securityGroups?.map((id, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, id));
  return { vpc, securityGroups };
}

function build(stack: Stack, spec: WorkforceSpec): Workforce {
  return new Workforce(stack, 'Workforce', {
    identity: identityOf(stack, spec.identity),
    workforceName: spec.workforceName,
    allowedSourceIps: spec.allowedSourceIps,
    ...(spec.vpc ? vpcProps(stack, spec.vpc) : {}),
    ipAddressType: spec.ipAddressType,
    tags: spec.tags,
  });
}

/** The properties of the stack's one workforce. */
function workforceProperties(template: Record<string, any>): Record<string, any> {
  const workforces = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::SageMaker::Workforce');
  expect(workforces).toHaveLength(1);
  return workforces[0].Properties;
}

/** Both checks: nothing reported. */
function expectBothCheckersAccept(template: Record<string, any>): void {
  const api = apiModelReport(template, model);
  expect({ cfnSchema: validateAgainstCfnSchema(template), apiModel: api.errors, notInModel: api.notInModel }).toEqual({
    cfnSchema: [],
    apiModel: [],
    notInModel: [],
  });
}

/** What was given is what is deployed. */
function expectCarried(properties: Record<string, any>, spec: WorkforceSpec): void {
  if (spec.workforceName !== undefined) {
    expect(properties.WorkforceName).toBe(spec.workforceName);
  }
  const identity = spec.identity;
  if (identity.kind === 'cognito') {
    expect(properties.OidcConfig).toBeUndefined();
    if (identity.pool !== undefined) {
      expect(properties.CognitoConfig.UserPool).toBe(identity.pool);
    }
    if (identity.client !== undefined) {
      expect(properties.CognitoConfig.ClientId).toBe(identity.client);
    }
  } else {
    expect(properties.CognitoConfig).toBeUndefined();
    const expected: Record<string, unknown> = {
      ClientId: identity.clientId,
      ClientSecret: expect.stringMatching(/^\{\{resolve:secretsmanager:labeling\/oidc:/),
      ...Object.fromEntries(ENDPOINTS.map((name) => [ENDPOINT_PROPERTIES[name], identity.endpoints[name]])),
    };
    if (identity.scope !== undefined) {
      expected.Scope = identity.scope;
    }
    if (identity.extraParams !== undefined) {
      expected.AuthenticationRequestExtraParams = paramsOf(identity.extraParams);
    }
    expect(properties.OidcConfig).toEqual(expected);
  }
  expect(properties.SourceIpConfig).toEqual(spec.allowedSourceIps === undefined ? undefined : { Cidrs: spec.allowedSourceIps });
  const vpc = spec.vpc;
  if (vpc === undefined) {
    expect(properties.WorkforceVpcConfig).toBeUndefined();
  } else {
    const config = properties.WorkforceVpcConfig;
    if (vpc.kind === 'imported') {
      expect(config.VpcId).toBe(vpc.vpcId);
      expect(config.Subnets).toEqual(vpc.subnets);
    }
    if (vpc.securityGroups !== undefined) {
      expect(config.SecurityGroupIds).toEqual(vpc.securityGroups);
    } else {
      expect(config.SecurityGroupIds).toHaveLength(1);
    }
  }
  expect(properties.IpAddressType).toBe(spec.ipAddressType);
  const tags = Object.fromEntries((properties.Tags ?? []).map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value]));
  expect(tags).toEqual({ ...spec.tags });
}

describe('valid props synthesize a workforce that CloudFormation and SageMaker accept', () => {
  const expectDeployable = (spec: WorkforceSpec) => {
    const stack = deployTruthStack();
    build(stack, spec);
    const template = synthTemplate(stack);

    expectBothCheckersAccept(template);
    expectCarried(workforceProperties(template), spec);
    if (spec.vpc?.kind === 'defined' && spec.vpc.securityGroups === undefined) {
      // the default security group: HTTPS from the VPC, and over IPv6 too for a dual-stack portal
      const groups = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::EC2::SecurityGroup');
      const ipv6Rules = groups.flatMap((group) => group.Properties.SecurityGroupIngress).filter((rule: any) => rule.CidrIpv6 !== undefined);
      expect(ipv6Rules).toHaveLength(spec.ipAddressType === WorkforceIpAddressType.DUAL_STACK ? 1 : 0);
    }
  };

  test(
    'WorkforceIdentity.cognito (pools and app clients defined or imported), with source IPs, VPCs, IP address types, tags and names',
    () => {
      assertProperty(validWorkforce(cognitoSpec), expectDeployable);
    },
    VALID_TIMEOUT_MS,
  );

  test(
    'WorkforceIdentity.oidc (client ids, endpoints, scopes, extra parameters), with source IPs, VPCs, IP address types, tags and names',
    () => {
      assertProperty(validWorkforce(oidcSpec), expectDeployable);
    },
    VALID_TIMEOUT_MS,
  );

  // Java's `\S` excludes only ASCII whitespace, the schema's `.` only \n: Unicode spaces are taken by both.
  test(
    'OIDC endpoints with Unicode spaces and other characters beyond ASCII',
    () => {
      const unicodeSpaces = arb.charactersWhere('unicode spaces', (c) => /^\s$/u.test(c) && c.codePointAt(0)! > 0x7f);
      const withSpace = (name: (typeof ENDPOINTS)[number]) => {
        const shape = shapes.endpoints[name];
        return fc
          .tuple(arb.urlOf(shape, 'https://', endpointCharacters, 'https://'.length + 1, shape.max! - 1), arb.characterOf(unicodeSpaces), fc.nat())
          .map(([url, space, at]) => [name, insertedAfterScheme(url, space, at)] as const);
      };
      const spec = fc.tuple(oidcSpec, fc.oneof(...ENDPOINTS.map(withSpace))).map(([oidc, [name, value]]) => ({
        ...oidc,
        endpoints: { ...oidc.endpoints, [name]: value },
      }));
      assertProperty(spec, (oidc) => {
        const stack = deployTruthStack();
        build(stack, { identity: oidc });
        const template = synthTemplate(stack);

        expectBothCheckersAccept(template);
        expectCarried(workforceProperties(template), { identity: oidc });
      });
    },
    VALID_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Invalid props: each breaks exactly one rule, and fails at synth naming the property
// ---------------------------------------------------------------------------------------------------------------

/** The OIDC identity every other test uses (test/util.ts). */
const VALID_OIDC: OidcSpec = {
  kind: 'oidc',
  clientId: OIDC_PROPS.clientId,
  endpoints: {
    issuer: OIDC_PROPS.issuer,
    authorizationEndpoint: OIDC_PROPS.authorizationEndpoint,
    tokenEndpoint: OIDC_PROPS.tokenEndpoint,
    userInfoEndpoint: OIDC_PROPS.userInfoEndpoint,
    logoutEndpoint: OIDC_PROPS.logoutEndpoint,
    jwksUri: OIDC_PROPS.jwksUri,
  },
};

/** `character` inserted into an https URL after `https://`, between two code points (never inside a pair). */
function insertedAfterScheme(url: string, character: string, at: number): string {
  const rest = [...url.slice('https://'.length)];
  const index = at % (rest.length + 1);
  return `https://${rest.slice(0, index).join('')}${character}${rest.slice(index).join('')}`;
}

/** A workforce of a valid OIDC identity with `props` (which may break a rule). */
function oidcWorkforceWith(props: (stack: Stack) => Partial<WorkforceProps>, identity: Partial<OidcSpec> = {}): (stack: Stack) => void {
  return (stack) => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(oidcProps({ ...VALID_OIDC, ...identity })), ...props(stack) });
}

describe('props that break one rule fail at synth, naming the property', () => {
  test(
    'workforceName: too long, empty, a character it does not take, a hyphen first',
    () => {
      const { workforceName } = shapes;
      const name = arb.nameCharacters(workforceName);
      const notFirst = arb.charactersWhere('workforce name: middle, not first', (c) => name.middle.ascii.includes(c) && !name.first.ascii.includes(c));
      const broken = fc.oneof(
        arb.nameOf(workforceName, workforceName.max! + 1, workforceName.max! + 40),
        ...(min(workforceName) > 0 ? [fc.constant('')] : []),
        withForbidden(arb.nameOf(workforceName, 1, workforceName.max! - 2), arb.charactersNotInName(workforceName)),
        fc.tuple(arb.nameOf(workforceName, 1, workforceName.max! - 1), arb.characterOf(notFirst)).map(([v, c]) => c + v),
      );
      assertProperty(broken, (value) =>
        expectRejected({ build: oidcWorkforceWith(() => ({ workforceName: value })), problem: stringProblem('workforceName', value, workforceName) }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'Cognito identity: a user pool id or an app client id it does not take',
    () => {
      const { userPool, cognitoClientId } = shapes;
      const valid = fc.record({ pool: arb.validUserPoolId(userPool), client: arb.validStringOf(cognitoClientId) });
      // Not ':': UserPool.fromUserPoolId round-trips the id through an ARN, and drops a leading ':'.
      const poolCharacters = arb.charactersWhere('user pool id: not in [\\w-:]', (c) => !/^[\w:-]$/.test(c));
      const badPool = fc.oneof(
        arb.userPoolIdOf(userPool, userPool.max! + 1, userPool.max! + 40),
        arb.stringOf(arb.charactersWhere('alphanumeric', (c) => /^[a-zA-Z0-9]$/.test(c)), 1, userPool.max!),
        withForbidden(arb.userPoolIdOf(userPool, 3, userPool.max! - 2), poolCharacters),
      );
      const badClient = fc.oneof(
        tooLong(arb.charactersOf(cognitoClientId), cognitoClientId.max!),
        fc.constant(''),
        withForbidden(arb.stringOf(arb.charactersOf(cognitoClientId), 0, cognitoClientId.max! - 2), arb.charactersNotIn(cognitoClientId)),
      );
      const broken = fc.oneof(
        fc.tuple(valid, badPool).map(([v, pool]) => ({ ...v, pool, problem: stringProblem('identity user pool id', pool, userPool) })),
        fc.tuple(valid, badClient).map(([v, client]) => ({ ...v, client, problem: stringProblem('identity app client id', client, cognitoClientId) })),
      );
      assertProperty(broken, (spec) =>
        expectRejected({
          build: (stack) =>
            new Workforce(stack, 'Workforce', {
              identity: WorkforceIdentity.cognito(
                cognito.UserPool.fromUserPoolId(stack, 'Pool', spec.pool),
                cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', spec.client),
              ),
            }),
          problem: spec.problem,
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC clientId: too long, empty, a character the model or the registry schema does not take',
    () => {
      const { oidcClientId } = shapes;
      const schemaShape = { min: 1, max: oidcClientId.max };
      const notTaken = arb.charactersWhere('oidc client id: not model and schema', (c) => !oidcClientIdCharacters.ascii.includes(c));
      const broken = fc.oneof(
        tooLong(oidcClientIdCharacters, oidcClientId.max!),
        fc.constant(''),
        withForbidden(arb.stringOf(oidcClientIdCharacters, 0, oidcClientId.max! - 2), notTaken),
      );
      assertProperty(broken, (clientId) =>
        expectRejected({ build: oidcWorkforceWith(() => ({}), { clientId }), problem: stringProblem('identity clientId', clientId, schemaShape) }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC clientSecret: any secret in plain text, which the template would show',
    () => {
      assertProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (secret) =>
        expectRejected({
          build: (stack) => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc({ ...oidcProps(VALID_OIDC), clientSecret: SecretValue.unsafePlainText(secret) }) }),
          problem: /^identity clientSecret: the secret is plain text and would be written into the template/,
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC endpoints: too long, not https, nothing after https://, ASCII whitespace',
    () => {
      const asciiWhitespace = arb.charactersWhere('ascii whitespace', (c) => /^[ \t\n\x0B\f\r]$/.test(c));
      const brokenOf = (name: (typeof ENDPOINTS)[number]) => {
        const shape = shapes.endpoints[name];
        const valid = arb.urlOf(shape, 'https://', endpointCharacters, 'https://'.length + 1, shape.max! - 1);
        const broken = fc.oneof(
          arb.urlOf({ ...shape, max: shape.max! + 40 }, 'https://', endpointCharacters, shape.max! + 1, shape.max! + 40),
          fc.constantFrom('', 'https://', 'https:/', 'http://idp.example.com', 'HTTPS://idp.example.com', ' https://idp.example.com', 'idp.example.com'),
          valid.map((url) => url.replace(/^https/, 'http')),
          fc.tuple(valid, arb.characterOf(asciiWhitespace), fc.nat()).map(([url, c, at]) => insertedAfterScheme(url, c, at)),
        );
        return broken.map((value): Broken => ({
          build: oidcWorkforceWith(() => ({}), { endpoints: { ...VALID_OIDC.endpoints, [name]: value } }),
          problem: stringProblem(`identity ${name}`, value, shape),
        }));
      };
      assertProperty(fc.oneof(...ENDPOINTS.map(brokenOf)), expectRejected);
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC scope: too long for the registry schema, empty, a character it does not take, spaces not between words',
    () => {
      const { scope } = shapes;
      const max = Math.min(scope.max!, CFN_SCHEMA_SCOPE_MAX);
      const notWord = arb.charactersWhere('scope: not a word character nor a space', (c) => c !== ' ' && !scopeWordCharacters.ascii.includes(c));
      const valid = arb.wordsOf(scopeWordCharacters, 1, max - 2);
      const broken = fc.oneof(
        arb.wordsOf(scopeWordCharacters, max + 1, max + 40),
        fc.constant(''),
        withForbidden(valid, notWord),
        valid.map((v) => ` ${v}`),
        valid.map((v) => `${v} `),
        valid.filter((v) => v.length > 1).map((v) => `${v[0]}  ${v.slice(1)}`.replace(/ {3,}/, '  ')),
      );
      assertProperty(broken, (value) =>
        expectRejected({ build: oidcWorkforceWith(() => ({}), { scope: value }), problem: stringProblem('identity scope', value, { ...scope, max }) }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC authenticationRequestExtraParams: too many, a key or value too long or empty, a key on two lines, a value with a space or control character, a key __proto__, a lone key Ref or Fn::',
    () => {
      const { extraParams: count, extraParamKey: key, extraParamValue: value } = shapes;
      const property = 'identity authenticationRequestExtraParams';
      const validKey = extraParamKey.filter((k) => k !== '__proto__' && !/^(Ref$|Fn::)/.test(k));
      const validValue = extraParamValue;
      // What the model and the registry schema both take: one character at least, of the characters of both.
      const bad = (characters: arb.CharacterSet, max: number) =>
        fc.oneof(
          tooLong(characters, max),
          fc.constant(''),
          withForbidden(arb.stringOf(characters, 0, max - 2), arb.charactersNotTaken(arb.charactersWhere('any character', () => true), characters)),
        );
      const badKey = bad(extraParamKeyCharacters, key.max!);
      const badValue = bad(extraParamValueCharacters, value.max!);
      const taken = { min: 1, max: key.max };
      const withOthers = (entry: fc.Arbitrary<[string, string]>) =>
        fc
          .tuple(fc.uniqueArray(fc.tuple(validKey, validValue), { maxLength: count.max! - 1, selector: ([k]) => k }), entry, fc.nat())
          .map(([others, e, at]) => {
            const entries = others.filter(([k]) => k !== e[0]);
            const index = at % (entries.length + 1);
            return [...entries.slice(0, index), e, ...entries.slice(index)];
          });
      const withParams = (entries: [string, string][]) => oidcWorkforceWith(() => ({}), { extraParams: entries });
      const broken = fc.oneof(
        fc
          .uniqueArray(fc.tuple(arb.stringOf(extraParamKeyCharacters, 1, 12), arb.stringOf(extraParamValueCharacters, 1, 12)), {
            minLength: count.max! + 1,
            maxLength: count.max! + 5,
            selector: ([k]) => k,
          })
          .filter((entries) => entries.every(([k]) => k !== '__proto__'))
          .map((entries): Broken => ({ build: withParams(entries), problem: countProblem(property, entries.length, min(count), count.max!) })),
        fc
          .tuple(badKey.filter((k) => !/^(Ref$|Fn::)/.test(k)), validValue)
          .chain(([k, v]) =>
            withOthers(fc.constant<[string, string]>([k, v])).map((entries): Broken => ({
              build: withParams(entries),
              problem: stringProblem(`${property} key ${JSON.stringify(k)}`, k, taken),
            })),
          ),
        fc.tuple(validKey, badValue).map(([k, v]): Broken => ({ build: withParams([[k, v]]), problem: stringProblem(`${property}[${JSON.stringify(k)}]`, v, { ...taken, max: value.max }) })),
        withOthers(fc.tuple(fc.constant('__proto__'), validValue)).map((entries): Broken => ({
          build: withParams(entries),
          problem: new RegExp(`^${escape(`${property} key "__proto__"`)}: aws-cdk-lib drops a key named __proto__ from the template`),
        })),
        fc.tuple(fc.oneof(fc.constant('Ref'), arb.stringOf(extraParamKeyCharacters, 0, 20).map((rest) => `Fn::${rest}`)), validValue).map(([k, v]): Broken => ({
          build: withParams([[k, v]]),
          problem: new RegExp(`^${escape(`${property} key ${JSON.stringify(k)}`)}: CloudFormation would read a map whose only key is Ref or Fn::`),
        })),
      );
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  test(
    'allowedSourceIps: too few, too many, a block too long, too short, of the pattern but no network, or not of the pattern',
    () => {
      const { cidr } = shapes;
      const pattern = javaPatternToRegExp(cidr.pattern!);
      const notNetwork = (index: number) =>
        new RegExp(`^${escape(`allowedSourceIps[${index}]`)}: ${QUOTED} is not an IPv4 or IPv6 CIDR block such as`, 's');
      const badCidr = fc.oneof(
        // not of the pattern: a prefix too long, a number too big, a character anywhere
        fc.tuple(arb.ipv4Address(), fc.integer({ min: 33, max: 99 })).map(([a, p]) => `${a}/${p}`),
        fc.tuple(arb.ipv6Address(), fc.integer({ min: 129, max: 999 })).map(([a, p]) => `${a}/${p}`),
        fc.tuple(arb.ipv4Address(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${Number(a.split('.')[0]) + 256}${a.slice(a.indexOf('.'))}/${p}`),
        withForbidden(arb.validCidr(cidr), arb.charactersWhere('cidr: not hex, dot, colon or slash', (c) => !/^[0-9a-fA-F.:/%s]$/.test(c))),
        fc.constantFrom('', '10.0.0.0', '::', 'x'.repeat(cidr.max! + 1), '1::/1'.padStart(cidr.max! + 1, '0')),
        // of the pattern, but no network: a zone id, the letter `d` for digits, a leading `s`
        arb.ipv6Address().map((a) => `${a}%eth0/64`),
        fc.constantFrom('::d.d.d.d/128', '::ffff:255x255x255x255/128', 's::1/128'),
      );
      const cidrs = (n: number) => fc.array(arb.validCidr(cidr), { minLength: n, maxLength: n });
      const broken = fc.oneof(
        fc
          .oneof(fc.constant([] as string[]), fc.integer({ min: CFN_SCHEMA_CIDRS_MAX + 1, max: CFN_SCHEMA_CIDRS_MAX + 5 }).chain(cidrs))
          .map((list): Broken => ({
            build: oidcWorkforceWith(() => ({ allowedSourceIps: list })),
            problem: countProblem('allowedSourceIps', list.length, API_REFERENCE_CIDRS_MIN, CFN_SCHEMA_CIDRS_MAX),
          })),
        fc.tuple(cidrs(CFN_SCHEMA_CIDRS_MAX - 1).chain((l) => fc.subarray(l)), badCidr, fc.nat()).map(([list, bad, at]): Broken => {
          const index = at % (list.length + 1);
          const property = `allowedSourceIps[${index}]`;
          const taken = bad.length >= cidr.min! && bad.length <= cidr.max! && pattern.test(bad);
          return {
            build: oidcWorkforceWith(() => ({ allowedSourceIps: [...list.slice(0, index), bad, ...list.slice(index)] })),
            problem: taken ? notNetwork(index) : stringProblem(property, bad, cidr),
          };
        }),
      );
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  test(
    'VPC: an id that is no EC2 id (also of 9 to 16 digits), too many subnets, no or too many security groups, subnets or security groups without a vpc, dual-stack without IPv6',
    () => {
      const idOf = (prefix: string, digits: number) =>
        fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: digits, maxLength: digits }).map((hex) => `${prefix}${hex.join('')}`);
      const badId = (prefix: string, shape: typeof shapes.vpcId) =>
        fc.oneof(
          // CloudFormation's formats take these, the API's pattern too: no EC2 id has them
          fc.integer({ min: EC2_ID_DIGITS[0] + 1, max: EC2_ID_DIGITS[1] - 1 }).chain((digits) => idOf(prefix, digits)),
          fc.integer({ min: 0, max: EC2_ID_DIGITS[0] - 1 }).chain((digits) => idOf(prefix, digits)),
          fc.integer({ min: EC2_ID_DIGITS[1] + 1, max: shape.max! + 5 - prefix.length }).chain((digits) => idOf(prefix, digits)),
          arb.ec2IdOf(shape, prefix).map((id) => id.toUpperCase()),
          arb.ec2IdOf(shape, prefix).map((id) => id.replace(/-/, '_')),
          fc.tuple(arb.ec2IdOf(shape, prefix), arb.characterOf(arb.charactersWhere('not hex', (c) => !/^[0-9a-f]$/.test(c)))).map(([id, c]) => id.slice(0, -1) + c),
        );
      const vpcId = arb.ec2IdOf(shapes.vpcId, 'vpc-');
      const subnets = (n: number) => fc.uniqueArray(arb.ec2IdOf(shapes.subnetId, 'subnet-'), { minLength: n, maxLength: n });
      const groups = (n: number) => fc.uniqueArray(arb.ec2IdOf(shapes.securityGroupId, 'sg-'), { minLength: n, maxLength: n });
      const withVpc = (spec: { vpcId: string; subnets: string[]; securityGroups: string[] }) =>
        oidcWorkforceWith((stack) => vpcProps(stack, { kind: 'imported', ...spec }));
      const valid = fc.record({ vpcId, subnets: subnets(2), securityGroups: groups(1) });
      const { subnets: subnetCount, securityGroupIds: groupCount } = shapes;
      const tooFewOrMany = (shape: { min?: number; max?: number }) =>
        fc.oneof(...(min(shape) > 0 ? [fc.constant(min(shape) - 1)] : []), fc.integer({ min: shape.max! + 1, max: shape.max! + 5 }));
      const broken = fc.oneof(
        fc.tuple(valid, badId('vpc-', shapes.vpcId)).map(([v, id]): Broken => ({ build: withVpc({ ...v, vpcId: id }), problem: patternOrLength('vpc id', id, shapes.vpcId) })),
        fc.tuple(valid, badId('subnet-', shapes.subnetId)).map(([v, id]): Broken => ({
          build: withVpc({ ...v, subnets: [v.subnets[0], id] }),
          problem: patternOrLength('vpcSubnets id', id, shapes.subnetId),
        })),
        fc.tuple(valid, badId('sg-', shapes.securityGroupId)).map(([v, id]): Broken => ({
          build: withVpc({ ...v, securityGroups: [id] }),
          problem: patternOrLength('securityGroups id', id, shapes.securityGroupId),
        })),
        fc.tuple(valid, fc.integer({ min: subnetCount.max! + 1, max: subnetCount.max! + 5 }).chain(subnets)).map(([v, s]): Broken => ({
          build: withVpc({ ...v, subnets: s }),
          problem: countProblem('vpcSubnets', s.length, min(subnetCount), subnetCount.max!),
        })),
        fc.tuple(valid, tooFewOrMany(groupCount).chain(groups)).map(([v, g]): Broken => ({
          build: withVpc({ ...v, securityGroups: g }),
          problem: countProblem('securityGroups', g.length, min(groupCount), groupCount.max!),
        })),
        fc.constant<Broken>({
          build: oidcWorkforceWith((stack) => ({ securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0')] })),
          problem: /^vpcSubnets, securityGroups: they need a vpc$/,
        }),
        // a dual-stack portal in a VPC of the app without an IPv6 block
        fc.constant<Broken>({
          build: oidcWorkforceWith((stack) => ({ ...vpcProps(stack, { kind: 'defined', dualStack: false }), ipAddressType: WorkforceIpAddressType.DUAL_STACK })),
          problem: /^ipAddressType: DUAL_STACK needs a VPC with an IPv6 CIDR block, and the vpc 'Stack\/Vpc' has none/,
        }),
        // no security groups, and a VPC without the CIDR block the default security group needs
        fc.record({ vpcId, subnets: subnets(2) }).map((v): Broken => ({
          build: oidcWorkforceWith((stack) => vpcProps(stack, { kind: 'imported', ...v })),
          problem: /^securityGroups: none given, and the vpc 'Stack\/Vpc' was imported without its CIDR block/,
        })),
      );
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  // The library's data (src/private/resource-regions.ts) against the engine itself, region by region.
  test(
    'region: a workforce fails at synth exactly in the regions where CloudFormation Validate reports F3006 for AWS::SageMaker::Workforce',
    () => {
      const regions = RegionInfo.regions.map((region) => region.name);
      assertProperty(
        fc.constantFrom(...regions),
        (region) => {
          const stack = deployTruthStack({ account: '123456789012', region });
          const engineSaysMissing = cfnDiagnostics({ Resources: { Workforce: { Type: 'AWS::SageMaker::Workforce', Properties: {} } } }, { region }).some(
            (d) => d.ruleId === 'F3006',
          );
          const define = () => oidcWorkforceWith(() => ({}))(stack);
          if (engineSaysMissing) {
            expect(define).toThrow(new RegExp(`region: AWS::SageMaker::Workforce does not exist in ${region} `));
          } else {
            expect(define).not.toThrow();
          }
        },
        { numRuns: Math.min(NUM_RUNS, regions.length * 3) },
      );
    },
    TIMEOUT_MS,
  );

  test(
    "tags: too many, a key or value too long or with a character it does not take, an empty key, an 'aws:' key",
    () => {
      const broken = brokenTags(shapes, (tags) => oidcWorkforceWith(() => ({ tags })), 'AWS::SageMaker::Workforce');
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  // The registry schema's engine matches \p{L}, \p{Z}, \p{N} with the tables of Unicode 16.0, Node 20.20 with 17.0.
  test(
    'tags: a key or value with a letter, number or space the model takes but the registry schema does not',
    () => {
      const { tagKey, tagValue } = shapes;
      const notTaken = (shape: typeof tagKey, part: 'Key' | 'Value') =>
        arb.charactersNotTaken(arb.charactersOf(shape), arb.charactersTheTagSchemaTakes(arb.charactersOf(shape), 'AWS::SageMaker::Workforce')[part]);
      const taken = (shape: typeof tagKey, part: 'Key' | 'Value') => arb.charactersTheTagSchemaTakes(arb.charactersOf(shape), 'AWS::SageMaker::Workforce')[part];
      const notTakenKey = notTaken(tagKey, 'Key');
      const notTakenValue = notTaken(tagValue, 'Value');
      const count = (set: arb.CharacterSet) => set.ascii.length + set.bmp.length + set.astral.length;
      if (count(notTakenKey) === 0 || count(notTakenValue) === 0) {
        // Node's Unicode is the engine's: nothing to test (this is not a failure).
        return;
      }
      const validKey = arb.stringOf(taken(tagKey, 'Key'), 1, tagKey.max! - 2).filter((k) => !k.toLowerCase().startsWith('aws:'));
      const validValue = arb.stringOf(taken(tagValue, 'Value'), 0, tagValue.max! - 2);
      const broken = fc.oneof(
        fc.tuple(withForbidden(validKey, notTakenKey), validValue).map(([k, v]): Broken => ({
          build: oidcWorkforceWith(() => ({ tags: { [k]: v } })),
          problem: patternProblem(`tags key ${JSON.stringify(k)}`),
        })),
        fc.tuple(validKey, withForbidden(validValue, notTakenValue)).map(([k, v]): Broken => ({
          build: oidcWorkforceWith(() => ({ tags: { [k]: v } })),
          problem: patternProblem(`tags[${JSON.stringify(k)}]`),
        })),
      );
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );
});

/** An EC2 id too long for the model is reported as a length, any other as a pattern. */
function patternOrLength(property: string, value: string, shape: { min?: number; max?: number; pattern?: string }): RegExp {
  return stringProblem(property, value, shape);
}
