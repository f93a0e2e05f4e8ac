import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Workforce, WorkforceIdentity, Workteam } from '../src';

/**
 * A realistic private labeling setup: the Cognito user pool that signs workers in, the app client of
 * the worker portal, the private workforce on them, the group that makes up the work team, the topic
 * that tells workers about new tasks, and the work team.
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
    // The worker portal signs workers in through the user pool's hosted UI.
    this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: `labeling-${this.account}` } });

    // The portal's host name exists once the workforce does: after the first deployment, pass its
    // `WorkerPortalSubDomain` output as `-c workerPortalSubDomain=...`, so that the template holds the
    // URLs SageMaker sets on the client and a later update of the client keeps them.
    const subDomain: string | undefined = this.node.tryGetContext('workerPortalSubDomain');
    this.userPoolClient = this.userPool.addClient('WorkerPortal', {
      generateSecret: true,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: subDomain ? [`https://${subDomain}/oauth2/idpresponse`] : undefined,
        logoutUrls: subDomain ? [`https://${subDomain}/logout`] : undefined,
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

    this.workteam = Workteam.fromCognitoGroup(this, 'ImageLabelers', {
      userPool: this.userPool,
      userPoolClient: this.userPoolClient,
      group: this.labelers,
      workforce: this.workforce,
      description: 'Labels product images for the catalogue',
      notificationTopic: this.notificationTopic,
      // Presigned URLs to the task data work only from the IP address the worker opened the task from.
      workerAccess: { restrictS3PresignedUrlsToSourceIp: true },
      tags: { project: 'catalogue' },
    });

    new CfnOutput(this, 'WorkerPortalSubDomain', { value: this.workforce.subDomain });
    new CfnOutput(this, 'WorkerPortalUrl', { value: this.workforce.workerPortalUrl });
    new CfnOutput(this, 'WorkteamArn', { value: this.workteam.workteamArn });
  }
}
