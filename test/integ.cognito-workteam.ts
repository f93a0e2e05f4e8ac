// A Cognito private workforce and a work team of one user group, notified through an encrypted SNS topic, with
// worker access limits applied by the custom resource. The snapshot in integ.cognito-workteam.ts.snapshot/ is
// verified offline by test/integ-snapshots.test.ts; rewrite it with `npx projen integ:update`.
//
// One deployment makes all of it, the worker portal's sign-in included. Deploying it (never done by the test suite)
// needs an account and region with no private workforce yet: SageMaker allows one per account and region, so each
// integ app here is pinned to its own region.
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Workforce, WorkforceIdentity, Workteam } from '../src';

const app = new App();
const stack = new Stack(app, 'SageMakerWorkteamCognitoInteg');

const userPool = new cognito.UserPool(stack, 'Workers', {
  selfSignUpEnabled: false,
  signInAliases: { email: true },
  removalPolicy: RemovalPolicy.DESTROY,
});
userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: `integ-labeling-${stack.account}` } });
// The worker portal's client: the authorization code grant only, and a callback URL that reaches no server (Cognito
// needs one at creation); the workforce adds the portal's URLs in the same deployment.
const userPoolClient = userPool.addClient('WorkerPortal', {
  generateSecret: true,
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
    callbackUrls: ['https://localhost'],
  },
});

const workforce = new Workforce(stack, 'Workforce', {
  identity: WorkforceIdentity.cognito(userPool, userPoolClient),
});

const labelers = new cognito.UserPoolGroup(stack, 'LabelersGroup', {
  userPool,
  groupName: 'integ-labelers',
  description: 'Workers of the integration test work team',
});
const topicKey = new kms.Key(stack, 'LabelingTasksKey', {
  enableKeyRotation: true,
  removalPolicy: RemovalPolicy.DESTROY,
});
const topic = new sns.Topic(stack, 'LabelingTasks', {
  displayName: 'New labeling tasks',
  masterKey: topicKey,
  enforceSSL: true,
});

// The team takes the workforce's user pool and app client.
const team = Workteam.fromCognitoGroup(stack, 'Labelers', {
  group: labelers,
  workforce,
  description: 'Integration test work team of a Cognito user group',
  notificationTopic: topic,
  workerAccess: { restrictS3PresignedUrlsToSourceIp: true },
  tags: { purpose: 'integ' },
});

const integ = new IntegTest(app, 'CognitoWorkteamTest', {
  testCases: [stack],
  regions: ['us-east-1'],
  // The snapshot holds no staged assets, so it cannot be deployed first to test an update.
  stackUpdateWorkflow: false,
});

// The team exists with its members, its topic and the worker access setting of the custom resource.
integ.assertions
  .awsApiCall('SageMaker', 'describeWorkteam', { WorkteamName: team.workteamName })
  .expect(
    ExpectedResult.objectLike({
      Workteam: {
        WorkteamName: team.workteamName,
        WorkforceArn: workforce.workforceArn,
        NotificationConfiguration: { NotificationTopicArn: topic.topicArn },
        WorkerAccessConfiguration: {
          S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } },
        },
      },
    }),
  );

// The workforce signs workers in through the user pool's app client.
integ.assertions
  .awsApiCall('SageMaker', 'describeWorkforce', { WorkforceName: workforce.workforceName })
  .expect(
    ExpectedResult.objectLike({
      Workforce: {
        CognitoConfig: { UserPool: userPool.userPoolId, ClientId: userPoolClient.userPoolClientId },
      },
    }),
  );

// In the same deployment, the app client holds the worker portal's callback and logout URLs, besides its own.
integ.assertions
  .awsApiCall('CognitoIdentityServiceProvider', 'describeUserPoolClient', {
    UserPoolId: userPool.userPoolId,
    ClientId: userPoolClient.userPoolClientId,
  })
  .expect(
    ExpectedResult.objectLike({
      UserPoolClient: {
        CallbackURLs: Match.arrayWith([workforce.workerPortalCallbackUrl]),
        LogoutURLs: Match.arrayWith([workforce.workerPortalLogoutUrl]),
        AllowedOAuthFlows: ['code'],
      },
    }),
  );

app.synth();
