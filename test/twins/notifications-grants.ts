import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Workteam } from '../../src';

/**
 * A team notified through a KMS-encrypted topic, with worker access restricted to the source IP, and the grants
 * of a team and of an imported team to roles. Twin of test/python.
 */
export function notificationsGrantsApp(app: App): Stack {
  const stack = new Stack(app, 'NotificationsGrants', { env: { account: '123456789012', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'Workers');
  const userPoolClient = userPool.addClient('WorkerPortal', { generateSecret: true });
  const labelers = new cognito.UserPoolGroup(stack, 'Labelers', { userPool, groupName: 'labelers' });
  const key = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'NewTasks', { enforceSSL: true, masterKey: key });

  const team = Workteam.fromCognitoGroup(stack, 'LabelersTeam', {
    userPool,
    userPoolClient,
    group: labelers,
    notificationTopic: topic,
    workerAccess: { restrictS3PresignedUrlsToSourceIp: true },
  });
  const pipelineRole = new iam.Role(stack, 'PipelineRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const operatorRole = new iam.Role(stack, 'OperatorRole', { assumedBy: new iam.AccountRootPrincipal() });
  team.grants.createLabelingJobs(pipelineRole);
  team.grants.createFlowDefinitions(pipelineRole);
  team.grants.describe(operatorRole);
  team.grants.update(operatorRole);

  const imported = Workteam.fromWorkteamName(stack, 'Imported', 'partner-team');
  imported.grants.createLabelingJobs(pipelineRole);
  return stack;
}
