import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Workforce, WorkforceIdentity, Workteam } from '../src';

/**
 * A realistic private labeling setup, deployed in one `cdk deploy`: the Cognito user pool that signs workers in,
 * with its domain, the app client of the worker portal, the private workforce on them (which puts the portal's
 * URLs on the client once it exists), the group that makes up the work team, the topic that tells workers about
 * new tasks, and the work team.
 */
export class LabelingTeamStack extends Stack {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly labelers: cognito.UserPoolGroup;
  public readonly notificationTopic: sns.Topic;
  public readonly workforce: Workforce;
  public readonly workteam: Workteam;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'Workers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireSymbols: true, requireDigits: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The worker portal signs workers in through the user pool's sign-in pages: the workforce waits for the domain.
    this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: `labeling-${this.account}` } });

    // The workforce puts the portal's callback and logout URLs on the client once it exists; Cognito needs one
    // callback URL before that, which reaches no server here.
    this.userPoolClient = this.userPool.addClient('WorkerPortal', {
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: ['https://localhost'],
      },
    });

    this.workforce = new Workforce(this, 'Workforce', {
      identity: WorkforceIdentity.cognito(this.userPool, this.userPoolClient),
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

    // The team takes the workforce's user pool and app client.
    this.workteam = Workteam.fromCognitoGroup(this, 'ImageLabelers', {
      workforce: this.workforce,
      group: this.labelers,
      description: 'Labels product images for the catalogue',
      notificationTopic: this.notificationTopic,
      // Presigned URLs to the task data work only from the IP address the worker opened the task from.
      workerAccess: { restrictS3PresignedUrlsToSourceIp: true },
      tags: { project: 'catalogue' },
    });

    new CfnOutput(this, 'WorkerPortalSubDomain', { value: this.workforce.workforceSubDomain });
    new CfnOutput(this, 'WorkerPortalUrl', { value: this.workforce.workerPortalUrl });
    new CfnOutput(this, 'WorkteamArn', { value: this.workteam.workteamArn });
  }
}
