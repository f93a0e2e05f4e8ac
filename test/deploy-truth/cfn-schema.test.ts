import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import {
  bundledCfnValidateDirectory,
  cfnDiagnostics,
  cfnValidateVersion,
  countedCfnRuleIds,
  deployTruthApp,
  synthTemplate,
  validateAgainstCfnSchema,
} from '.';
import { Workteam } from '../../src';

const WORKTEAM = 'AWS::SageMaker::Workteam';
const WORKFORCE = 'AWS::SageMaker::Workforce';

function template(type: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { Resources: { Resource: { Type: type, Properties: properties }, ...extra } };
}

const TEAM = {
  WorkteamName: 'labelers',
  Description: 'Labels images',
  MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['labelers'] } }],
};

const COGNITO_MEMBER = {
  CognitoMemberDefinition: { CognitoUserPool: 'us-east-1_aBcDeF123', CognitoClientId: '1example23456789', CognitoUserGroup: 'labelers' },
};

const WORKFORCE_PROPS = { WorkforceName: 'workers', CognitoConfig: { UserPool: 'us-east-1_aBcDeF123', ClientId: '1example23456789' } };

/** Whether `version` is in `range`, for the exact, `~` and `^` ranges of aws-cdk-lib's package.json. */
function satisfies(version: string, range: string): boolean {
  const match = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!match) {
    throw new Error(`a range this test does not read: '${range}'`);
  }
  const [, kind, ...least] = match;
  const [major, minor, patch] = least.map(Number);
  const [v1, v2, v3] = version.split('.').map(Number);
  const atLeast = v1 > major || (v1 === major && (v2 > minor || (v2 === minor && v3 >= patch)));
  if (kind === '') return version === `${major}.${minor}.${patch}`;
  if (kind === '~') return atLeast && v1 === major && v2 === minor;
  return atLeast && v1 === major;
}

/**
 * Whether the installed aws-cdk-lib bundles the engine of the pinned minimum (1.12.x, with its registry schema of
 * AWS::SageMaker::Workteam). Newer engines (1.17.1 at aws-cdk-lib 2.278.0) carry a newer schema that also has the
 * patterns and item counts of the API model for the name, description, member definitions, tags and topic ARN.
 * What each engine checks is pinned below for both, so that a change in either fails here.
 */
const PINNED_ENGINE = satisfies(cfnValidateVersion(), '~1.12.0');

/** What the newer schema also finds where the pinned one finds nothing: `[]` with the pinned engine. */
function atNewerEngine(...findings: RegExp[]): RegExp[] {
  return PINNED_ENGINE ? [] : findings;
}

function team(overrides: Record<string, unknown>) {
  return template(WORKTEAM, { ...TEAM, ...overrides });
}

describe('the engine', () => {
  test('is the @aws/cloudformation-validate that aws-cdk-lib bundles', () => {
    const cdkLib = path.dirname(require.resolve('aws-cdk-lib'));
    expect(bundledCfnValidateDirectory().startsWith(path.join(cdkLib, 'node_modules'))).toBe(true);
    const bundled = JSON.parse(fs.readFileSync(path.join(cdkLib, 'package.json'), 'utf-8')).bundleDependencies;
    expect(bundled).toContain('@aws/cloudformation-validate');
    // The version aws-cdk-lib asks for (1.12.1 at the pinned 2.271.0, ~1.17.0 at 2.278.0): what the installed
    // aws-cdk-lib carries, not a version of this file, so that the newest-aws-cdk-lib run reads its own engine.
    const wanted: string = JSON.parse(fs.readFileSync(path.join(cdkLib, 'package.json'), 'utf-8')).dependencies['@aws/cloudformation-validate'];
    expect(satisfies(cfnValidateVersion(), wanted)).toBe(true);
  });

  test('satisfies reads the exact, tilde and caret ranges aws-cdk-lib writes', () => {
    expect(satisfies('1.12.1', '1.12.1')).toBe(true);
    expect(satisfies('1.12.2', '1.12.1')).toBe(false);
    expect(satisfies('1.17.1', '~1.17.0')).toBe(true);
    expect(satisfies('1.18.0', '~1.17.0')).toBe(false);
    expect(satisfies('1.16.9', '~1.17.0')).toBe(false);
    expect(satisfies('1.19.0', '^1.17.0')).toBe(true);
    expect(satisfies('2.0.0', '^1.17.0')).toBe(false);
    expect(() => satisfies('1.0.0', '>=1.0.0')).toThrow(/range/);
  });

  test('counts the schema rules and the format rules, and nothing informational', () => {
    const counted = countedCfnRuleIds();

    // pattern, item count, length, required, unknown property, type, enum, AWS id formats
    expect(counted).toEqual(expect.arrayContaining(['F3031', 'F3032', 'F3033', 'F3003', 'F3002', 'F3012', 'W3030', 'E1150', 'E1151', 'E1154']));
    expect(counted).not.toContain('I9001'); // create-only property (informational)
    expect(counted).not.toContain('F1020'); // a Ref to a missing target: the template, not the schema
  });
});

describe('validateAgainstCfnSchema accepts', () => {
  test('a valid OIDC work team', () => {
    expect(validateAgainstCfnSchema(team({}))).toEqual([]);
  });

  test('a valid Cognito work team with tags and a topic', () => {
    expect(
      validateAgainstCfnSchema(
        team({
          MemberDefinitions: [COGNITO_MEMBER],
          NotificationConfiguration: { NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:tasks' },
          Tags: [{ Key: 'project', Value: 'catalogue' }],
        }),
      ),
    ).toEqual([]);
  });

  test('values at the limits of the schema', () => {
    expect(
      validateAgainstCfnSchema(
        team({
          WorkteamName: 'a'.repeat(63),
          Description: 'd'.repeat(200),
          MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(63, 'g')) } }],
        }),
      ),
    ).toEqual([]);
  });

  test('intrinsics, whatever they resolve to', () => {
    const extra = { Topic: { Type: 'AWS::SNS::Topic' } };
    const withIntrinsics = template(
      WORKTEAM,
      {
        WorkteamName: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'team']] },
        Description: { 'Fn::Sub': '${AWS::StackName} labelers' },
        MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: { 'Fn::Split': [',', 'a,b'] } } }],
        NotificationConfiguration: { NotificationTopicArn: { Ref: 'Topic' } },
      },
      extra,
    );
    expect(validateAgainstCfnSchema(withIntrinsics)).toEqual([]);
  });

  test('a valid workforce', () => {
    expect(
      validateAgainstCfnSchema(
        template(WORKFORCE, {
          ...WORKFORCE_PROPS,
          SourceIpConfig: { Cidrs: ['10.0.0.0/16', '2001:db8::/32'] },
          Tags: [{ Key: 'team', Value: 'labeling' }],
        }),
      ),
    ).toEqual([]);
  });

  test('a work team the library synthesizes', () => {
    const stack = new Stack(deployTruthApp(), 'Stack');
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], tags: { project: 'catalogue' } });

    expect(validateAgainstCfnSchema(synthTemplate(stack))).toEqual([]);
  });
});

describe('validateAgainstCfnSchema rejects', () => {
  test.each([
    [
      'a WorkteamName of 64 characters',
      { WorkteamName: 'a'.repeat(64) },
      /WorkteamName: \[F3033 FATAL\] length 64 exceeds maximum 63/,
      atNewerEngine(/WorkteamName: \[F3031 FATAL\] 'a{64}' does not match pattern/),
    ],
    [
      'an empty WorkteamName',
      { WorkteamName: '' },
      /WorkteamName: \[F3033 FATAL\] length 0 is below minimum 1/,
      atNewerEngine(/WorkteamName: \[F3031 FATAL\] '' does not match pattern/),
    ],
    ['a Description of 201 characters', { Description: 'd'.repeat(201) }, /Description: \[F3033 FATAL\] length 201/],
    [
      '11 OIDC groups',
      { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: Array.from({ length: 11 }, (_, i) => `group${i}`) } }] },
      /OidcGroups: \[F3032 FATAL\] expected maximum item count: 10, found: 11/,
    ],
    ['no OIDC group', { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: [] } }] }, /OidcGroups: \[F3032 FATAL\]/],
    [
      'an OIDC group of 64 characters',
      { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['g'.repeat(64)] } }] },
      /OidcGroups\.0: \[F3033 FATAL\] length 64/,
    ],
    [
      'a CognitoClientId of 129 characters',
      { MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO_MEMBER.CognitoMemberDefinition, CognitoClientId: 'c'.repeat(129) } }] },
      /CognitoClientId: \[F3033 FATAL\] length 129 exceeds maximum 128/,
    ],
    ['a missing MemberDefinitions', { MemberDefinitions: undefined }, /\[F3003 FATAL\] 'MemberDefinitions' is a required property/],
    ['a tag without a value', { Tags: [{ Key: 'project' }] }, /Tags\.0: \[F3003 FATAL\] 'Value' is a required property/],
    ['a property the schema does not have', { WorkerAccessConfiguration: {} }, /\[F3002 FATAL\] Additional properties are not allowed/],
    ['a structure for a string', { Description: { text: 'x' } }, /Description: \[F3012 FATAL\]/],
  ])('a work team with %s', (_, overrides, expected, newer: RegExp[] = []) => {
    const findings = validateAgainstCfnSchema(team(overrides));

    expect(findings).toHaveLength(1 + newer.length);
    for (const finding of findings) {
      expect(finding).toMatch(/^Resource \(AWS::SageMaker::Workteam\) Properties/);
    }
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(expected), ...newer.map((n) => expect.stringMatching(n))]));
  });

  test.each([
    ['11 CIDRs', { SourceIpConfig: { Cidrs: Array.from({ length: 11 }, (_, i) => `10.0.${i}.0/24`) } }, /Cidrs: \[F3032 FATAL\] expected maximum item count: 10, found: 11/],
    ['a CIDR that is not one', { SourceIpConfig: { Cidrs: ['10.0.0.0/33'] } }, /Cidrs\.0: \[F3031 FATAL\] '10\.0\.0\.0\/33' does not match pattern/],
    ['a WorkforceName with an underscore', { WorkforceName: 'bad_name' }, /WorkforceName: \[F3031 FATAL\]/],
    ['a user pool id without an underscore', { CognitoConfig: { UserPool: 'pool', ClientId: 'client' } }, /UserPool: \[F3031 FATAL\]/],
    ['an IpAddressType it does not know', { IpAddressType: 'ipv5' }, /IpAddressType: \[W3030 WARN\] 'ipv5' is not one of/],
    [
      'an http issuer',
      {
        CognitoConfig: undefined,
        OidcConfig: {
          ClientId: 'client',
          ClientSecret: 'secret',
          Issuer: 'http://idp.example.com',
          AuthorizationEndpoint: 'https://idp.example.com/authorize',
          TokenEndpoint: 'https://idp.example.com/token',
          UserInfoEndpoint: 'https://idp.example.com/userinfo',
          LogoutEndpoint: 'https://idp.example.com/logout',
          JwksUri: 'https://idp.example.com/jwks',
        },
      },
      /Issuer: \[F3031 FATAL\]/,
    ],
    ['6 security groups', { WorkforceVpcConfig: { VpcId: 'vpc-0123456789abcdef0', SecurityGroupIds: Array(6).fill('sg-0123456789abcdef0'), Subnets: ['subnet-0123456789abcdef0'] } }, /SecurityGroupIds: \[F3032 FATAL\]/],
    ['a malformed VPC id', { WorkforceVpcConfig: { VpcId: 'vpc-1', SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] } }, /VpcId: \[E1151 ERROR\]/],
  ])('a workforce with %s', (_, overrides, expected) => {
    const findings = validateAgainstCfnSchema(template(WORKFORCE, { ...WORKFORCE_PROPS, ...overrides }));

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^Resource \(AWS::SageMaker::Workforce\) Properties/);
    expect(findings[0]).toMatch(expected);
  });

  test('every broken rule of a resource', () => {
    // length of both, and with the newer engine the pattern of both too
    expect(validateAgainstCfnSchema(team({ WorkteamName: 'a'.repeat(64), Description: '' }))).toHaveLength(PINNED_ENGINE ? 2 : 4);
  });
});

describe('validateAgainstCfnSchema reports only schema findings of SageMaker resources', () => {
  test('not those of other resource types', () => {
    const other = template(WORKTEAM, TEAM, { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't'.repeat(300) } } });

    expect(cfnDiagnostics(other).some((d) => d.entity?.logicalId === 'Topic')).toBe(true);
    expect(validateAgainstCfnSchema(other)).toEqual([]);
  });

  test('not template-level findings, such as a Ref to a missing target', () => {
    const dangling = team({ WorkforceName: { Ref: 'Missing' } });

    expect(cfnDiagnostics(dangling).map((d) => d.ruleId)).toContain('F1020');
    expect(validateAgainstCfnSchema(dangling)).toEqual([]);
  });

  test('not informational findings (create-only properties, no tags)', () => {
    expect(cfnDiagnostics(team({})).filter((d) => d.severity === 'INFO')).toEqual([]);
  });
});

// The pinned engine's schema checks none of these (the library's API model check is the only guard at synth);
// the newer schema checks some, and not the others.
describe('what the registry schema does not check (the API model check does)', () => {
  test.each([
    ['a WorkteamName with an underscore', { WorkteamName: 'bad_name' }, atNewerEngine(/WorkteamName: \[F3031 FATAL\] 'bad_name' does not match pattern/)],
    ['a Description on two lines', { Description: 'two\nlines' }, atNewerEngine(/Description: \[F3031 FATAL\] 'two\nlines' does not match pattern '\^\.\+\$'/)],
    ['a Description of 101 emoji (202 UTF-16 code units)', { Description: '😀'.repeat(101) }, []],
    ['an OIDC group with a space', { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['two words'] } }] }, []],
    [
      '11 member definitions',
      { MemberDefinitions: Array(11).fill(COGNITO_MEMBER) },
      atNewerEngine(/MemberDefinitions: \[F3032 FATAL\] expected maximum item count: 10, found: 11/),
    ],
    ['a tag key with #', { Tags: [{ Key: 'team#', Value: 'labeling' }] }, atNewerEngine(/Tags\.0\.Key: \[F3031 FATAL\] 'team#' does not match pattern/)],
    [
      '51 tags',
      { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `key${i}`, Value: 'value' })) },
      atNewerEngine(/Tags: \[F3032 FATAL\] expected maximum item count: 50, found: 51/),
    ],
    [
      'a topic ARN that is not one',
      { NotificationConfiguration: { NotificationTopicArn: 'not an ARN' } },
      atNewerEngine(/NotificationTopicArn: \[F3031 FATAL\] 'not an ARN' does not match pattern/),
    ],
  ])('%s', (_, overrides, newer: RegExp[]) => {
    const findings = validateAgainstCfnSchema(team(overrides));

    expect(findings).toHaveLength(newer.length);
    expect(findings).toEqual(newer.map((n) => expect.stringMatching(n)));
  });
});

test('a template the engine cannot read is an error, not a pass', () => {
  expect(() => validateAgainstCfnSchema([] as unknown as object)).toThrow(/could not analyze the template \(ERROR\)/);
});

// The schema of AWS::SageMaker::Workforce gives AuthenticationRequestExtraParams `patternProperties`
// (`^.+$`: `^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`, at most 512) and at most 10 properties: the engine checks neither,
// so the library's rules are the only guard at synth (CloudFormation checks them at deployment).
describe('the extra authentication parameters of an OIDC workforce', () => {
  const withParams = (params: Record<string, string>) =>
    template(WORKFORCE, {
      WorkforceName: 'workers',
      OidcConfig: {
        ClientId: 'client',
        ClientSecret: 'secret',
        Issuer: 'https://idp.example.com',
        AuthorizationEndpoint: 'https://idp.example.com/authorize',
        TokenEndpoint: 'https://idp.example.com/token',
        UserInfoEndpoint: 'https://idp.example.com/userinfo',
        LogoutEndpoint: 'https://idp.example.com/logout',
        JwksUri: 'https://idp.example.com/jwks',
        AuthenticationRequestExtraParams: params,
      },
    });

  test('are not counted by the engine (maxProperties)', () => {
    const params = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, 'v']));

    expect(validateAgainstCfnSchema(withParams(params))).toEqual([]);
  });

  test('nor matched against the pattern of patternProperties', () => {
    expect(validateAgainstCfnSchema(withParams({ prompt: 'select_account login', tab: 'a\tb' }))).toEqual([]);
  });
});
