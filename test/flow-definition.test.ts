import * as fs from 'fs';
import * as path from 'path';
import { CfnParameter, Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { apiMessageErrors, loadSageMakerModel } from './deploy-truth/api-model';
import { NagViolation, testApp, testStack, withoutNodeLatestL1 } from './util';
import { ActivationCondition, FlowDefinition, FlowDefinitionProps, HumanLoopSource, HumanTaskTemplate, HumanTaskUi, IWorkteam, Workteam } from '../src';
import { createRequest, FlowDefinitionProperties } from '../src/private/flow-definition.handler';

const TEAM_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers';

function setup(overrides: Partial<FlowDefinitionProps> = {}, stack: Stack = testStack()) {
  const bucket = overrides.outputBucket ?? new s3.Bucket(stack, 'Results');
  const workteam: IWorkteam = overrides.workteam ?? Workteam.fromWorkteamArn(stack, 'Team', TEAM_ARN);
  const flow = new FlowDefinition(stack, 'Evaluation', {
    source: HumanLoopSource.bedrockModelEvaluation(),
    workteam,
    taskTitle: 'Rate the answers',
    taskDescription: 'Compare the answers of two models',
    outputBucket: bucket,
    ...overrides,
  });
  return { stack, bucket, flow };
}

function flowResource(stack: Stack) {
  const resources = Template.fromStack(stack).findResources('Custom::SageMakerFlowDefinition');
  return Object.values(resources)[0];
}

function statementsOf(stack: Stack) {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('FlowDefinition', () => {
  test('sends a Bedrock evaluation flow definition to the provider with two alternate names of its path', () => {
    const { stack, flow } = setup({ taskKeywords: ['evaluation'], workersPerObject: 2, taskTimeLimit: Duration.hours(1), taskAvailabilityLifetime: Duration.days(10) });

    const properties = flowResource(stack).Properties;
    expect(properties).toMatchObject({
      AlternateNames: [expect.stringMatching(/^stack-evaluation-[0-9a-f]{8}-a$/), expect.stringMatching(/^stack-evaluation-[0-9a-f]{8}-b$/)],
      OutputConfig: { S3OutputPath: { 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^Results/) }, '/']] } },
      HumanLoopConfig: {
        WorkteamArn: TEAM_ARN,
        HumanTaskUiArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:394669845002:human-task-ui/Evaluation']] },
        TaskTitle: 'Rate the answers',
        TaskDescription: 'Compare the answers of two models',
        TaskCount: 2,
        TaskAvailabilityLifetimeInSeconds: 864000,
        TaskTimeLimitInSeconds: 3600,
        TaskKeywords: ['evaluation'],
      },
      HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: 'AWS/Bedrock/Evaluation' },
    });
    expect(properties.FlowDefinitionName).toBeUndefined();
    expect(properties.HumanLoopActivationConfig).toBeUndefined();
    expect(properties.Tags).toBeUndefined();
    expect(stack.resolve(flow.flowDefinitionArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evaluation/), 'FlowDefinitionArn'] });
    expect(stack.resolve(flow.flowDefinitionName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evaluation/), 'FlowDefinitionName'] });
  });

  test('sends a request the API model accepts, once resolved', () => {
    const { stack } = setup({ taskKeywords: ['evaluation'], tags: { team: 'ml' } });
    const properties = flowResource(stack).Properties;
    // As CloudFormation would resolve the references.
    const resolved = JSON.parse(JSON.stringify(properties)
      .replace(/\{"Fn::Join":\["",\["s3:\/\/",\{"Ref":"[^"]+"\},"\/"\]\]\}/, '"s3://results-bucket/"')
      .replace(/\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":sagemaker:us-east-1:394669845002:human-task-ui\/Evaluation"\]\]\}/, '"arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/Evaluation"')
      .replace(/\{"Fn::GetAtt":\["[^"]+","Arn"\]\}/, '"arn:aws:iam::123456789012:role/flow-role"')) as FlowDefinitionProperties;
    const { ServiceToken: _token, ...sent } = resolved as FlowDefinitionProperties & { ServiceToken?: unknown };

    const errors = apiMessageErrors(loadSageMakerModel(), 'CreateFlowDefinition', createRequest(sent, sent.AlternateNames![0]));

    // The Bedrock request source is documented by Bedrock, not listed by the model.
    expect(errors).toEqual([expect.stringMatching(/"AWS\/Bedrock\/Evaluation" is not one of the model's values/)]);
  });

  test('creates a role SageMaker assumes, allowed to write under the output prefix only', () => {
    const { stack, flow } = setup({ outputPrefix: 'reviews/' });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } }] },
      Description: 'Writes the answers of a SageMaker flow definition\'s human loops to its output',
    });
    const roleId = stack.resolve((flow.role.node.defaultChild as iam.CfnRole).logicalId);
    const rolePolicies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    expect(rolePolicies.flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Results/), 'Arn'] }, '/reviews/*']] } },
    ]);
  });

  test('uses the bucket\'s key for the output and lets the role use it', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Results', { encryption: s3.BucketEncryption.KMS });

    setup({ outputBucket: bucket }, stack);

    expect(flowResource(stack).Properties.OutputConfig.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ResultsKey/), 'Arn'] });
    expect(statementsOf(stack)).toContainEqual(expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] }));
  });

  test('gives the provider least privilege: its two names (tags included), this team, and the role passed to SageMaker only', () => {
    const { stack, flow } = setup();
    const names: string[] = flowResource(stack).Properties.AlternateNames;

    const handlerStatements = statementsOf(stack).filter((statement) => JSON.stringify(statement.Action).includes('FlowDefinition') || statement.Action === 'iam:PassRole');
    const flowDefinitions = names.map((name) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sagemaker:us-east-1:123456789012:flow-definition/${name}`]] }));
    expect(handlerStatements).toEqual([
      { Effect: 'Allow', Action: 'sagemaker:CreateFlowDefinition', Resource: flowDefinitions, Condition: { ArnEquals: { 'sagemaker:WorkteamArn': TEAM_ARN } } },
      {
        Effect: 'Allow',
        Action: ['sagemaker:DescribeFlowDefinition', 'sagemaker:DeleteFlowDefinition', 'sagemaker:AddTags', 'sagemaker:DeleteTags', 'sagemaker:ListTags'],
        Resource: flowDefinitions,
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: stack.resolve(flow.role.roleArn),
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      },
    ]);
  });

  test('gives the provider the fixed name only, when one is given', () => {
    const { stack } = setup({ flowDefinitionName: 'review' });

    const arns = statementsOf(stack).filter((statement) => JSON.stringify(statement.Action).includes('FlowDefinition')).map((statement) => statement.Resource);
    const review = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:flow-definition/review']] };
    expect(arns).toEqual([review, review]);
  });

  test('alternate names are at most 63 characters, however long the path', () => {
    const stack = testStack();
    const deep = new Construct(stack, 'A'.repeat(80));

    new FlowDefinition(deep, 'Evaluation'.repeat(5), {
      source: HumanLoopSource.bedrockModelEvaluation(),
      workteam: Workteam.fromWorkteamArn(stack, 'Team', TEAM_ARN),
      taskTitle: 'Rate the answers',
      taskDescription: 'Compare the answers of two models',
      outputBucket: new s3.Bucket(stack, 'Results'),
    });

    const names: string[] = flowResource(stack).Properties.AlternateNames;
    expect(names).toEqual([expect.stringMatching(/^[a-z0-9-]+-[0-9a-f]{8}-a$/), expect.stringMatching(/^[a-z0-9-]+-[0-9a-f]{8}-b$/)]);
    expect(names.map((name) => name.length)).toEqual([63, 63]);
  });

  test('depends on the role and its policy, so SageMaker can assume it when it creates the flow definition', () => {
    const { stack } = setup();

    expect(flowResource(stack).DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^EvaluationRole[0-9A-F]{8}$/), expect.stringMatching(/^EvaluationRoleDefaultPolicy/)]));
  });

  test('takes a given role and creates none', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/flow-role', { mutable: false });

    const { flow } = setup({ role }, stack);

    expect(flow.role).toBe(role);
    expect(flowResource(stack).Properties.RoleArn).toBe('arn:aws:iam::123456789012:role/flow-role');
  });

  test('sends a custom task with its task UI, without a request source', () => {
    const stack = testStack();
    const ui = new HumanTaskUi(stack, 'Ui', { template: HumanTaskTemplate.fromString('<crowd-form></crowd-form>') });

    setup({ source: HumanLoopSource.customTask(ui), flowDefinitionName: 'review' }, stack);

    const properties = flowResource(stack).Properties;
    expect(properties.FlowDefinitionName).toBe('review');
    expect(properties.AlternateNames).toBeUndefined();
    expect(properties.HumanLoopConfig.HumanTaskUiArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Ui/), 'HumanTaskUiArn'] });
    expect(properties.HumanLoopRequestSource).toBeUndefined();
  });

  test('sends the activation conditions of a Rekognition source', () => {
    const stack = testStack();
    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', 'arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/moderation-ui');

    setup({ source: HumanLoopSource.rekognitionModeration({ humanTaskUi: ui, conditions: [ActivationCondition.sampling(5)] }) }, stack);

    const properties = flowResource(stack).Properties;
    expect(properties.HumanLoopRequestSource).toEqual({ AwsManagedHumanLoopRequestSource: 'AWS/Rekognition/DetectModerationLabels/Image/V3' });
    expect(properties.HumanLoopActivationConfig).toEqual({
      HumanLoopActivationConditionsConfig: {
        HumanLoopActivationConditions: '{"Conditions":[{"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":5}}]}',
      },
    });
  });

  test('sends its tags and those of Tags.of', () => {
    const { stack } = setup({ tags: { team: 'ml' } });

    Tags.of(stack).add('cost-center', '42');

    expect(flowResource(stack).Properties.Tags).toEqual([{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'ml' }]);
  });

  test('does not judge tokens', () => {
    const stack = testStack();
    const title = new CfnParameter(stack, 'Title');

    expect(() => setup({ taskTitle: title.valueAsString, workersPerObject: new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber }, stack)).not.toThrow();
  });

  test.each<[string, Partial<FlowDefinitionProps>, RegExp]>([
    ['a name SageMaker does not take', { flowDefinitionName: 'Review_1' }, /flowDefinitionName: "Review_1" is not allowed; it must be lower-case/],
    ['an empty title', { taskTitle: '' }, /taskTitle: "" has 0 characters; it must have 1 to 128/],
    ['a title with an emoji', { taskTitle: 'Rate 👍' }, /taskTitle: "Rate 👍" is not allowed/],
    ['a description of two lines', { taskDescription: 'one\ntwo' }, /taskDescription: "one\\ntwo" is not allowed; it must be one line of text/],
    ['a description of 256 characters', { taskDescription: 'd'.repeat(256) }, /taskDescription: .* has 256 characters; it must have 1 to 255/],
    ['6 keywords', { taskKeywords: ['a', 'b', 'c', 'd', 'e', 'f'] }, /taskKeywords: has 6 items; it must have 1 to 5/],
    ['no keywords', { taskKeywords: [] }, /taskKeywords: has 0 items/],
    ['a keyword with a hyphen', { taskKeywords: ['model-eval'] }, /taskKeywords\[0\]: "model-eval" is not allowed/],
    ['4 workers per object', { workersPerObject: 4 }, /workersPerObject: 4 is not allowed; it must be a whole number from 1 to 3/],
    ['0 workers per object', { workersPerObject: 0 }, /workersPerObject: 0 is not allowed/],
    ['a time limit of 29 seconds', { taskTimeLimit: Duration.seconds(29) }, /taskTimeLimit: 29 seconds is not allowed; it must be a whole number of at least 30 seconds/],
    ['a time limit of a fraction of a second', { taskTimeLimit: Duration.millis(30_500) }, /taskTimeLimit: 30.5 seconds is not allowed/],
    ['a lifetime of 0 seconds', { taskAvailabilityLifetime: Duration.seconds(0) }, /taskAvailabilityLifetime: 0 seconds is not allowed; it must be a whole number of at least 1 seconds/],
    ['an output prefix starting with /', { outputPrefix: '/reviews' }, /outputPrefix: "\/reviews" is not allowed; it must not start with \//],
    ['an output path of more than 1024 characters', { outputPrefix: 'p'.repeat(1024) }, /outputPrefix \(S3 output path\): .* has \d+ characters; it must have 0 to 1024/],
  ])('fails for %s', (_name, overrides, message) => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Results', 'results-bucket');

    expect(() => setup({ outputBucket: bucket, ...overrides }, stack)).toThrow(message);
  });

  test('fails for the public workforce, which closed', () => {
    const stack = testStack();
    const team = Workteam.fromWorkteamArn(stack, 'Team', 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default');

    expect(() => setup({ workteam: team }, stack)).toThrow(/workteam: .*public-crowd.* is the public workforce \(Amazon Mechanical Turk, closed on 2026-09-30\)/);
  });

  test('fails for a vendor team', () => {
    const stack = testStack();
    const team = Workteam.fromWorkteamArn(stack, 'Team', 'arn:aws:sagemaker:us-east-1:123456789012:workteam/vendor-crowd/acme');

    expect(() => setup({ workteam: team }, stack)).toThrow(/workteam: .* is a vendor team; give a private team/);
  });

  test.each([
    ['another region', 'arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/reviewers'],
    ['another account', 'arn:aws:sagemaker:us-east-1:210987654321:workteam/private-crowd/reviewers'],
  ])('fails for a team in %s', (_name, arn) => {
    const stack = testStack();
    const team = Workteam.fromWorkteamArn(stack, 'Team', arn);

    expect(() => setup({ workteam: team }, stack)).toThrow(/Invalid FlowDefinition at 'Stack\/Evaluation':\n {2}- workteam: 'Stack\/Team' is in .*, not in the flow definition's 123456789012\/us-east-1/);
  });

  test('fails at synth for a reserved tag key', () => {
    const { stack } = setup({ tags: { 'aws:team': 'ml' } });

    expect(() => Template.fromStack(stack)).toThrow(/tags key "aws:team": keys starting with 'aws:' are reserved/);
  });
});

describe('FlowDefinition grants', () => {
  test('runHumanLoops allows StartHumanLoop on this flow definition and the human loop actions in its region', () => {
    const { stack, flow } = setup();
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    flow.grants.runHumanLoops(role);

    expect(statementsOf(stack)).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: ['sagemaker:StartHumanLoop', 'sagemaker:DescribeFlowDefinition'], Resource: stack.resolve(flow.flowDefinitionArn) },
      {
        Effect: 'Allow',
        Action: ['sagemaker:DescribeHumanLoop', 'sagemaker:StopHumanLoop', 'sagemaker:DeleteHumanLoop'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:human-loop/*']] },
      },
    ]));
  });

  test('grantBedrockEvaluation adds the output bucket and key for the evaluation job\'s role', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Results', { encryptionKey: key });
    const { flow } = setup({ outputBucket: bucket, outputPrefix: 'evaluations/' }, stack);
    const role = new iam.Role(stack, 'EvaluationRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });

    flow.grantBedrockEvaluation(role);

    expect(statementsOf(stack)).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Results/), 'Arn'] }, '/evaluations/*']] } },
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Results/), 'Arn'] } },
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    ]));
  });
});

describe('FlowDefinition importers', () => {
  test('fromFlowDefinitionName builds the ARN of this stack\'s account and region', () => {
    const stack = testStack();

    const flow = FlowDefinition.fromFlowDefinitionName(stack, 'Flow', 'review');

    expect(stack.resolve(flow.flowDefinitionArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:flow-definition/review']],
    });
  });

  test('fromFlowDefinitionArn reads the name and environment', () => {
    const stack = testStack();

    const flow = FlowDefinition.fromFlowDefinitionArn(stack, 'Flow', 'arn:aws:sagemaker:eu-west-1:210987654321:flow-definition/review');

    expect(flow.flowDefinitionName).toBe('review');
    expect(flow.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
  });

  test('fails for a name or ARN SageMaker would not accept', () => {
    const stack = testStack();

    expect(() => FlowDefinition.fromFlowDefinitionName(stack, 'A', 'Review')).toThrow(/^Invalid FlowDefinition at 'Stack\/A':\n {2}- flowDefinitionName: "Review"/);
    expect(() => FlowDefinition.fromFlowDefinitionArn(stack, 'C', 'arn:aws:sagemaker:us-east-1:123456789012:flow-definition/Review'))
      .toThrow(/^Invalid FlowDefinition at 'Stack\/C':\n {2}- flowDefinitionArn \(name\): "Review" is not allowed/);
    expect(() => FlowDefinition.fromFlowDefinitionArn(stack, 'B', 'arn:aws:sagemaker:us-east-1:123456789012:workteam/review'))
      .toThrow(/flowDefinitionArn: .* is not the ARN of a flow-definition/);
  });
});

describe('cdk-nag AwsSolutions checks', () => {
  test('find only the IAM5 wildcards a flow definition cannot avoid (no acknowledgement)', () => {
    const app = testApp();
    const stack = new Stack(app, 'Flows', { env: { account: '123456789012', region: 'us-east-1' } });
    const bucket = new s3.Bucket(stack, 'Results', { enforceSSL: true, serverAccessLogsPrefix: 'access-logs/' });
    const { flow } = setup({ outputBucket: bucket, outputPrefix: 'bedrock/' }, stack);
    flow.grantBedrockEvaluation(new iam.Role(stack, 'EvaluationRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      // Errors fail the synth; the report lists them all the same.
    }
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf-8'));
    const findings = withoutNodeLatestL1(
      app,
      report.pluginReports.flatMap((pluginReport: { violations?: NagViolation[] }) => pluginReport.violations ?? []),
    ).map((violation) => violation.ruleName);

    // The answers' keys are chosen by SageMaker under the prefix, and human loops are named by their caller
    // (Bedrock's user guide grants them on `*`). The provider's statements name the flow definition's two names.
    expect(findings.sort()).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Results[0-9A-F]{8}\.Arn>\/bedrock\/\*\]$/),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sagemaker:us-east-1:123456789012:human-loop/*]',
    ]);
  });
});
