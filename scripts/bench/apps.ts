/**
 * The two apps the benchmark compares. Both define, per stack, one Cognito user pool with the worker portal's
 * app client and, per work team, a user group and the work team with a name, a description and three tags;
 * with `topics`, also an SNS topic per team for the workers' notifications:
 *
 * - `l2`: the work team is this library's `Workteam.fromCognitoGroup` (validation included);
 * - `l1`: the same `AWS::SageMaker::Workteam` written with aws-cdk-lib's `CfnWorkteam`, the floor; with topics it
 *   also writes what the L2 adds, the topic policy statement and the dependency on it.
 *
 * Everything else is the same code, so the difference between the two is the cost of the L2 (main.ts checks that
 * both write the same templates). Each stack has its own account, so the 25 work teams of a stack stay within
 * SageMaker's limit of 25 per account and region.
 */
import { App, ArnFormat, Names, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
// Types only: at run time the library is the compiled `lib/` that users get (see loadLibrary).
import { libraryEntryPoint } from './paths';
import type * as workteamLibrary from '../../src';

/** `floor`: the L1 inside a bare `Resource` (see FloorResource). */
export type Variant = 'l1' | 'l2' | 'floor';

export const VARIANTS: readonly Variant[] = ['l1', 'l2', 'floor'];

/** Work teams per stack: SageMaker's limit per account and region. */
export const TEAMS_PER_STACK = 25;

function loadLibrary(): typeof workteamLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(libraryEntryPoint());
}

/** A 12-digit account per stack. */
export function accountOf(stackIndex: number): string {
  return String(100000000000 + stackIndex);
}

interface TeamInputs {
  readonly name: string;
  readonly description: string;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly group: cognito.UserPoolGroup;
  readonly topic?: sns.Topic;
  readonly tags: { [key: string]: string };
}

type TeamFactory = (stack: Stack, id: string, team: TeamInputs) => void;

function l2Factory(): TeamFactory {
  const { Workteam } = loadLibrary();
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

/**
 * What a careful user writes without the L2: the work team and, with a topic, the topic policy statement that lets
 * SageMaker publish for this team only (the L2 adds the same statement and makes the team wait for the policy).
 */
const l1Factory = (wrap: boolean): TeamFactory => (stack, id, team) => {
  const topic = team.topic;
  const scope = wrap ? new FloorResource(stack, id) : undefined;
  const workteam = new CfnWorkteam(scope ?? stack, scope ? 'Resource' : id, {
    workteamName: team.name,
    description: team.description,
    memberDefinitions: [
      {
        cognitoMemberDefinition: {
          cognitoUserPool: team.userPool.userPoolId,
          cognitoClientId: team.userPoolClient.userPoolClientId,
          cognitoUserGroup: team.group.groupName,
        },
      },
    ],
    notificationConfiguration: topic ? { notificationTopicArn: topic.topicArn } : undefined,
    tags: Object.entries(team.tags).map(([key, value]) => ({ key, value })),
  });
  if (!topic) {
    return;
  }
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: `SageMakerNotifications${Names.uniqueResourceName(scope ?? workteam, { maxLength: 64 })}`,
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

/**
 * The least any L2 adds to its L1: a `Resource` around it, the L1 as its `Resource` child (whose logical id then
 * carries a hash of its path), nothing else. The `floor` variant writes the L1's resources inside one per team.
 */
class FloorResource extends Resource {}

export interface BenchAppOptions {
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
export const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

/** Builds the app of one variant, as `cdk synth` would run it (see CLI_CONTEXT). */
export function buildApp(variant: Variant, options: BenchAppOptions): App {
  const addTeam = variant === 'l2' ? l2Factory() : l1Factory(variant === 'floor');
  const app = new App({ outdir: options.outdir, context: CLI_CONTEXT });
  for (let s = 0; s < options.stacks; s++) {
    const stack = new Stack(app, `Labeling${s}`, { env: { account: accountOf(s), region: 'us-east-1' } });
    const userPool = new cognito.UserPool(stack, 'Workers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const userPoolClient = userPool.addClient('WorkerPortal', { generateSecret: true });
    for (let t = 0; t < TEAMS_PER_STACK; t++) {
      const group = new cognito.UserPoolGroup(stack, `Group${t}`, { userPool, groupName: `labelers-${t}` });
      const topic = options.topics ? new sns.Topic(stack, `Tasks${t}`, { displayName: `Labeling tasks of team ${t}` }) : undefined;
      addTeam(stack, `Team${t}`, {
        name: `labelers-${s}-${t}`,
        description: `Labels product images, team ${t} of stack ${s}`,
        userPool,
        userPoolClient,
        group,
        topic,
        tags: { 'project': 'catalogue', 'team': `t${t}`, 'cost-center': `cc-${s % 7}` },
      });
    }
  }
  return app;
}
