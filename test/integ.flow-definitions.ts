// Two flow definitions on private work teams of one Cognito workforce: a Bedrock human model evaluation (request
// source AWS/Bedrock/Evaluation, Bedrock's task UI of the region) with the evaluation job's service role, and an
// Amazon A2I custom task with its own human task UI. The snapshot in integ.flow-definitions.ts.snapshot/ is verified
// offline by test/integ-snapshots.test.ts; rewrite it with `npx projen integ:update`.
//
// Deploying it (never done by the test suite) needs an account and region with no private workforce yet, and, for the
// custom task, an account A2I knows as an existing customer.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FlowDefinition, HumanLoopSource, HumanTaskTemplate, HumanTaskUi, Workforce, WorkforceIdentity, Workteam } from '../src';

const app = new App();
const stack = new Stack(app, 'SageMakerFlowDefinitionsInteg');

const userPool = new cognito.UserPool(stack, 'Workers', {
  selfSignUpEnabled: false,
  signInAliases: { email: true },
  removalPolicy: RemovalPolicy.DESTROY,
});
userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: 'sagemaker-flow-integ' } });
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
const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPoolClient) });
const raters = Workteam.fromCognitoGroup(stack, 'Raters', {
  workforce,
  group: new cognito.UserPoolGroup(stack, 'RatersGroup', { userPool, groupName: 'raters' }),
  description: 'Rates the answers of models (Bedrock evaluations)',
});
const reviewers = Workteam.fromCognitoGroup(stack, 'Reviewers', {
  workforce,
  group: new cognito.UserPoolGroup(stack, 'ReviewersGroup', { userPool, groupName: 'reviewers' }),
  description: 'Reviews extracted text (A2I custom task)',
});

const results = new s3.Bucket(stack, 'Results', {
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: false,
});

const evaluation = new FlowDefinition(stack, 'BedrockEvaluation', {
  source: HumanLoopSource.bedrockModelEvaluation(),
  workteam: raters,
  taskTitle: 'Rate the answers of two models',
  taskDescription: 'Read the prompt and rate each answer',
  taskKeywords: ['evaluation'],
  taskTimeLimit: Duration.hours(1),
  taskAvailabilityLifetime: Duration.days(10),
  outputBucket: results,
  outputPrefix: 'bedrock/',
  tags: { purpose: 'integ' },
});
const evaluationRole = new iam.Role(stack, 'EvaluationRole', {
  assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com'),
  description: 'Service role of the Bedrock evaluation jobs that use the integration test flow definition',
});
evaluation.grantBedrockEvaluation(evaluationRole);

const reviewUi = new HumanTaskUi(stack, 'ReviewUi', {
  template: HumanTaskTemplate.fromString(
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n' +
    '<crowd-form><p>{{ task.input.text }}</p><crowd-checkbox name="correct">Correct</crowd-checkbox></crowd-form>',
  ),
});
const review = new FlowDefinition(stack, 'CustomReview', {
  source: HumanLoopSource.customTask(reviewUi),
  workteam: reviewers,
  taskTitle: 'Check the extracted text',
  taskDescription: 'Say whether the text is correct',
  workersPerObject: 2,
  outputBucket: results,
  outputPrefix: 'a2i/',
});

const integ = new IntegTest(app, 'FlowDefinitionsTest', {
  testCases: [stack],
  regions: ['us-west-2'],
  stackUpdateWorkflow: false,
});
for (const flow of [evaluation, review]) {
  integ.assertions
    .awsApiCall('SageMaker', 'describeFlowDefinition', { FlowDefinitionName: flow.flowDefinitionName })
    .expect(ExpectedResult.objectLike({ FlowDefinitionStatus: 'Active' }));
}

app.synth();
