import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Workforce, WorkforceIdentity, Workteam, WorkteamMembers } from '../../src';

/** A Cognito workforce with two teams: one of a single group, one of two groups. Twin of test/python, test/java. */
export function cognitoWorkforceApp(app: App): Stack {
  const stack = new Stack(app, 'CognitoWorkforce', { env: { account: '123456789012', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'Workers', { signInAliases: { email: true } });
  userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: 'labeling-twins' } });
  const userPoolClient = userPool.addClient('WorkerPortal', {
    generateSecret: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      callbackUrls: ['https://abc123.labeling.sagemaker.aws/oauth2/idpresponse'],
      logoutUrls: ['https://abc123.labeling.sagemaker.aws/logout'],
    },
  });
  const labelers = new cognito.UserPoolGroup(stack, 'Labelers', { userPool, groupName: 'labelers' });
  const reviewers = new cognito.UserPoolGroup(stack, 'Reviewers', { userPool, groupName: 'reviewers' });

  const workforce = new Workforce(stack, 'Workforce', {
    identity: WorkforceIdentity.cognito(userPool, userPoolClient),
    allowedSourceIps: ['203.0.113.0/24', '198.51.100.0/24'],
    tags: { project: 'catalogue' },
  });
  Workteam.fromCognitoGroup(stack, 'ImageLabelers', {
    userPool,
    userPoolClient,
    group: labelers,
    workforce,
    description: 'Labels product images',
  });
  new Workteam(stack, 'Team', {
    members: WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, [labelers, reviewers]),
    workteamName: 'catalogue-labelers',
    tags: { project: 'catalogue' },
  });
  new CfnOutput(stack, 'WorkerPortal', { value: workforce.workerPortalUrl });
  return stack;
}
