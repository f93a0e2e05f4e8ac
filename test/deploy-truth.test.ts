import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { cfnDiagnostics, DEPLOY_TRUTH_ENV, deployTruth, deployTruthStack, loadSageMakerModel, sdkCallsOf, shapeAt, synthTemplate } from './deploy-truth';
import { WorkerAccessConfiguration, Workforce, Workteam, WorkteamMembers, WorkteamOptions } from '../src';
import * as arb from './deploy-truth/arbitraries';
import {
  assertProperty,
  brokenTags,
  Broken,
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

/*
 * Property-based deploy-truth tests: whatever VALID props the library is given (valid per the SageMaker API
 * model, with characters and lengths read from the model), what it synthesizes passes both the CloudFormation
 * registry schemas and the API model; whatever props break exactly one rule of the model, the library fails at
 * synth with an error that names the property.
 *
 * FC_NUM_RUNS sets the runs of each property (default 500); `npx projen test:properties` runs 5000.
 */

/** Generous: about 10 ms a run for invalid props, 20 ms for valid ones (synth and both checks). */
const TIMEOUT_MS = timeoutFor(60);

/** The committed SageMaker API model (test/api-models/sagemaker.json); a missing one fails this whole file. */
const model = loadSageMakerModel();
const shapes = arb.workteamShapes(model);

/**
 * The maxLength of CognitoClientId in the AWS::SageMaker::Workteam registry schema (of the engine aws-cdk-lib
 * 2.273.0 bundles), below the API model's ClientId maximum: see the failing test below.
 */
const CFN_SCHEMA_COGNITO_CLIENT_ID_MAX = 128;

/** SNS topic names have at most 256 characters (SNS CreateTopic), which keeps a topic ARN far below 2048. */
const SNS_TOPIC_NAME_MAX = 256;

// ---------------------------------------------------------------------------------------------------------------
// Valid props
// ---------------------------------------------------------------------------------------------------------------

const validTags = validTagsOf(shapes, 'AWS::SageMaker::Workteam');

/**
 * The worker access setting of each condition of UpdateWorkteam's IamPolicyConstraints (the model's members), and
 * the value the model takes for it when on and when off (its enum: Enabled, Disabled).
 */
const WORKER_ACCESS_SETTINGS: Record<string, keyof WorkerAccessConfiguration> = {
  SourceIp: 'restrictS3PresignedUrlsToSourceIp',
  VpcSourceIp: 'restrictS3PresignedUrlsToVpcSourceIp',
};
const iamPolicyConstraints = shapeAt(model, 'UpdateWorkteam', ['WorkerAccessConfiguration', 'S3Presign', 'IamPolicyConstraints']);
const WORKER_ACCESS_CONDITIONS = Object.keys(iamPolicyConstraints.members!).map((condition) => {
  const setting = WORKER_ACCESS_SETTINGS[condition];
  if (setting === undefined) {
    throw new Error(`the model's IamPolicyConstraints has ${condition}, which WorkerAccessConfiguration does not set`);
  }
  return { condition, setting };
});
const [ENABLED, DISABLED] = ['Enabled', 'Disabled'];
if (![shapes.sourceIp, shapes.vpcSourceIp].every((shape) => shape.enum?.includes(ENABLED) && shape.enum.includes(DISABLED))) {
  throw new Error(`the model's worker access conditions are not ${ENABLED} or ${DISABLED}`);
}

/** Each condition on, off or unset, never two on (SageMaker takes one of them). */
const validWorkerAccess: fc.Arbitrary<WorkerAccessConfiguration> = fc
  .tuple(...WORKER_ACCESS_CONDITIONS.map(() => fc.option(fc.boolean(), { nil: undefined })))
  .filter((values) => values.filter((value) => value === true).length <= 1)
  .map((values) => Object.fromEntries(WORKER_ACCESS_CONDITIONS.flatMap(({ setting }, i) => (values[i] === undefined ? [] : [[setting, values[i]]]))));

/** The conditions the custom resource sends: those set, but an off one beside an on one (the default). */
function expectedConstraints(access: WorkerAccessConfiguration): Record<string, string> {
  const anyOn = WORKER_ACCESS_CONDITIONS.some(({ setting }) => access[setting] === true);
  return Object.fromEntries(
    WORKER_ACCESS_CONDITIONS.flatMap(({ condition, setting }) => {
      const value = access[setting];
      return value === undefined || (anyOn && !value) ? [] : [[condition, value ? ENABLED : DISABLED]];
    }),
  );
}

type TopicSpec = { kind: 'defined' } | { kind: 'imported'; arn: string };

/** A topic ARN moved to the region of the test stacks: the library rejects topics of another region. */
function inTeamRegion(arn: string): string {
  return arn.replace(/^(arn:[^:]*:sns:)[^:]*:/, `$1${DEPLOY_TRUTH_ENV.region}:`);
}

const validTopic: fc.Arbitrary<TopicSpec> = fc.oneof(
  fc.constant<TopicSpec>({ kind: 'defined' }),
  arb.validTopicArn(shapes.topicArn, SNS_TOPIC_NAME_MAX).map((arn): TopicSpec => ({ kind: 'imported', arn: inTeamRegion(arn) })),
);

interface OptionsSpec {
  readonly workteamName?: string;
  readonly description?: string;
  readonly workforceName?: string;
  readonly topic?: TopicSpec;
  readonly tags?: Record<string, string>;
  readonly workerAccess?: WorkerAccessConfiguration;
}

const validOptions: fc.Arbitrary<OptionsSpec> = fc.record({
  workteamName: fc.option(arb.validNameOf(shapes.workteamName), { nil: undefined }),
  description: fc.option(arb.validStringOf(shapes.description), { nil: undefined }),
  workforceName: fc.option(arb.validNameOf(shapes.workforceName), { nil: undefined }),
  topic: fc.option(validTopic, { nil: undefined }),
  tags: fc.option(validTags, { nil: undefined }),
  workerAccess: fc.option(validWorkerAccess, { nil: undefined }),
});

/** Distinct groups: a team lists each group once. */
const validOidcGroups = arb.arrayOf(arb.validStringOf(shapes.oidcGroup), shapes.oidcGroups.min ?? 0, shapes.oidcGroups.max!, (group) => group);


function workteamOptions(stack: Stack, spec: OptionsSpec): WorkteamOptions {
  let notificationTopic: sns.ITopic | undefined;
  if (spec.topic?.kind === 'defined') {
    notificationTopic = new sns.Topic(stack, 'Topic');
  } else if (spec.topic?.kind === 'imported') {
    notificationTopic = sns.Topic.fromTopicArn(stack, 'Topic', spec.topic.arn);
  }
  return {
    workteamName: spec.workteamName,
    description: spec.description,
    workforce: spec.workforceName === undefined ? undefined : Workforce.fromWorkforceName(stack, 'Workforce', spec.workforceName),
    notificationTopic,
    tags: spec.tags,
    workerAccess: spec.workerAccess,
  };
}

function newStack(): Stack {
  return deployTruthStack();
}

/** The properties of the stack's one work team. */
function workteamProperties(template: Record<string, any>): Record<string, any> {
  const teams = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::SageMaker::Workteam');
  expect(teams).toHaveLength(1);
  return teams[0].Properties;
}

/** Synthesizes the stack and checks its template with both checkers; returns the work team's properties. */
function expectDeployable(stack: Stack, spec: OptionsSpec): Record<string, any> {
  const template = synthTemplate(stack);
  expect(deployTruth(template)).toEqual({ cfnSchema: [], apiModel: [], notInModel: [] });

  // What was given is what is deployed.
  const properties = workteamProperties(template);
  if (spec.workteamName !== undefined) {
    expect(properties.WorkteamName).toBe(spec.workteamName);
  }
  if (spec.description !== undefined) {
    expect(properties.Description).toBe(spec.description);
  }
  if (spec.workforceName !== undefined) {
    expect(properties.WorkforceName).toBe(spec.workforceName);
  }
  if (spec.topic?.kind === 'imported') {
    expect(properties.NotificationConfiguration).toEqual({ NotificationTopicArn: spec.topic.arn });
  }
  const tags = Object.fromEntries((properties.Tags ?? []).map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value]));
  expect(tags).toEqual({ ...spec.tags });
  const calls = Object.values<any>(template.Resources)
    .filter((resource) => resource.Type === 'Custom::SageMakerWorkteamWorkerAccess')
    .flatMap((resource) => sdkCallsOf(resource.Properties));
  if (spec.workerAccess === undefined) {
    expect(calls).toEqual([]);
  } else {
    const constraints = expectedConstraints(spec.workerAccess);
    const disabled = Object.fromEntries(Object.keys(constraints).map((condition) => [condition, DISABLED]));
    expect(calls.map(({ phase, call }) => [phase, call.parameters?.WorkerAccessConfiguration])).toEqual([
      ['Create', { S3Presign: { IamPolicyConstraints: constraints } }],
      ['Update', { S3Presign: { IamPolicyConstraints: constraints } }],
      ['Delete', { S3Presign: { IamPolicyConstraints: disabled } }],
    ]);
  }
  return properties;
}

describe('valid props synthesize a work team that CloudFormation and SageMaker accept', () => {
  test(
    'Workteam.fromOidcGroups',
    () => {
      assertProperty(fc.tuple(validOidcGroups, validOptions), ([groups, spec]) => {
        const stack = newStack();
        Workteam.fromOidcGroups(stack, 'Team', { groups, ...workteamOptions(stack, spec) });

        const properties = expectDeployable(stack, spec);
        expect(properties.MemberDefinitions).toEqual([{ OidcMemberDefinition: { OidcGroups: groups } }]);
      });
    },
    TIMEOUT_MS,
  );

  type Defined = { kind: 'defined' };
  type Imported = { kind: 'imported'; id: string };

  const DEFINED: Defined = { kind: 'defined' };

  /**
   * Groups of one pool, each defined here or imported, with distinct names (a pool has one group of a name):
   * mostly one (Workteam.fromCognitoGroup), else as many as the model allows member definitions.
   */
  const cognitoGroup = fc.record({ defined: fc.boolean(), name: arb.validStringOf(shapes.userGroup) });
  const cognitoGroups = fc.oneof(
    { arbitrary: cognitoGroup.map((group) => [group]), weight: 3 },
    arb.arrayOf(cognitoGroup, shapes.memberDefinitions.min ?? 1, shapes.memberDefinitions.max!, (group) => group.name),
  );

  const cognitoMembers = (clientIdMax: number) =>
    fc.record({
      pool: fc.oneof(fc.constant<Defined | Imported>(DEFINED), arb.validUserPoolId(shapes.userPool).map((id): Imported => ({ kind: 'imported', id }))),
      client: fc.oneof(
        fc.constant<Defined | Imported>(DEFINED),
        arb.validStringOf(shapes.clientId, clientIdMax).map((id): Imported => ({ kind: 'imported', id })),
      ),
      groups: cognitoGroups,
    });

  type CognitoSpec = typeof cognitoMembers extends (max: number) => fc.Arbitrary<infer T> ? T : never;

  /** One group: Workteam.fromCognitoGroup; more: new Workteam with WorkteamMembers.fromCognitoGroups. */
  function cognitoTeam(stack: Stack, members: CognitoSpec, spec: OptionsSpec): void {
    const userPool =
      members.pool.kind === 'imported' ? cognito.UserPool.fromUserPoolId(stack, 'Pool', members.pool.id) : new cognito.UserPool(stack, 'Pool');
    const userPoolClient =
      members.client.kind === 'imported'
        ? cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', members.client.id)
        : userPool.addClient('Client');
    const groups = members.groups.map(({ defined, name }, i) =>
      defined
        ? new cognito.UserPoolGroup(stack, `Group${i}`, { userPool, groupName: name })
        : cognito.UserPoolGroup.fromGroupName(stack, `Group${i}`, name),
    );
    if (groups.length === 1) {
      Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group: groups[0], ...workteamOptions(stack, spec) });
    } else {
      new Workteam(stack, 'Team', { members: WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, groups), ...workteamOptions(stack, spec) });
    }
  }

  test(
    'Workteam.fromCognitoGroup and WorkteamMembers.fromCognitoGroups, with imported and defined pools, clients and groups',
    () => {
      assertProperty(fc.tuple(cognitoMembers(CFN_SCHEMA_COGNITO_CLIENT_ID_MAX), validOptions), ([members, spec]) => {
        const stack = newStack();
        cognitoTeam(stack, members, spec);

        const definitions = expectDeployable(stack, spec).MemberDefinitions;
        expect(definitions).toHaveLength(members.groups.length);
        definitions.forEach(({ CognitoMemberDefinition: definition }: any, i: number) => {
          if (members.pool.kind === 'imported') {
            expect(definition.CognitoUserPool).toBe(members.pool.id);
          }
          if (members.client.kind === 'imported') {
            expect(definition.CognitoClientId).toBe(members.client.id);
          }
          if (!members.groups[i].defined) {
            expect(definition.CognitoUserGroup).toBe(members.groups[i].name);
          }
        });
      });
    },
    TIMEOUT_MS,
  );

  // The AWS::SageMaker::Workteam registry schema limits CognitoClientId to 128 characters (F3033), below the API
  // model's 1024: CloudFormation would reject a longer id at deployment, so the library rejects it at synth.
  test(
    'an imported app client id longer than the registry schema allows (129 to 1024 characters) is rejected at synth',
    () => {
      const longClientId = arb.stringOf(arb.charactersOf(shapes.clientId), CFN_SCHEMA_COGNITO_CLIENT_ID_MAX + 1, shapes.clientId.max!);
      assertProperty(
        longClientId,
        (clientId) => {
          const stack = newStack();
          const build = () => {
            Workteam.fromCognitoGroup(stack, 'Team', {
              userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_aBcDeF123'),
              userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', clientId),
              group: cognito.UserPoolGroup.fromGroupName(stack, 'Group', 'labelers'),
            });
            return synthTemplate(stack);
          };
          // Either the library rejects it at synth, naming the property, or what it synthesizes must deploy.
          let template: Record<string, any>;
          try {
            template = build();
          } catch (error) {
            expect(String(error)).toMatch(/members app client id: /);
            return;
          }
          expect(deployTruth(template).cfnSchema).toEqual([]);
        },
        { endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Construct paths: default names and descriptions
// ---------------------------------------------------------------------------------------------------------------

/** Construct ids (no '/', and not the names of Object.prototype members, which trip the constructs library). */
const constructId = (characters: fc.Arbitrary<string>) =>
  fc.array(characters, { minLength: 1, maxLength: 90 }).map((cs) => cs.join('')).filter((id) => !id.includes('/') && !(id in {}));

const bmpCharacter = arb.characterOf({ ...arb.charactersWhere('any', () => true), astral: [] });

describe('default names and descriptions', () => {
  test(
    'deploy whatever the construct path (characters of the Basic Multilingual Plane)',
    () => {
      assertProperty(fc.array(constructId(bmpCharacter), { minLength: 1, maxLength: 4 }), (ids) => {
        const stack = newStack();
        const scope = ids.slice(0, -1).reduce<Construct>((parent, id) => new Construct(parent, id), stack);
        Workteam.fromOidcGroups(scope, ids[ids.length - 1], { groups: ['labelers'] });

        expectDeployable(stack, {});
      });
    },
    TIMEOUT_MS,
  );

  // A cut of the default description inside a character beyond U+FFFF would leave a lone surrogate ("\ud83d"),
  // which CloudFormation Validate cannot parse (F1101) and the API does not take: the cut keeps pairs whole.
  test(
    'deploy when the cut of a long default description falls inside a character beyond U+FFFF',
    () => {
      const astral = arb.characterOf({ ascii: [], bmp: [], astral: arb.charactersWhere('any', () => true).astral });
      // 'Private work team Stack/' is 24 code units: the id puts an astral character at code units 198 and 199.
      const id = fc.tuple(astral, constructId(fc.constantFrom('a', 'é', '-', '日'))).map(([c, rest]) => `${'x'.repeat(198 - 24)}${c}${rest}`);
      assertProperty(
        id,
        (teamId) => {
          const stack = newStack();
          Workteam.fromOidcGroups(stack, teamId, { groups: ['labelers'] });
          const template = synthTemplate(stack);
          expect(deployTruth(template)).toEqual({ cfnSchema: [], apiModel: [], notInModel: [] });
        },
        { endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Invalid props: each breaks exactly one rule of the model, and fails at synth naming the property
// ---------------------------------------------------------------------------------------------------------------

function oidcTeamWith(options: (stack: Stack) => Partial<WorkteamOptions>, groups: string[] = ['labelers']): (stack: Stack) => void {
  return (stack) => Workteam.fromOidcGroups(stack, 'Team', { groups, ...options(stack) });
}

describe('props that break one rule fail at synth, naming the property', () => {
  const { workteamName, description, oidcGroups, oidcGroup, userPool, clientId, userGroup, workforceName, topicArn } = shapes;
  const min = (shape: { min?: number }) => shape.min ?? 0;

  test(
    'workteamName: too long, empty, a character it does not take, a hyphen first or last',
    () => {
      const name = arb.nameCharacters(workteamName);
      const notFirst = arb.charactersWhere('workteam name: middle, not first', (c) => name.middle.ascii.includes(c) && !name.first.ascii.includes(c));
      const shortValid = arb.nameOf(workteamName, 1, workteamName.max! - 2);
      const broken = fc.oneof(
        tooLong(name.middle, workteamName.max!).map((v) => name.first.ascii[0] + v.slice(2) + name.first.ascii[0]),
        ...(min(workteamName) > 0 ? [fc.constant('')] : []),
        withForbidden(shortValid, arb.charactersNotInName(workteamName)),
        fc.tuple(shortValid, arb.characterOf(notFirst), fc.boolean()).map(([v, c, first]) => (first ? c + v : v + c)),
      );
      assertProperty(broken, (value) =>
        expectRejected({
          build: oidcTeamWith(() => ({ workteamName: value })),
          problem: stringProblem('workteamName', value, workteamName),
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'description: too long (in UTF-16 code units), empty, a line terminator',
    () => {
      const characters = arb.charactersOf(description);
      const broken = fc.oneof(
        tooLong(characters, description.max!),
        ...(min(description) > 0 ? [fc.constant('')] : []),
        withForbidden(arb.stringOf(characters, 0, description.max! - 2), arb.charactersNotIn(description)),
      );
      assertProperty(broken, (value) =>
        expectRejected({
          build: oidcTeamWith(() => ({ description: value })),
          problem: stringProblem('description', value, description),
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'OIDC groups: too few, too many, one too long, empty or with a character it does not take, one listed twice',
    () => {
      const valid = arb.validStringOf(oidcGroup);
      const someGroups = fc.uniqueArray(valid, { minLength: min(oidcGroups), maxLength: oidcGroups.max! - 1 });
      const distinctGroups = fc.uniqueArray(valid, { minLength: Math.max(min(oidcGroups), 1), maxLength: oidcGroups.max! - 1 });
      const badGroup = fc.oneof(
        tooLong(arb.charactersOf(oidcGroup), oidcGroup.max!),
        ...(min(oidcGroup) > 0 ? [fc.constant('')] : []),
        withForbidden(arb.stringOf(arb.charactersOf(oidcGroup), 0, oidcGroup.max! - 2), arb.charactersNotIn(oidcGroup)),
      );
      const broken = fc.oneof(
        fc
          .oneof(
            ...(min(oidcGroups) > 0 ? [fc.constant([] as string[])] : []),
            fc.uniqueArray(valid, { minLength: oidcGroups.max! + 1, maxLength: oidcGroups.max! + 5 }),
          )
          .map((groups): Broken => ({
            build: oidcTeamWith(() => ({}), groups),
            problem: countProblem('members (OIDC groups)', groups.length, min(oidcGroups), oidcGroups.max!),
          })),
        fc.tuple(someGroups, badGroup, fc.nat()).map(([groups, bad, at]): Broken => {
          const index = at % (groups.length + 1);
          const property = `members OIDC group [${index}]`;
          return {
            build: oidcTeamWith(() => ({}), [...groups.slice(0, index), bad, ...groups.slice(index)]),
            problem: stringProblem(property, bad, oidcGroup),
          };
        }),
        // a group listed twice
        fc.tuple(distinctGroups, fc.nat(), fc.nat()).map(([groups, from, at]): Broken => {
          const first = from % groups.length;
          const index = first + 1 + (at % (groups.length - first));
          const listed = [...groups.slice(0, index), groups[first], ...groups.slice(index)];
          return {
            build: oidcTeamWith(() => ({}), listed),
            problem: new RegExp(`^${escape(`members OIDC group [${index}]`)}: ${QUOTED} is group \\[${first}\\] already: a work team lists each group once$`, 's'),
          };
        }),
      );
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  test(
    'Cognito members: a user pool id, an app client id or a user group name it does not take',
    () => {
      const valid = fc.record({
        pool: arb.validUserPoolId(userPool),
        client: arb.validStringOf(clientId, CFN_SCHEMA_COGNITO_CLIENT_ID_MAX),
        group: arb.validStringOf(userGroup),
      });
      // Not ':': UserPool.fromUserPoolId round-trips the id through an ARN, and drops a leading ':' (':-_0' is '-_0').
      const poolCharacters = arb.charactersWhere('user pool id: not in [\\w-:]', (c) => !/^[\w:-]$/.test(c));
      const badPool = fc.oneof(
        // the model's pattern, too long
        arb.userPoolIdOf(userPool, userPool.max! + 1, userPool.max! + 40),
        // no underscore
        arb.stringOf(arb.charactersWhere('alphanumeric', (c) => /^[a-zA-Z0-9]$/.test(c)), 1, userPool.max!),
        // a character neither part takes
        withForbidden(arb.userPoolIdOf(userPool, 3, userPool.max! - 2), poolCharacters),
      );
      // The Workteam registry schema allows app client ids of 128 characters, the API model 1024: the library takes 128.
      const workteamClientId = { ...clientId, max: CFN_SCHEMA_COGNITO_CLIENT_ID_MAX };
      const badClient = fc.oneof(
        tooLong(arb.charactersOf(clientId), workteamClientId.max),
        fc.constant(''),
        withForbidden(arb.stringOf(arb.charactersOf(clientId), 0, CFN_SCHEMA_COGNITO_CLIENT_ID_MAX - 2), arb.charactersNotIn(clientId)),
      );
      const badGroup = fc.oneof(
        tooLong(arb.charactersOf(userGroup), userGroup.max!),
        fc.constant(''),
        withForbidden(arb.stringOf(arb.charactersOf(userGroup), 0, userGroup.max! - 2), arb.charactersNotIn(userGroup)),
      );
      const broken = fc.oneof(
        fc.tuple(valid, badPool).map(([v, pool]) => ({ ...v, pool, problem: stringProblem('members user pool id', pool, userPool) })),
        fc.tuple(valid, badClient).map(([v, client]) => ({ ...v, client, problem: stringProblem('members app client id', client, workteamClientId) })),
        fc.tuple(valid, badGroup).map(([v, group]) => ({ ...v, group, problem: stringProblem("members user group 'Stack/Group'", group, userGroup) })),
      );
      assertProperty(broken, (spec) =>
        expectRejected({
          build: (stack) =>
            Workteam.fromCognitoGroup(stack, 'Team', {
              userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', spec.pool),
              userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', spec.client),
              group: cognito.UserPoolGroup.fromGroupName(stack, 'Group', spec.group),
            }),
          problem: spec.problem,
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    "tags: too many, a key or value too long or with a character it does not take, an empty key, an 'aws:' key",
    () => {
      const broken = brokenTags(shapes, (t) => oidcTeamWith(() => ({ tags: t })));
      assertProperty(broken, expectRejected);
    },
    TIMEOUT_MS,
  );

  test(
    'notificationTopic: an ARN that is not an SNS topic ARN',
    () => {
      const valid = arb.validTopicArn(topicArn, SNS_TOPIC_NAME_MAX);
      const notInName = arb.charactersWhere('topic name: not in [a-zA-Z0-9_.-:]', (c) => !/^[a-zA-Z0-9_.:-]$/.test(c));
      const broken = fc.oneof(
        valid.map((arn) => arn.replace(':sns:', ':sqs:')),
        valid.map((arn) => arn.replace(/:(\d{12}):/, (_, account: string) => `:${account.slice(1)}:`)),
        fc.tuple(valid, arb.characterOf(notInName)).map(([arn, c]) => `${arn}${c}`),
      );
      assertProperty(broken, (arn) =>
        expectRejected({
          build: oidcTeamWith((stack) => ({ notificationTopic: sns.Topic.fromTopicArn(stack, 'Topic', arn) })),
          problem: patternProblem('notificationTopic ARN'),
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'notificationTopic: encrypted with the AWS managed key alias/aws/sns, which SageMaker cannot use',
    () => {
      const valid = arb.validTopicArn(topicArn, SNS_TOPIC_NAME_MAX).map(inTeamRegion);
      const partition = (arn: string) => arn.split(':')[1];
      const broken = fc.oneof(
        fc.constant((stack: Stack) => new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Key', 'alias/aws/sns') })),
        valid.map((arn) => (stack: Stack) =>
          sns.Topic.fromTopicAttributes(stack, 'Topic', {
            topicArn: arn,
            keyArn: `arn:${partition(arn)}:kms:${DEPLOY_TRUTH_ENV.region}:123456789012:alias/aws/sns`,
          })),
      );
      assertProperty(broken, (topic) =>
        expectRejected({
          build: oidcTeamWith((stack) => ({ notificationTopic: topic(stack) })),
          problem: /^notificationTopic: '.*' is encrypted with the AWS managed key alias\/aws\/sns, whose policy nobody can change/,
        }),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'workerAccess: both the SourceIp and the VpcSourceIp condition asked for',
    () => {
      assertProperty(fc.tuple(validOidcGroups, validOptions), ([groups, spec]) =>
        expectRejected({
          build: (stack) => {
            const options = workteamOptions(stack, spec);
            Workteam.fromOidcGroups(stack, 'Team', {
              groups,
              ...options,
              // a valid topic stays valid: only the worker access is broken
              workerAccess: Object.fromEntries(WORKER_ACCESS_CONDITIONS.map(({ setting }) => [setting, true])),
            });
          },
          problem: /^workerAccess: restrictS3PresignedUrlsToSourceIp and restrictS3PresignedUrlsToVpcSourceIp cannot both be true/,
        }),
      );
    },
    TIMEOUT_MS,
  );

  // The library's data (src/private/resource-regions.ts) against the engine itself, region by region.
  test(
    'region: a team fails at synth exactly in the regions where CloudFormation Validate reports F3006 for AWS::SageMaker::Workteam',
    () => {
      const regions = RegionInfo.regions.map((region) => region.name);
      assertProperty(
        fc.constantFrom(...regions),
        (region) => {
          const stack = deployTruthStack({ ...DEPLOY_TRUTH_ENV, region });
          const engineSaysMissing = cfnDiagnostics(
            { Resources: { Team: { Type: 'AWS::SageMaker::Workteam', Properties: {} } } },
            { region },
          ).some((d) => d.ruleId === 'F3006');
          const build = () => Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });
          if (engineSaysMissing) {
            expect(build).toThrow(new RegExp(`region: AWS::SageMaker::Workteam does not exist in ${region} `));
          } else {
            expect(build).not.toThrow();
          }
        },
        { numRuns: Math.min(NUM_RUNS, regions.length * 3) },
      );
    },
    TIMEOUT_MS,
  );

  test(
    'workforce: a name too long, empty or with a character it does not take',
    () => {
      const name = arb.nameCharacters(workforceName);
      const broken = fc.oneof(
        arb.nameOf(workforceName, workforceName.max! + 1, workforceName.max! + 40),
        ...(min(workforceName) > 0 ? [fc.constant('')] : []),
        withForbidden(arb.nameOf(workforceName, 1, workforceName.max! - 2), arb.charactersNotInName(workforceName)),
        arb.nameOf(workforceName, 1, workforceName.max! - 1).chain((v) =>
          arb.characterOf(arb.charactersWhere('workforce name: middle, not first', (c) => name.middle.ascii.includes(c) && !name.first.ascii.includes(c))).map((c) => c + v),
        ),
      );
      assertProperty(broken, (value) =>
        expectRejected({
          build: oidcTeamWith((stack) => ({ workforce: Workforce.fromWorkforceName(stack, 'Workforce', value) })),
          problem: stringProblem('workforceName', value, workforceName),
        }),
      );
    },
    TIMEOUT_MS,
  );
});

// The library once rejected topic ARNs longer than 2048 characters, a maximum neither the API model (botocore 1.43:
// NotificationTopicArn has a pattern and no length) nor the registry schema states.
test(
  'a topic ARN that the API model accepts, longer than 2048 characters, is accepted',
  () => {
    const longArn = arb.validTopicArn(shapes.topicArn, 2100, 2048).map(inTeamRegion);
    assertProperty(
      longArn,
      (arn) => {
        const stack = newStack();
        Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], notificationTopic: sns.Topic.fromTopicArn(stack, 'Topic', arn) });
        expect(deployTruth(synthTemplate(stack))).toEqual({ cfnSchema: [], apiModel: [], notInModel: [] });
      },
      { endOnFailure: true },
    );
  },
  TIMEOUT_MS,
);
