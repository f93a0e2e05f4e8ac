/**
 * The apps the benchmark compares, and its child process: `node apps.js <l1|l2> <own|imported> <stacks>
 * <topics|no-topics> <outdir>` builds one app and synthesizes it to `outdir`.
 *
 * Each app has N stacks, one account each (SageMaker allows 25 work teams per account and region), of 25 work teams;
 * per team a Cognito user group, a name, a description, three tags and, with topics, an SNS topic for the workers'
 * notifications. The user pool, its app client and the groups are either
 *
 * - `own`: defined in the stack (a `UserPool`, its `addClient`, a `UserPoolGroup` per team), or
 * - `imported`: imported, as platform teams whose Cognito lives elsewhere write it (`UserPool.fromUserPoolId`,
 *   `UserPoolClient.fromUserPoolClientId`, `UserPoolGroup.fromGroupName`); the templates then hold the teams only.
 *
 * The team is written either way:
 *
 * - `l2`: this library's `Workteam.fromCognitoGroup`, its checks included;
 * - `l1`: aws-cdk-lib's `CfnWorkteam`, as a careful user writes it by hand: with topics, also the topic policy
 *   statement the L2 adds and the dependency on it.
 *
 * Everything else is the same code, so the difference between the two is the cost of the L2 (main.ts checks that
 * both write the same templates).
 */
import * as path from 'path';
import { App, ArnFormat, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
// Types only: at run time the library is the jsii-compiled lib/ that users get.
import type * as workteamLibrary from '../../src';

export type Variant = 'l1' | 'l2';
export const VARIANTS: readonly Variant[] = ['l1', 'l2'];

export type AppShape = 'own' | 'imported';
export const APP_SHAPES: readonly AppShape[] = ['own', 'imported'];

/** Work teams per stack: SageMaker's limit per account and region. */
export const TEAMS_PER_STACK = 25;

/** The repository root, from the compiled `.bench/build/scripts/bench/`. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The jsii-compiled library, as `require('cdk-sagemaker-workteam')` loads it. */
export const LIBRARY_ENTRY_POINT = path.join(REPOSITORY_ROOT, 'lib', 'index.js');

interface TeamInputs {
  readonly name: string;
  readonly description: string;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly group: cognito.IUserPoolGroup;
  readonly topic?: sns.Topic;
  readonly tags: { [key: string]: string };
}

type TeamFactory = (stack: Stack, id: string, team: TeamInputs) => void;

function l2Factory(): TeamFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workteam } = require(LIBRARY_ENTRY_POINT) as typeof workteamLibrary;
  return (stack, id, team) => {
    Workteam.fromCognitoGroup(stack, id, {
      userPool: team.userPool,
      userPoolClient: team.userPoolClient,
      group: team.group,
      workteamName: team.name,
      description: team.description,
      notificationTopic: team.topic,
      tags: team.tags,
    });
  };
}

/** The same team without the L2: with a topic, the statement that lets SageMaker publish for this team only. */
const l1Factory: TeamFactory = (stack, id, team) => {
  const topic = team.topic;
  const workteam = new CfnWorkteam(stack, id, {
    workteamName: team.name,
    description: team.description,
    memberDefinitions: [{
      cognitoMemberDefinition: {
        cognitoUserPool: team.userPool.userPoolId,
        cognitoClientId: team.userPoolClient.userPoolClientId,
        cognitoUserGroup: team.group.groupName,
      },
    }],
    notificationConfiguration: topic ? { notificationTopicArn: topic.topicArn } : undefined,
    tags: Object.entries(team.tags).map(([key, value]) => ({ key, value })),
  });
  if (!topic) {
    return;
  }
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: `SageMakerNotifications${Names.uniqueResourceName(workteam, { maxLength: 64 })}`,
    principals: [new iam.ServicePrincipal('sagemaker.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'sagemaker', resource: 'workteam', resourceName: `private-crowd/${team.name}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }) },
    },
  }));
  workteam.node.addDependency(topic);
};

export interface BenchAppOptions {
  readonly shape: AppShape;
  /** Number of stacks, each with 25 work teams. */
  readonly stacks: number;
  /** Whether each team has a notification topic. */
  readonly topics: boolean;
  /** Where the cloud assembly goes. */
  readonly outdir: string;
}

/**
 * The context that `cdk synth` gives an app by default (aws-cdk 2.1100's `contextFromSettings`): path and
 * asset metadata, version reporting (the `AWS::CDK::Metadata` resource), all stacks bundled, and validation
 * reports left to the CLI. CloudFormation Validate runs at synth unless `CDK_VALIDATION=false`, which is what
 * `cdk synth --no-validation` sets.
 */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

/** The user pool, app client and per-team groups of one stack. */
function cognitoOf(stack: Stack, shape: AppShape, stackIndex: number) {
  if (shape === 'imported') {
    const serial = String(stackIndex).padStart(9, '0');
    return {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Workers', `us-east-1_W${serial}`),
      userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(stack, 'WorkerPortal', `portal${serial}abcdefghijk`),
      group: (t: number) => cognito.UserPoolGroup.fromGroupName(stack, `Group${t}`, `labelers-${t}`),
    };
  }
  const userPool = new cognito.UserPool(stack, 'Workers', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return {
    userPool,
    userPoolClient: userPool.addClient('WorkerPortal', { generateSecret: true }),
    group: (t: number) => new cognito.UserPoolGroup(stack, `Group${t}`, { userPool, groupName: `labelers-${t}` }),
  };
}

/** Builds the app of one variant, as `cdk synth` would run it (see CLI_CONTEXT). */
export function buildApp(variant: Variant, options: BenchAppOptions): App {
  const addTeam = variant === 'l2' ? l2Factory() : l1Factory;
  const app = new App({ outdir: options.outdir, context: CLI_CONTEXT });
  for (let s = 0; s < options.stacks; s++) {
    const stack = new Stack(app, `Labeling${s}`, { env: { account: String(100000000000 + s), region: 'us-east-1' } });
    const { userPool, userPoolClient, group } = cognitoOf(stack, options.shape, s);
    for (let t = 0; t < TEAMS_PER_STACK; t++) {
      const teamGroup = group(t);
      const topic = options.topics ? new sns.Topic(stack, `Tasks${t}`, { displayName: `Labeling tasks of team ${t}` }) : undefined;
      addTeam(stack, `Team${t}`, {
        name: `labelers-${s}-${t}`,
        description: `Labels product images, team ${t} of stack ${s}`,
        userPool,
        userPoolClient,
        group: teamGroup,
        topic,
        tags: { 'project': 'catalogue', 'team': `t${t}`, 'cost-center': `cc-${s % 7}` },
      });
    }
  }
  return app;
}

if (require.main === module) {
  const [variant, shape, stacks, topics, outdir] = process.argv.slice(2);
  if (!VARIANTS.includes(variant as Variant) || !APP_SHAPES.includes(shape as AppShape) || !/^\d+$/.test(stacks ?? '') ||
    !['topics', 'no-topics'].includes(topics) || !outdir) {
    throw new Error('usage: node apps.js <l1|l2> <own|imported> <stacks> <topics|no-topics> <outdir>');
  }
  buildApp(variant as Variant, { shape: shape as AppShape, stacks: Number(stacks), topics: topics === 'topics', outdir }).synth();
}
