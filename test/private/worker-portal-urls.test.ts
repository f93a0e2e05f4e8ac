import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { WorkerPortalUrls } from '../../src/private/worker-portal-urls';
import { testApp, testStack } from '../util';

const CALLBACK = 'https://abcd.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse';
const LOGOUT = 'https://abcd.labeling.us-east-1.sagemaker.aws/logout';

function portalUrls(clientProps: cognito.UserPoolClientOptions = {}, tweak?: (client: cognito.CfnUserPoolClient) => void) {
  const stack = testStack();
  const userPool = new cognito.UserPool(stack, 'Pool');
  const client = userPool.addClient('Client', clientProps).node.defaultChild as cognito.CfnUserPoolClient;
  tweak?.(client);
  new WorkerPortalUrls(stack, 'PortalUrls', { userPool, client, callbackUrl: CALLBACK, logoutUrl: LOGOUT });
  return { stack, template: Template.fromStack(stack) };
}

function digestOf(template: Template): string {
  return Object.values(template.findResources('Custom::SageMakerWorkerPortalUrls'))[0].Properties.ClientDigest;
}

describe('the custom resource', () => {
  test("names the client, the portal's URLs and the template's own URLs", () => {
    const { template } = portalUrls({ oAuth: { callbackUrls: ['https://app.example.com'], logoutUrls: ['https://app.example.com/bye'] } });

    template.hasResourceProperties('Custom::SageMakerWorkerPortalUrls', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PortalUrlsProviderframeworkonEvent'), 'Arn'] },
      UserPoolId: { Ref: 'PoolD3F588B8' },
      ClientId: { Ref: 'PoolClient8A3E5EB7' },
      CallbackUrl: CALLBACK,
      LogoutUrl: LOGOUT,
      TemplateCallbackUrls: ['https://app.example.com'],
      TemplateLogoutUrls: ['https://app.example.com/bye'],
    });
  });

  test("runs again whenever the client's CloudFormation properties change, overrides included", () => {
    const base = digestOf(portalUrls().template);

    expect(digestOf(portalUrls().template)).toBe(base);
    expect(digestOf(portalUrls({ accessTokenValidity: undefined, generateSecret: true }).template)).not.toBe(base);
    expect(digestOf(portalUrls({}, (client) => client.addPropertyOverride('ClientName', 'renamed')).template)).not.toBe(base);
  });

  test('waits for the policy that lets the framework invoke the handler', () => {
    const { template } = portalUrls();

    template.hasResource('Custom::SageMakerWorkerPortalUrls', {
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^PortalUrlsProviderRoleDefaultPolicy')]),
    });
  });
});

describe('permissions and logs', () => {
  test('the handler may read and update the clients of that user pool, and write its log group, nothing else', () => {
    const { template } = portalUrls();

    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^PortalUrlsHandlerRole') }] } });
    expect(Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      { Action: ['cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PoolD3F588B8', 'Arn'] } },
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^PortalUrlsLogGroup/), 'Arn'] } },
    ]);
  });

  test('the framework may invoke and read the handler itself only (no versions or aliases), and write the log group', () => {
    const { template } = portalUrls();

    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^PortalUrlsProviderRole') }] } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
      { Action: ['lambda:InvokeFunction', 'lambda:GetFunction'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^PortalUrlsHandler[0-9A-F]{8}$/), 'Arn'] } },
    ]);
  });

  test('no role has an AWS managed policy, and both functions write to one log group kept a year', () => {
    const { template } = portalUrls();

    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^PortalUrlsLogGroup/) });
    }
  });

  test('both roles are for Lambda functions only', () => {
    const { template } = portalUrls();

    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });

  test('each role says what it runs', () => {
    const { template } = portalUrls();

    template.hasResourceProperties('AWS::IAM::Role', { Description: "Puts the SageMaker worker portal's URLs on its Cognito app client" });
    template.hasResourceProperties('AWS::IAM::Role', { Description: "Runs the provider framework of the SageMaker worker portal's URLs" });
  });

  test("the handler runs on Node.js 24 with the runtime's AWS SDK, from the bundled asset", () => {
    const { template } = portalUrls();

    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Timeout: 120,
      Description: "Puts the SageMaker worker portal's callback and logout URLs on its Cognito app client",
    });
  });
});

test('each stack gets its own, so that nothing crosses stacks', () => {
  const app = testApp();
  const [a, b] = ['A', 'B'].map((id) => new Stack(app, id, { env: { account: '123456789012', region: id === 'A' ? 'us-east-1' : 'eu-west-1' } }));
  for (const stack of [a, b]) {
    const userPool = new cognito.UserPool(stack, 'Pool');
    const client = userPool.addClient('Client').node.defaultChild as cognito.CfnUserPoolClient;
    new WorkerPortalUrls(stack, 'PortalUrls', { userPool, client, callbackUrl: CALLBACK, logoutUrl: LOGOUT });
  }

  for (const stack of [a, b]) {
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('Fn::ImportValue');
  }
});
