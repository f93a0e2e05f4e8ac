import { App, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { addWorkerPortalUrls, clientPropertiesOf } from '../../src/private/worker-portal-urls';
import { loadCognitoModel } from '../deploy-truth/api-model';
import { cfnDiagnostics } from '../deploy-truth/cfn-schema';
import { resolvedAtDeployment, testApp, testStack } from '../util';

const CALLBACK = 'https://abcd.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse';
const LOGOUT = 'https://abcd.labeling.us-east-1.sagemaker.aws/logout';

function portalUrls(clientProps: cognito.UserPoolClientOptions = {}, tweak?: (client: cognito.CfnUserPoolClient) => void, app: App = testApp()) {
  const stack = testStack(undefined, app);
  const userPool = new cognito.UserPool(stack, 'Pool');
  const client = userPool.addClient('Client', clientProps).node.defaultChild as cognito.CfnUserPoolClient;
  tweak?.(client);
  addWorkerPortalUrls(stack, 'PortalUrls', { userPool, client, callbackUrl: CALLBACK, logoutUrl: LOGOUT });
  return { stack, template: Template.fromStack(stack) };
}

function propertiesOf(template: Template): Record<string, any> {
  return Object.values(template.findResources('Custom::SageMakerWorkerPortalUrls'))[0].Properties;
}

describe('the custom resource', () => {
  test("names the client and the portal's URLs, and carries the client's own CloudFormation properties", () => {
    const { template } = portalUrls({ oAuth: { callbackUrls: ['https://app.example.com'], logoutUrls: ['https://app.example.com/bye'] } });

    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0].Properties;
    template.hasResourceProperties('Custom::SageMakerWorkerPortalUrls', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SageMakerWorkteamProviderframeworkonEvent'), 'Arn'] },
      UserPoolId: { Ref: 'PoolD3F588B8' },
      ClientId: { Ref: 'PoolClient8A3E5EB7' },
      CallbackUrl: CALLBACK,
      LogoutUrl: LOGOUT,
      Client: client,
    });
    expect(client.CallbackURLs).toEqual(['https://app.example.com']);
  });

  test("changes with every change of the client's properties made through the L1, as CloudFormation writes them", () => {
    const base = propertiesOf(portalUrls().template);

    expect(propertiesOf(portalUrls().template)).toEqual(base);
    expect(propertiesOf(portalUrls({ generateSecret: true }).template)).not.toEqual(base);
    expect(propertiesOf(portalUrls({ accessTokenValidity: undefined, authSessionValidity: undefined, idTokenValidity: undefined }, (client) => {
      client.tokenValidityUnits = { accessToken: 'hours' };
      client.analyticsConfiguration = { applicationId: 'abc', userDataShared: true };
    }).template).Client).toEqual(expect.objectContaining({
      TokenValidityUnits: { AccessToken: 'hours' },
      AnalyticsConfiguration: { ApplicationId: 'abc', UserDataShared: true },
    }));
  });

  test('reads values given late (a Lazy), as CloudFormation gets them', () => {
    let urls = ['https://early.example.com'];
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    const client = userPool.addClient('Client', { oAuth: { callbackUrls: Lazy.list({ produce: () => urls }) } });
    addWorkerPortalUrls(stack, 'PortalUrls', { userPool, client: client.node.defaultChild as cognito.CfnUserPoolClient, callbackUrl: CALLBACK, logoutUrl: LOGOUT });
    urls = ['https://late.example.com'];

    expect(propertiesOf(Template.fromStack(stack)).Client.CallbackURLs).toEqual(['https://late.example.com']);
  });

  test('changes at deployment when a federated identity provider the client lists is replaced under a new name', () => {
    const withProvider = (providerName: string) => {
      const stack = testStack();
      const userPool = new cognito.UserPool(stack, 'Pool');
      const provider = new cognito.UserPoolIdentityProviderOidc(stack, 'Idp', {
        userPool, name: providerName, clientId: 'id', clientSecret: 'secret', issuerUrl: 'https://idp.example.com',
      });
      const client = userPool.addClient('Client', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(provider.providerName)] });
      addWorkerPortalUrls(stack, 'PortalUrls', { userPool, client: client.node.defaultChild as cognito.CfnUserPoolClient, callbackUrl: CALLBACK, logoutUrl: LOGOUT });
      const template = Template.fromStack(stack).toJSON();
      // The Ref of an identity provider is its name, which CloudFormation replaces the provider to change.
      const idp = Object.entries<any>(template.Resources).find(([, resource]) => resource.Type === 'AWS::Cognito::UserPoolIdentityProvider')!;
      const deployed = { [idp[0]]: idp[1].Properties.ProviderName };
      const portal = Object.values<any>(template.Resources).find((resource) => resource.Type === 'Custom::SageMakerWorkerPortalUrls');
      return { synthesized: portal.Properties.Client, deployed: resolvedAtDeployment(portal.Properties.Client, deployed) as Record<string, any> };
    };

    const before = withProvider('CorporateIdp');
    const after = withProvider('CorporateIdp2');

    // The template text is the same (a Ref), and what CloudFormation resolves, and so sends the handler, is not.
    expect(after.synthesized).toEqual(before.synthesized);
    expect(before.deployed.SupportedIdentityProviders).toEqual(['CorporateIdp']);
    expect(after.deployed.SupportedIdentityProviders).toEqual(['CorporateIdp2']);
  });
});

describe('the client properties', () => {
  test('are every property of AWS::Cognito::UserPoolClient, as the L1 (generated from the registry schema) writes them, and the schema takes', () => {
    // Every property of the L1 set, each to a token, so that the L1 writes every property it has.
    const stack = testStack();
    const client = new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: 'us-east-1_abc' });
    const settable = Object.keys((client as unknown as { cfnProperties: Record<string, unknown> }).cfnProperties);
    for (const property of settable.filter((name) => name !== 'userPoolId')) {
      (client as unknown as Record<string, unknown>)[property] = Lazy.any({ produce: () => ({ Ref: 'AWS::NoValue' }) });
    }
    const written = Object.keys(Template.fromStack(stack).toJSON().Resources.Client.Properties).sort();

    expect(Object.keys(clientPropertiesOf(client)).sort()).toEqual(written);
    expect(written).toContain('RefreshTokenRotation');
    // Against the registry schema of the bundled CloudFormation Validate: of the names the L1 writes and the members
    // of CreateUserPoolClient and UpdateUserPoolClient in the Cognito API model, the schema knows (no F3002, "a
    // property it does not have") exactly ours and two more: ClientId, the client's own id (its Ref, read-only), and
    // ClientSecret, a custom secret, which the L1 has no property for (only an override sets it) and which would put
    // the secret in the custom resource's properties.
    const shapes = loadCognitoModel().shapes;
    const candidates = [...new Set([
      ...written,
      ...Object.keys(shapes.CreateUserPoolClientRequest.members ?? {}),
      ...Object.keys(shapes.UpdateUserPoolClientRequest.members ?? {}),
      'NotAProperty',
    ])];
    const rejected = cfnDiagnostics({
      Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: Object.fromEntries(candidates.map((name) => [name, name === 'UserPoolId' ? 'us-east-1_abc' : 'x'])) } },
    }).filter((diagnostic) => diagnostic.ruleId === 'F3002').flatMap((diagnostic) => [...diagnostic.message.matchAll(/'(\w+)'/g)].map((match) => match[1]));
    const known = candidates.filter((name) => !rejected.includes(name));
    expect(rejected).toContain('NotAProperty');
    expect(known.filter((name) => !written.includes(name)).sort()).toEqual(['ClientId', 'ClientSecret']);
  });
});

describe('permissions', () => {
  test('the handler may read and update the clients of that user pool, in a policy of this resource', () => {
    const { template } = portalUrls();

    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^PortalUrlsHandlerPolicy') } });
    expect(Object.values(policies).map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([[
      { Action: ['cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PoolD3F588B8', 'Arn'] } },
    ]]);
    template.hasResource('Custom::SageMakerWorkerPortalUrls', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^PortalUrlsHandlerPolicy')]) });
  });
});
