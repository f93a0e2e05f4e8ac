import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  ApiModel,
  apiModelReport,
  apiModelsVersion,
  deployTruthApp,
  isIntrinsic,
  loadCognitoModel,
  loadSageMakerModel,
  sdkCallsOf,
  shapeAt,
  synthTemplate,
  toApiRequest,
  validateAgainstApiModel,
} from '.';
import { Workforce, Workteam } from '../../src';

const WORKTEAM = 'AWS::SageMaker::Workteam';
const WORKFORCE = 'AWS::SageMaker::Workforce';

function template(type: string, properties: Record<string, unknown>) {
  return { Resources: { Resource: { Type: type, Properties: properties } } };
}

const TEAM = {
  WorkteamName: 'labelers',
  Description: 'Labels images',
  MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['labelers'] } }],
};

const COGNITO = { CognitoUserPool: 'us-east-1_aBcDeF123', CognitoClientId: '1example23456789', CognitoUserGroup: 'labelers' };

const OIDC_CONFIG = {
  ClientId: 'client',
  ClientSecret: 'secret',
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  LogoutEndpoint: 'https://idp.example.com/logout',
  JwksUri: 'https://idp.example.com/jwks',
};

function team(overrides: Record<string, unknown>) {
  return template(WORKTEAM, { ...TEAM, ...overrides });
}

function workforce(overrides: Record<string, unknown>) {
  return template(WORKFORCE, { WorkforceName: 'workers', ...overrides });
}

const model = loadSageMakerModel();
const teamShape = (...p: string[]) => shapeAt(model, 'CreateWorkteam', p);
const forceShape = (...p: string[]) => shapeAt(model, 'CreateWorkforce', p);

describe('the committed API models', () => {
  test('are those of the botocore release in test/api-models/VERSION, 1.44 or later', () => {
    expect(apiModelsVersion()).toMatch(/^(botocore|python3-botocore) 1\.(4[4-9]|[5-9]\d)\.\d+/);
    expect(model.metadata.apiVersion).toBe('2017-07-24');
    expect(loadCognitoModel().metadata.apiVersion).toBe('2016-04-18');
  });

  test('hold the operations the tests check, with every shape they reach', () => {
    for (const loaded of [model, loadCognitoModel()]) {
      const reached = new Set<string>();
      const visit = (ref: { shape: string } | undefined): void => {
        if (!ref || reached.has(ref.shape)) {
          return;
        }
        reached.add(ref.shape);
        const shape = loaded.shapes[ref.shape];
        expect(shape).toBeDefined();
        [...Object.values(shape.members ?? {}), shape.member, shape.key, shape.value].forEach(visit);
      };
      Object.values(loaded.operations).forEach((operation) => [operation.input, operation.output].forEach(visit));
      // Trimmed: every shape is reached from an operation (scripts/update-api-models.sh also keeps their errors).
      expect(reached.size).toBeGreaterThan(10);
    }
    expect(Object.keys(model.operations)).toEqual(expect.arrayContaining(['CreateWorkteam', 'UpdateWorkteam', 'CreateWorkforce', 'UpdateWorkforce']));
  });

  test('fail, saying how to write them, when a model is missing', () => {
    expect(() => loadSageMakerModel('/nonexistent/sagemaker.json')).toThrow(/The SageMaker API model is missing: .*scripts\/update-api-models\.sh/);
  });

  test('refuse a file that is not the SageMaker model', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-truth-model-'));
    try {
      const file = path.join(folder, 'service-2.json');
      fs.writeFileSync(file, JSON.stringify({ metadata: {}, operations: {}, shapes: {} }));

      expect(() => loadSageMakerModel(file)).toThrow(/is not the SageMaker API model the tests need: it has no CreateWorkteam/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('toApiRequest', () => {
  test('maps a work team to CreateWorkteam', () => {
    expect(
      toApiRequest(WORKTEAM, {
        ...TEAM,
        WorkforceName: 'default',
        MemberDefinitions: [{ CognitoMemberDefinition: COGNITO }, { OidcMemberDefinition: { OidcGroups: ['a'] } }],
        NotificationConfiguration: { NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:tasks' },
        Tags: [{ Key: 'k', Value: 'v' }],
        WorkerAccessConfiguration: { S3Presign: {} },
      }),
    ).toEqual({
      operation: 'CreateWorkteam',
      request: {
        WorkteamName: 'labelers',
        WorkforceName: 'default',
        Description: 'Labels images',
        MemberDefinitions: [
          { CognitoMemberDefinition: { UserPool: 'us-east-1_aBcDeF123', ClientId: '1example23456789', UserGroup: 'labelers' } },
          { OidcMemberDefinition: { Groups: ['a'] } },
        ],
        NotificationConfiguration: { NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:tasks' },
        Tags: [{ Key: 'k', Value: 'v' }],
        WorkerAccessConfiguration: { S3Presign: {} },
      },
    });
  });

  test('maps a workforce to CreateWorkforce', () => {
    const properties = {
      WorkforceName: 'workers',
      OidcConfig: { ...OIDC_CONFIG, Scope: 'openid', AuthenticationRequestExtraParams: { prompt: 'login' } },
      SourceIpConfig: { Cidrs: ['10.0.0.0/16'] },
      WorkforceVpcConfig: { VpcId: 'vpc-1', SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] },
      IpAddressType: 'dualstack',
      Tags: [{ Key: 'k', Value: 'v' }],
    };

    expect(toApiRequest(WORKFORCE, properties)).toEqual({ operation: 'CreateWorkforce', request: properties });
  });

  test('keeps intrinsics as they are', () => {
    const groups = { 'Fn::Split': [',', { Ref: 'Groups' }] };

    expect(toApiRequest(WORKTEAM, { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: groups } }] }).request).toEqual({
      MemberDefinitions: [{ OidcMemberDefinition: { Groups: groups } }],
    });
  });

  test('knows only work teams and workforces', () => {
    expect(() => toApiRequest('AWS::SNS::Topic', {})).toThrow(/no API call is known for AWS::SNS::Topic/);
  });
});

test.each([
  [{ Ref: 'Name' }, true],
  [{ 'Fn::GetAtt': ['Team', 'WorkteamName'] }, true],
  [{ 'Fn::Join': ['', ['a', 'b']] }, true],
  [{ Condition: 'IsProd' }, true],
  [{ Ref: 'Name', Other: 1 }, false],
  [{ Key: 'k' }, false],
  [['Ref'], false],
  ['Ref', false],
  [null, false],
])('isIntrinsic(%j) is %s', (value, expected) => {
  expect(isIntrinsic(value)).toBe(expected);
});

describe('validateAgainstApiModel accepts', () => {
  test('a valid OIDC work team', () => {
    expect(apiModelReport(team({}))).toEqual({ errors: [], notInModel: [] });
  });

  test('values at the limits of the model', () => {
    const groups = teamShape('MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups');
    const group = teamShape('MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups', '[]');
    const tags = teamShape('Tags');
    const tagKey = teamShape('Tags', '[]', 'Key');
    const tagValue = teamShape('Tags', '[]', 'Value');

    expect(
      validateAgainstApiModel(
        team({
          WorkteamName: 'a'.repeat(teamShape('WorkteamName').max!),
          Description: 'd'.repeat(teamShape('Description').max!),
          MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: Array.from({ length: groups.max! }, (_, i) => `${i}`.padEnd(group.max!, 'g')) } }],
          Tags: Array.from({ length: tags.max! }, (_, i) => ({ Key: `${i}`.padEnd(tagKey.max!, 'k'), Value: 'v'.repeat(tagValue.max!) })),
        }),
      ),
    ).toEqual([]);
  });

  test('a valid Cognito work team with a topic and tags, and non-ASCII text', () => {
    expect(
      validateAgainstApiModel(
        team({
          Description: 'Étiquetage des images 😀 日本語',
          MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, CognitoUserGroup: 'Ünïcode-✓_😀' } }],
          NotificationConfiguration: { NotificationTopicArn: 'arn:aws-cn:sns:cn-north-1:123456789012:tasks.fifo' },
          Tags: [{ Key: 'équipe', Value: '' }, { Key: 'a b:c/d=e+f-g@h_i.j', Value: '\u2028' }],
        }),
      ),
    ).toEqual([]);
  });

  test('intrinsics, wherever they are', () => {
    expect(
      validateAgainstApiModel(
        team({
          WorkteamName: { Ref: 'Name' },
          Description: { 'Fn::Join': ['\n', ['two', 'lines']] },
          MemberDefinitions: [
            { OidcMemberDefinition: { OidcGroups: { Ref: 'Groups' } } },
            { OidcMemberDefinition: { OidcGroups: ['ok', { 'Fn::Select': [0, { Ref: 'Groups' }] }] } },
          ],
          NotificationConfiguration: { NotificationTopicArn: { Ref: 'Topic' } },
          Tags: [{ Key: { Ref: 'AWS::StackName' }, Value: { 'Fn::GetAtt': ['Team', 'WorkteamArn'] } }, { Ref: 'Tag' }],
        }),
      ),
    ).toEqual([]);
  });

  test('numbers and booleans for strings, which CloudFormation passes as their text', () => {
    expect(validateAgainstApiModel(team({ Description: 42, Tags: [{ Key: 'flag', Value: true }] }))).toEqual([]);
  });

  test('a valid workforce', () => {
    expect(
      validateAgainstApiModel(
        workforce({
          OidcConfig: OIDC_CONFIG,
          SourceIpConfig: { Cidrs: ['10.0.0.0/16', '192.168.1.1/32'] },
          WorkforceVpcConfig: { VpcId: 'vpc-0123456789abcdef0', SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] },
          Tags: [{ Key: 'team', Value: 'labeling' }],
        }),
      ),
    ).toEqual([]);
  });

  test('the resources of other types, unchecked', () => {
    expect(validateAgainstApiModel({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 7 } } } })).toEqual([]);
  });

  test('work teams the library synthesizes', () => {
    const stack = new Stack(deployTruthApp(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const userPool = new cognito.UserPool(stack, 'Pool');
    Workteam.fromCognitoGroup(stack, 'Cognito', {
      userPool,
      userPoolClient: userPool.addClient('Client'),
      group: new cognito.UserPoolGroup(stack, 'Group', { userPool, groupName: 'labelers' }),
      notificationTopic: new sns.Topic(stack, 'Topic'),
    });
    Workteam.fromOidcGroups(stack, 'Oidc', {
      groups: ['labelers', 'Ünïcode-✓'],
      workforce: Workforce.fromWorkforceName(stack, 'Workforce', 'oidc-workforce'),
      description: 'Étiquetage 😀',
      tags: { project: 'catalogue' },
    });

    expect(apiModelReport(synthTemplate(stack))).toEqual({ errors: [], notInModel: [] });
  });
});

describe('validateAgainstApiModel rejects', () => {
  test.each([
    ['a WorkteamName of 64 characters', { WorkteamName: 'a'.repeat(64) }, /CreateWorkteam WorkteamName: "a+" has 64 UTF-16 code units; the model \(WorkteamName\) allows at most 63/],
    ['an empty WorkteamName', { WorkteamName: '' }, /WorkteamName: "" has 0 UTF-16 code units; the model \(WorkteamName\) requires at least 1/],
    ['a WorkteamName with an underscore', { WorkteamName: 'bad_name' }, /WorkteamName: "bad_name" does not match the model's pattern/],
    ['a WorkteamName ending with a hyphen', { WorkteamName: 'labelers-' }, /WorkteamName: "labelers-" does not match/],
    ['a Description with a newline', { Description: 'two\nlines' }, /Description: "two\\nlines" does not match the model's pattern \(String200\) \.\+/],
    ['a Description with a line separator', { Description: 'two\u2028lines' }, /Description: .* does not match/s],
    ['a Description of 101 emoji (202 UTF-16 code units)', { Description: '😀'.repeat(101) }, /Description: .* has 202 UTF-16 code units/],
    ['a Description with a lone surrogate', { Description: 'cut \ud83d' }, /Description: .* is not well-formed Unicode/],
    ['a missing Description', { Description: undefined }, /CreateWorkteam Description: is required \(CreateWorkteamRequest\) but missing/],
    ['no member definition', { MemberDefinitions: [] }, /MemberDefinitions: has 0 items; the model \(MemberDefinitions\) requires at least 1/],
    ['11 member definitions', { MemberDefinitions: Array(11).fill({ CognitoMemberDefinition: COGNITO }) }, /MemberDefinitions: has 11 items; .* allows at most 10/],
    [
      '11 OIDC groups',
      { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: Array.from({ length: 11 }, (_, i) => `group${i}`) } }] },
      /MemberDefinitions\[0\]\.OidcMemberDefinition\.Groups: has 11 items; the model \(Groups\) allows at most 10/,
    ],
    ['an OIDC group with a space', { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['ok', 'two words'] } }] }, /Groups\[1\]: "two words" does not match/],
    ['an OIDC group of 64 characters', { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['g'.repeat(64)] } }] }, /Groups\[0\]: .* allows at most 63/],
    ['an OIDC member with no group', { MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: [] } }] }, /OidcMemberDefinition\.Groups: has 0 items; the model \(Groups\) requires at least 1/],
    ['a user pool id without an underscore', { MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, CognitoUserPool: 'pool' } }] }, /CognitoMemberDefinition\.UserPool: "pool" does not match/],
    ['a client id with a non-ASCII letter', { MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, CognitoClientId: 'clïent' } }] }, /CognitoMemberDefinition\.ClientId: "clïent" does not match/],
    ['a user group with a tab', { MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, CognitoUserGroup: 'a\tb' } }] }, /CognitoMemberDefinition\.UserGroup: .* does not match/],
    ['a Cognito member without a client', { MemberDefinitions: [{ CognitoMemberDefinition: { ...COGNITO, CognitoClientId: undefined } }] }, /CognitoMemberDefinition\.ClientId: is required/],
    ['a topic ARN of another service', { NotificationConfiguration: { NotificationTopicArn: 'arn:aws:sqs:us-east-1:123456789012:tasks' } }, /NotificationTopicArn: .* does not match/],
    ['a tag key with #', { Tags: [{ Key: 'team#', Value: 'labeling' }] }, /Tags\[0\]\.Key: "team#" does not match the model's pattern \(TagKey\)/],
    ['a tag value with a newline', { Tags: [{ Key: 'team', Value: 'a\nb' }] }, /Tags\[0\]\.Value: "a\\nb" does not match/],
    ['an empty tag key', { Tags: [{ Key: '', Value: 'v' }] }, /Tags\[0\]\.Key: "" has 0 UTF-16 code units/],
    ['a tag value of 257 characters', { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, /Tags\[0\]\.Value: .* allows at most 256/],
    ['a tag without a value', { Tags: [{ Key: 'k' }] }, /Tags\[0\]\.Value: is required \(Tag\) but missing/],
    ['51 tags', { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, /Tags: has 51 items; the model \(TagList\) allows at most 50/],
    ['a list for a string', { Description: ['a'] }, /Description: \["a"\] is not a string \(String200\)/],
    ['a string for a list', { MemberDefinitions: 'labelers' }, /MemberDefinitions: "labelers" is not a list/],
    ['a string for a structure', { NotificationConfiguration: 'arn' }, /NotificationConfiguration: "arn" is not a structure/],
  ])('a work team with %s', (_, overrides, expected) => {
    const errors = validateAgainstApiModel(team(overrides));

    // One broken rule; a value of a wrong length may break the pattern too (WorkteamName's counts characters).
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e.startsWith(errors[0].slice(0, errors[0].indexOf(':'))))).toBe(true);
    expect(errors[0]).toMatch(/^Resource \(AWS::SageMaker::Workteam\) CreateWorkteam /);
    expect(errors).toContainEqual(expect.stringMatching(expected));
  });

  test.each([
    ['a WorkforceName with an underscore', { WorkforceName: 'bad_name' }, /CreateWorkforce WorkforceName: "bad_name" does not match/],
    ['a user pool id with a space', { CognitoConfig: { UserPool: 'us-east-1 pool', ClientId: 'client' } }, /CognitoConfig\.UserPool: .* does not match/],
    ['a CIDR that is not one', { SourceIpConfig: { Cidrs: ['10.0.0.0/33'] } }, /SourceIpConfig\.Cidrs\[0\]: "10\.0\.0\.0\/33" does not match/],
    ['a CIDR of 3 characters', { SourceIpConfig: { Cidrs: ['1/1'] } }, /Cidrs\[0\]: "1\/1" has 3 UTF-16 code units; the model \(Cidr\) requires at least 4/],
    ['an http issuer', { OidcConfig: { ...OIDC_CONFIG, Issuer: 'http://idp.example.com' } }, /OidcConfig\.Issuer: .* does not match/],
    ['an endpoint with a space', { OidcConfig: { ...OIDC_CONFIG, JwksUri: 'https://idp.example.com/a b' } }, /OidcConfig\.JwksUri: .* does not match/],
    ['an OIDC config without a client secret', { OidcConfig: { ...OIDC_CONFIG, ClientSecret: undefined } }, /OidcConfig\.ClientSecret: is required/],
    ['a malformed VPC id', { WorkforceVpcConfig: { VpcId: 'vpc_1', SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] } }, /WorkforceVpcConfig\.VpcId: "vpc_1" does not match/],
    ['6 security groups', { WorkforceVpcConfig: { VpcId: 'vpc-1', SecurityGroupIds: Array(6).fill('sg-1'), Subnets: ['subnet-1'] } }, /SecurityGroupIds: has 6 items; .* allows at most 5/],
    ['17 subnets', { WorkforceVpcConfig: { VpcId: 'vpc-1', SecurityGroupIds: ['sg-1'], Subnets: Array(17).fill('subnet-1') } }, /Subnets: has 17 items; .* allows at most 16/],
    ['no name', { WorkforceName: undefined }, /CreateWorkforce WorkforceName: is required/],
  ])('a workforce with %s', (_, overrides, expected) => {
    const errors = validateAgainstApiModel(workforce(overrides));

    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e.startsWith(errors[0].slice(0, errors[0].indexOf(':'))))).toBe(true);
    expect(errors[0]).toMatch(/^Resource \(AWS::SageMaker::Workforce\) CreateWorkforce /);
    expect(errors).toContainEqual(expect.stringMatching(expected));
  });

  test('a workforce with an IpAddressType that is not one of the model', () => {
    expect(validateAgainstApiModel(workforce({ IpAddressType: 'ipv6' }))).toEqual([
      expect.stringMatching(/CreateWorkforce IpAddressType: "ipv6" is not one of the model's values \(WorkforceIpAddressType\) ipv4, dualstack/),
    ]);
  });

  // The model states no count of CIDRs (the API reference says one to ten, the registry schema maxItems 10).
  test('a workforce with 11 CIDRs: the model states no maximum', () => {
    expect(forceShape('SourceIpConfig', 'Cidrs').max).toBeUndefined();
    expect(validateAgainstApiModel(workforce({ SourceIpConfig: { Cidrs: Array.from({ length: 11 }, (_, i) => `10.0.${i}.0/24`) } }))).toEqual([]);
  });

  test('every broken rule of every resource', () => {
    const both = {
      Resources: {
        A: { Type: WORKTEAM, Properties: { ...TEAM, WorkteamName: 'a_b', Description: '' } },
        B: { Type: WORKFORCE, Properties: { WorkforceName: '-' } },
      },
    };

    expect(validateAgainstApiModel(both)).toEqual([
      expect.stringMatching(/^A .* WorkteamName: "a_b" does not match/),
      expect.stringMatching(/^A .* Description: "" has 0 UTF-16 code units/),
      expect.stringMatching(/^A .* Description: "" does not match the model's pattern \(String200\) \.\+/),
      expect.stringMatching(/^B .* WorkforceName: "-" does not match/),
    ]);
  });
});

describe('members the model does not know', () => {
  test('are reported, and are not errors', () => {
    const report = apiModelReport(workforce({ OidcConfig: { ...OIDC_CONFIG, Prompt: 'login' } }));

    expect(report.errors).toEqual([]);
    expect(report.notInModel).toEqual([expect.stringMatching(/^Resource .* CreateWorkforce OidcConfig\.Prompt: not in the model \(OidcConfig has ClientId, /)]);
  });

  test('the members CreateWorkforce and CreateWorkteam gained since 2022 are in the committed model', () => {
    const report = apiModelReport({
      Resources: {
        Workforce: {
          Type: WORKFORCE,
          Properties: {
            WorkforceName: 'workers',
            OidcConfig: { ...OIDC_CONFIG, Scope: 'openid', AuthenticationRequestExtraParams: { prompt: 'login' } },
            IpAddressType: 'dualstack',
          },
        },
        Team: { Type: WORKTEAM, Properties: { ...TEAM, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } } } },
      },
    });

    expect(report).toEqual({ errors: [], notInModel: [] });
  });
});

describe('the calls of the worker-access custom resource', () => {
  const customResource = (constraints: unknown, workteamName: unknown = { 'Fn::GetAtt': ['Team', 'WorkteamName'] }) => ({
    Resources: {
      Access: { Type: 'Custom::SageMakerWorkteamWorkerAccess', Properties: { ServiceToken: 'arn', WorkteamName: workteamName, IamPolicyConstraints: constraints } },
    },
  });

  test("are the handler's UpdateWorkteam requests on Create, Update and Delete, the conditions disabled on Delete", () => {
    const getAtt = { 'Fn::GetAtt': ['Team', 'WorkteamName'] };

    expect(sdkCallsOf(customResource({ SourceIp: 'Enabled' }).Resources.Access.Properties)).toEqual(['Create', 'Update', 'Delete'].map((phase) => ({
      phase,
      call: {
        service: 'SageMaker',
        action: 'UpdateWorkteam',
        parameters: { WorkteamName: getAtt, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: phase === 'Delete' ? 'Disabled' : 'Enabled' } } } },
      },
    })));
  });

  test("are checked against the SageMaker model's UpdateWorkteam", () => {
    expect(validateAgainstApiModel(customResource({ SourceIp: 'Enabled', VpcSourceIp: 'Disabled' }))).toEqual([]);
    expect(validateAgainstApiModel(customResource({ SourceIp: 'On' }))).toEqual([
      expect.stringMatching(
        /^Access \(Custom::SageMakerWorkteamWorkerAccess Create\) UpdateWorkteam WorkerAccessConfiguration\.S3Presign\.IamPolicyConstraints\.SourceIp: "On" is not one of the model's values \(EnabledOrDisabled\) Enabled, Disabled$/,
      ),
      expect.stringMatching(/^Access \(Custom::SageMakerWorkteamWorkerAccess Update\)/),
    ]);
    const errors = validateAgainstApiModel(customResource({}, 'x'.repeat(64)));
    for (const phase of ['Create', 'Update', 'Delete']) {
      expect(errors).toContainEqual(expect.stringMatching(new RegExp(`${phase}\\) UpdateWorkteam WorkteamName: .* allows at most 63`)));
    }
  });

  test('other custom resources are not judged', () => {
    expect(validateAgainstApiModel({ Resources: { Other: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn', Size: 3 } } } })).toEqual([]);
  });
});

describe('the walk reads every constraint from the model', () => {
  /** A model of one operation whose request has one member of each kind, with constraints unlike SageMaker's. */
  const tiny: ApiModel = {
    metadata: { apiVersion: 'test' },
    operations: { CreateWorkteam: { input: { shape: 'Request' } } },
    shapes: {
      Request: {
        type: 'structure',
        required: ['Name'],
        members: { Name: { shape: 'Name' }, Items: { shape: 'Items' }, Params: { shape: 'Params' }, Count: { shape: 'Count' }, On: { shape: 'On' } },
      },
      Name: { type: 'string', min: 2, max: 4, pattern: '[a-c]+', enum: ['ab', 'abc', 'cccc'] },
      Items: { type: 'list', min: 2, max: 3, member: { shape: 'Name' } },
      Params: { type: 'map', min: 1, max: 2, key: { shape: 'Name' }, value: { shape: 'Name' } },
      Count: { type: 'integer', min: 1, max: 5 },
      On: { type: 'boolean' },
    },
  };
  const check = (properties: Record<string, unknown>) => validateAgainstApiModel(template(WORKTEAM, properties), tiny);

  test('accepts what the model allows', () => {
    expect(check({ Name: 'abc', Items: ['ab', 'cccc'], Params: { ab: 'abc' }, Count: '5', On: 'true' })).toEqual([]);
  });

  test.each([
    [{ Name: 'a' }, /Name: "a" has 1 UTF-16 code units; the model \(Name\) requires at least 2/],
    [{ Name: 'aaaaa' }, /allows at most 4/],
    [{ Name: 'abd' }, /does not match the model's pattern \(Name\) \[a-c\]\+/],
    [{ Name: 'bb' }, /"bb" is not one of the model's values \(Name\) ab, abc, cccc/],
    [{}, /Name: is required \(Request\) but missing/],
    [{ Name: 'ab', Items: ['ab'] }, /Items: has 1 items; the model \(Items\) requires at least 2/],
    [{ Name: 'ab', Items: ['ab', 'ab', 'ab', 'ab'] }, /Items: has 4 items; the model \(Items\) allows at most 3/],
    [{ Name: 'ab', Params: {} }, /Params: has 0 entries; the model \(Params\) requires at least 1/],
    [{ Name: 'ab', Params: { ab: 'ab', abc: 'ab', cccc: 'ab' } }, /Params: has 3 entries; the model \(Params\) allows at most 2/],
    [{ Name: 'ab', Params: { zz: 'ab' } }, /Params\{"zz"\}: "zz" does not match/],
    [{ Name: 'ab', Params: { ab: 'zz' } }, /Params\["ab"\]: "zz" does not match/],
    [{ Name: 'ab', Params: ['ab'] }, /Params: \["ab"\] is not a map/],
    [{ Name: 'ab', Count: 0 }, /Count: 0 is below the model's minimum \(Count\) 1/],
    [{ Name: 'ab', Count: 6 }, /Count: 6 is above the model's maximum \(Count\) 5/],
    [{ Name: 'ab', Count: 'many' }, /Count: "many" is not a number/],
    [{ Name: 'ab', On: 'yes' }, /On: "yes" is not a boolean/],
  ])('rejects %j', (properties, expected) => {
    const errors = check(properties);

    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toMatch(expected);
  });

  test('reports an operation or a shape the model lacks', () => {
    const broken: ApiModel = { ...tiny, shapes: { ...tiny.shapes, Request: { ...tiny.shapes.Request, members: { Name: { shape: 'Missing' } } } } };

    expect(validateAgainstApiModel(template(WORKTEAM, { Name: 'ab' }), broken)).toEqual([expect.stringMatching(/Name: the model has no shape Missing/)]);
    expect(validateAgainstApiModel(template(WORKFORCE, {}), tiny)).toEqual([expect.stringMatching(/the model has no operation CreateWorkforce/)]);
  });
});

describe('shapeAt', () => {
  test('follows members and list members', () => {
    expect(teamShape('MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups', '[]')).toMatchObject({ type: 'string', name: 'Group' });
  });

  test('fails for a member the model does not have', () => {
    expect(() => teamShape('Nope')).toThrow(/the model has no CreateWorkteam Nope \(no Nope in CreateWorkteamRequest\)/);
    expect(() => shapeAt(model, 'CreateNothing', [])).toThrow(/no operation CreateNothing/);
  });
});
