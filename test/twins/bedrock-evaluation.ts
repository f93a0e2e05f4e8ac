import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FlowDefinition, HumanLoopSource, Workforce, WorkforceIdentity, Workteam } from '../../src';

/**
 * A Bedrock human-based model evaluation: a Cognito team, the flow definition its evaluation jobs send tasks through
 * (answers in a KMS-encrypted bucket, tags), and the job's service role granted what it needs. Twin of test/python.
 */
export function bedrockEvaluationApp(app: App): Stack {
  const stack = new Stack(app, 'BedrockEvaluation', { env: { account: '123456789012', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'Evaluators', { selfSignUpEnabled: false, signInAliases: { email: true } });
  userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: 'evaluation-twins' } });
  const userPoolClient = userPool.addClient('WorkerPortal', {
    generateSecret: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: ['https://localhost'],
    },
  });
  const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPoolClient) });
  const raters = new cognito.UserPoolGroup(stack, 'Raters', { userPool, groupName: 'raters' });
  const team = Workteam.fromCognitoGroup(stack, 'RatingTeam', { workforce, group: raters, description: 'Rates model answers' });

  const key = new kms.Key(stack, 'ResultsKey', { enableKeyRotation: true });
  const results = new s3.Bucket(stack, 'Results', {
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
  });
  const flow = new FlowDefinition(stack, 'HumanEvaluation', {
    source: HumanLoopSource.bedrockModelEvaluation(),
    workteam: team,
    taskTitle: 'Rate the answers of two models',
    taskDescription: 'Read the prompt and rate each answer',
    taskKeywords: ['evaluation', 'rating'],
    workersPerObject: 2,
    taskTimeLimit: Duration.hours(1),
    taskAvailabilityLifetime: Duration.days(10),
    outputBucket: results,
    outputPrefix: 'human-loops/',
    tags: { project: 'evaluation' },
  });

  const evaluationRole = new iam.Role(stack, 'EvaluationRole', {
    assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
  });
  flow.grantBedrockEvaluation(evaluationRole);
  const operatorRole = new iam.Role(stack, 'OperatorRole', { assumedBy: new iam.AccountRootPrincipal() });
  flow.grants.describe(operatorRole);

  new CfnOutput(stack, 'FlowDefinitionArn', { value: flow.flowDefinitionArn });
  new CfnOutput(stack, 'EvaluationRoleArn', { value: evaluationRole.roleArn });
  return stack;
}
