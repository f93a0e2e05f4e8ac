import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LibraryProvider } from '../../src/private/provider';
import { testApp, testStack } from '../util';

/** `count` resources of the provider in `stack`, each allowed to read one bucket of its own. */
function addResources(stack: Stack, count: number) {
  for (let i = 0; i < count; i++) {
    const bucket = new s3.Bucket(stack, `Bucket${i}`);
    LibraryProvider.of(stack).addResource(stack, `Thing${i}`, {
      resourceType: 'Custom::Thing',
      properties: { Bucket: bucket.bucketName, Index: i },
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] })],
    });
  }
}

function stackWithResources(count: number) {
  const stack = testStack();
  addResources(stack, count);
  return { stack, template: Template.fromStack(stack) };
}

function statementsOfRole(template: Template, rolePattern: RegExp) {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.entries(policies)
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => rolePattern.test(role.Ref)))
    .map(([id, policy]) => ({ id, statements: policy.Properties.PolicyDocument.Statement }));
}

describe('one provider per stack', () => {
  test('serves every resource of the stack with two functions, two roles and one log group', () => {
    const { template } = stackWithResources(3);

    template.resourceCountIs('Custom::Thing', 3);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('AWS::IAM::Role', 2);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    const tokens = new Set(Object.values(template.findResources('Custom::Thing')).map((resource) => JSON.stringify(resource.Properties.ServiceToken)));
    expect(tokens.size).toBe(1);
  });

  test('is found again from any scope of the stack, and each stack gets its own', () => {
    const app = testApp();
    const a = testStack(undefined, app, 'A');
    const b = testStack(undefined, app, 'B');
    const nested = new Construct(a, 'Deep');

    expect(LibraryProvider.of(nested)).toBe(LibraryProvider.of(a));
    expect(LibraryProvider.of(b)).not.toBe(LibraryProvider.of(a));
    expect(LibraryProvider.of(a).node.path).toBe('A/SageMakerWorkteamProvider');
  });

  test('adds nothing to a stack without custom resources of the library', () => {
    const stack = testStack();
    new s3.Bucket(stack, 'Bucket');

    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('keeps its resources inside their stack: no export, no import', () => {
    const app = testApp();
    for (const id of ['A', 'B']) {
      addResources(testStack(undefined, app, id), 1);
    }

    for (const id of ['A', 'B']) {
      expect(JSON.stringify(Template.fromStack(app.node.findChild(id) as Stack).toJSON())).not.toContain('Fn::ImportValue');
    }
  });

  test('fails a resource in another stack than its provider', () => {
    const app = testApp();
    const a = testStack(undefined, app, 'A');
    const b = testStack(undefined, app, 'B');

    expect(() => LibraryProvider.of(a).addResource(b, 'Thing', { resourceType: 'Custom::Thing', properties: {}, statements: [] })).toThrow(
      /the custom resource 'B\/Thing' must be in the stack of its provider 'A\/SageMakerWorkteamProvider'/,
    );
  });
});

describe('each resource', () => {
  test('has its type and properties, as given', () => {
    const { template } = stackWithResources(1);

    template.hasResourceProperties('Custom::Thing', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SageMakerWorkteamProviderframeworkonEvent'), 'Arn'] },
      Bucket: { Ref: Match.stringLikeRegexp('^Bucket0') },
      Index: 0,
    });
  });

  test("adds its statements to the handler's role in a policy of its own, on which it depends, and waits for the framework's policy", () => {
    const { template } = stackWithResources(2);

    const policies = statementsOfRole(template, /^SageMakerWorkteamProviderHandlerRole/).filter(({ id }) => id.startsWith('Thing'));
    expect(policies.map(({ statements }) => statements)).toEqual([0, 1].map((i) => [{
      Action: 's3:GetObject',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^Bucket${i}`)), 'Arn'] }, '/*']] },
    }]));
    for (const [i, resource] of Object.values(template.findResources('Custom::Thing')).entries()) {
      expect(resource.DependsOn).toEqual(expect.arrayContaining([
        policies[i].id,
        expect.stringMatching(/^SageMakerWorkteamProviderFrameworkRoleDefaultPolicy/),
        expect.stringMatching(/^SageMakerWorkteamProviderFrameworkRole[0-9A-F]{8}$/),
      ]));
    }
  });

  test('without statements adds no policy', () => {
    const stack = testStack();
    LibraryProvider.of(stack).addResource(stack, 'Thing', { resourceType: 'Custom::Thing', properties: {}, statements: [] });

    expect(statementsOfRole(Template.fromStack(stack), /^SageMakerWorkteamProviderHandlerRole/).map(({ id }) => id)).toEqual([
      expect.stringMatching(/^SageMakerWorkteamProviderHandlerRoleDefaultPolicy/),
    ]);
  });
});

describe('permissions and logs', () => {
  test("the handler's own policy only writes the log group", () => {
    const { template } = stackWithResources(1);

    const [own] = statementsOfRole(template, /^SageMakerWorkteamProviderHandlerRole/).filter(({ id }) => id.startsWith('SageMakerWorkteamProvider'));
    expect(own.statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SageMakerWorkteamProviderLogGroup/), 'Arn'] } },
    ]);
  });

  test('the framework may invoke and read the handler itself only (no versions or aliases), and write the log group', () => {
    const { template } = stackWithResources(1);

    const statements = statementsOfRole(template, /^SageMakerWorkteamProviderFrameworkRole/).flatMap((policy) => policy.statements);
    expect(statements).toEqual([
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
      { Action: ['lambda:InvokeFunction', 'lambda:GetFunction'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SageMakerWorkteamProviderHandler[0-9A-F]{8}$/), 'Arn'] } },
    ]);
  });

  test('no role has an AWS managed policy, both are for Lambda only, and both functions write to one log group kept a year', () => {
    const { template } = stackWithResources(1);

    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^SageMakerWorkteamProviderLogGroup/) });
    }
  });

  test('each role says what it runs', () => {
    const { template } = stackWithResources(1);

    template.hasResourceProperties('AWS::IAM::Role', { Description: 'Runs the custom resources of cdk-sagemaker-workteam (SageMaker work teams and workforces)' });
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'Runs the provider framework of the custom resources of cdk-sagemaker-workteam' });
  });

  test("the handler runs on Node.js 24 with the runtime's AWS SDK, from the bundled asset, for up to 14 minutes (the framework waits 15)", () => {
    const { template } = stackWithResources(1);

    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Timeout: 840,
      Description: 'The custom resources of cdk-sagemaker-workteam: worker portal URLs, worker access, and more',
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^AWS CDK resource provider framework - onEvent'), Timeout: 900 });
  });
});
