import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Workteam } from '../src';

/**
 * A realistic private labeling setup: the Cognito user pool that signs workers in, the group that
 * makes up the work team, the app client of the worker portal, the topic that tells workers
 * about new tasks, and the work team.
 */
export class LabelingTeamStack extends Stack {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly labelers: cognito.UserPoolGroup;
  public readonly notificationTopic: sns.Topic;
  public readonly workteam: Workteam;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'Workers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: { minLength: 12, requireSymbols: true, requireDigits: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPoolClient = this.userPool.addClient('WorkerPortal', {
      generateSecret: true,
    });
    this.labelers = new cognito.UserPoolGroup(this, 'Labelers', {
      userPool: this.userPool,
      groupName: 'labelers',
      description: 'Workers who label images for the product catalogue',
    });
    this.notificationTopic = new sns.Topic(this, 'LabelingTasks', {
      displayName: 'New labeling tasks',
      enforceSSL: true,
    });

    this.workteam = Workteam.fromCognitoGroup(this, 'ImageLabelers', {
      userPool: this.userPool,
      userPoolClient: this.userPoolClient,
      group: this.labelers,
      description: 'Labels product images for the catalogue',
      notificationTopic: this.notificationTopic,
      tags: { project: 'catalogue' },
    });
  }
}
