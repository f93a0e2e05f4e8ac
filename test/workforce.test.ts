import { Annotations, App, CfnOutput, CfnParameter, CfnResource, CfnWaitConditionHandle, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ENV, OIDC_PROPS, testApp, testStack, WORKER_PORTAL_CLIENT } from './util';
import { IdentityProviderType, Workforce, WorkforceIdentity, WorkforceIpAddressType, Workteam, WorkteamMembers } from '../src';

function cognitoIdentity(stack: Stack) {
  const userPool = new cognito.UserPool(stack, 'Pool');
  userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
  return WorkforceIdentity.cognito(userPool, userPool.addClient('Client', { generateSecret: true }));
}

/** Synthesizes the app of `stack`, which runs every validation. */
function testSynth(stack: Stack) {
  return App.of(stack)!.synth();
}

function oidcIdentity() {
  return WorkforceIdentity.oidc(OIDC_PROPS);
}

function vpcOf(stack: Stack) {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

describe('a Cognito workforce', () => {
  test('renders the user pool and app client, and a generated name', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: cognitoIdentity(stack) });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workforce', {
      WorkforceName: 'Stack-Workforce-9C11D5B9',
      CognitoConfig: { UserPool: { Ref: 'PoolD3F588B8' }, ClientId: { Ref: 'PoolClient8A3E5EB7' } },
      OidcConfig: Match.absent(),
      SourceIpConfig: Match.absent(),
      WorkforceVpcConfig: Match.absent(),
    });
  });

  test('exposes its identity', () => {
    const stack = testStack();
    const identity = cognitoIdentity(stack);

    const workforce = new Workforce(stack, 'Workforce', { identity });

    expect(workforce.identity).toBe(identity);
    expect(workforce.identityProviderType).toBe(IdentityProviderType.COGNITO);
  });
});

describe('the worker portal sign-in of a Cognito workforce', () => {
  /** A user pool with a domain, and its client with `clientProps`, as the portal's Cognito identity. */
  function signIn(stack: Stack, clientProps: cognito.UserPoolClientOptions = {}) {
    const userPool = new cognito.UserPool(stack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
    const client = userPool.addClient('Client', { ...(clientProps.disableOAuth ? { generateSecret: true } : WORKER_PORTAL_CLIENT), ...clientProps });
    return { userPool, client, identity: WorkforceIdentity.cognito(userPool, client) };
  }

  test('waits for the user pool domain, so that SageMaker finds it', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: signIn(stack).identity });

    Template.fromStack(stack).hasResource('AWS::SageMaker::Workforce', { DependsOn: ['PoolDomainCFC71F56'] });
  });

  test('waits for a domain defined outside the pool, after the workforce', () => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    const client = userPool.addClient('Client');

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });
    new cognito.UserPoolDomain(stack, 'Domain', { userPool, cognitoDomain: { domainPrefix: 'labeling-workers' } });

    Template.fromStack(stack).hasResource('AWS::SageMaker::Workforce', { DependsOn: ['Domain66AC69E0'] });
  });

  test('fails for a user pool of this app without a domain, saying how to add one', () => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPool.addClient('Client')) });

    expect(() => testSynth(stack)).toThrow(
      /identity user pool: 'Stack\/Pool' has no domain, which the worker portal's sign-in needs: add one, such as userPool\.addDomain\('SignIn'/,
    );
  });

  test('puts the portal URLs on the app client after the workforce is created', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: signIn(stack).identity });

    const subDomain = { 'Fn::GetAtt': ['Workforce574A26FE', 'SubDomain'] };
    Template.fromStack(stack).hasResourceProperties('Custom::SageMakerWorkerPortalUrls', {
      UserPoolId: { Ref: 'PoolD3F588B8' },
      ClientId: { Ref: 'PoolClient8A3E5EB7' },
      CallbackUrl: { 'Fn::Join': ['', ['https://', subDomain, '/oauth2/idpresponse']] },
      LogoutUrl: { 'Fn::Join': ['', ['https://', subDomain, '/logout']] },
      Client: Match.objectLike({ CallbackURLs: ['https://localhost'], UserPoolId: { Ref: 'PoolD3F588B8' } }),
    });
  });

  test('synthesizes without a warning', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: signIn(stack).identity });

    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  /** Synthesizes a workforce whose app client's callback URLs are `urlsOf` the workforce and another resource. */
  const synthWithCallbackUrls = (urlsOf: (workforce: Workforce, other: CfnWaitConditionHandle) => string[]) => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
    const urls: string[] = [];
    const client = userPool.addClient('Client', { oAuth: { callbackUrls: Lazy.list({ produce: () => urls }) } });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });
    urls.push(...urlsOf(workforce, new CfnWaitConditionHandle(stack, 'Other')));
    return () => testSynth(stack);
  };

  test('fails for an app client whose URLs are made of the workforce sub-domain, a dependency cycle', () => {
    expect(synthWithCallbackUrls((workforce) => [`https://${workforce.workforceSubDomain}/oauth2/idpresponse`])).toThrow(
      /identity app client: the app client 'Stack\/Pool\/Client' has callbackUrls made of this workforce's attributes, which makes a dependency cycle \(the workforce needs the client first\): remove them, this library puts the worker portal's callback and logout URLs on the client once the workforce exists/,
    );
  });

  test("fails for an app client whose URLs hold the workforce's Ref, and takes URLs made of other resources' attributes", () => {
    expect(synthWithCallbackUrls((workforce) => [`https://app.example.com/${(workforce.node.defaultChild as CfnResource).ref}`])).toThrow(
      /the app client 'Stack\/Pool\/Client' has callbackUrls made of this workforce's attributes/,
    );
    expect(synthWithCallbackUrls((_workforce, other) => ['https://app.example.com', `https://${other.ref}/a`, `https://${Token.asString(other.getAtt('Id'))}/b`]))
      .not.toThrow();
  });

  test('fails for an app client whose logout URLs use the portal URL', () => {
    const stack = testStack();
    const { userPool } = signIn(stack);
    const logoutUrls: string[] = [];
    const client = userPool.addClient('Portal', { oAuth: { logoutUrls: Lazy.list({ produce: () => logoutUrls }) } });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });
    logoutUrls.push(workforce.workerPortalLogoutUrl);

    expect(() => testSynth(stack)).toThrow(/the app client 'Stack\/Pool\/Portal' has logoutUrls made of this workforce's attributes/);
  });

  test('fails for an app client without OAuth', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: signIn(stack, { disableOAuth: true }).identity });

    expect(() => testSynth(stack)).toThrow(
      /identity app client: the app client 'Stack\/Pool\/Client' has OAuth disabled \(disableOAuth\), and the worker portal signs workers in through the user pool's OAuth sign-in pages/,
    );
  });

  test('fails for an app client whose OAuth setting is left out, which CloudFormation takes as disabled', () => {
    const stack = testStack();
    const { userPool, client } = signIn(stack);
    (client.node.defaultChild as cognito.CfnUserPoolClient).allowedOAuthFlowsUserPoolClient = undefined;

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });

    expect(() => testSynth(stack)).toThrow(/identity app client: the app client 'Stack\/Pool\/Client' has OAuth disabled \(disableOAuth\)/);
  });

  test.each([
    ['CodeGrant', 'oAuth flows without "code"', (client: cognito.CfnUserPoolClient) => (client.allowedOAuthFlows = undefined)],
    ['OpenidScope', 'oAuth scopes without "openid"', (client: cognito.CfnUserPoolClient) => (client.allowedOAuthScopes = undefined)],
    ['CognitoProvider', 'supportedIdentityProviders without "COGNITO"', (client: cognito.CfnUserPoolClient) => (client.supportedIdentityProviders = undefined)],
  ])('warns, with the id workerPortalClient%s, for an app client that leaves the setting out (an empty list)', (id, setting, leaveOut) => {
    const stack = testStack();
    const { userPool, client } = signIn(stack);
    leaveOut(client.node.defaultChild as cognito.CfnUserPoolClient);

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Stack/Workforce', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      `the app client 'Stack/Pool/Client' has ${setting}, which AWS's examples of a worker portal's client use: without it workers may ` +
        `not be able to sign in [ack: cdk-sagemaker-workteam:workerPortalClient${id}]`,
    ]);
  });

  test.each([
    ['CodeGrant', { oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://localhost'] } }, 'oAuth flows without "code"'],
    ['OpenidScope', { oAuth: { ...WORKER_PORTAL_CLIENT.oAuth, scopes: [cognito.OAuthScope.custom('labeling/read')] } }, 'oAuth scopes without "openid"'],
    ['CognitoProvider', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE] }, 'supportedIdentityProviders without "COGNITO"'],
  ])('warns, with the id workerPortalClient%s, for an app client whose settings AWS examples do not show', (id, clientProps, setting) => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: signIn(stack, clientProps as cognito.UserPoolClientOptions).identity });

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Stack/Workforce', Match.anyValue());
    expect(warnings.map((w) => String(w.entry.data)).filter((w) => !w.includes('workerPortalClientImplicitGrant'))).toEqual([
      `the app client 'Stack/Pool/Client' has ${setting}, which AWS's examples of a worker portal's client use: without it workers may ` +
        `not be able to sign in [ack: cdk-sagemaker-workteam:workerPortalClient${id}]`,
    ]);
  });

  test('warns, with the id workerPortalClientImplicitGrant and workerPortalClientExampleCallback, for aws-cdk-lib\'s default client', () => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPool.addClient('Client')) });

    const warnings = AssertAnnotations.fromStack(stack).findWarning('/Stack/Workforce', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      "the app client 'Stack/Pool/Client' allows the implicit grant (aws-cdk-lib's default when oAuth.flows is not given), which hands " +
        'tokens to the browser in the URL and which the worker portal does not need: give oAuth: { flows: { authorizationCodeGrant: true } } ' +
        '[ack: cdk-sagemaker-workteam:workerPortalClientImplicitGrant]',
      "the app client 'Stack/Pool/Client' allows \"https://example.com\" as a callback URL (aws-cdk-lib's default when oAuth.callbackUrls " +
        'is not given), a site that is not yours, where Cognito sends sign-in codes when asked to: this library adds the worker portal\'s ' +
        'callback URL itself, and Cognito needs one URL at creation: give oAuth.callbackUrls one of yours, or one that reaches no server, ' +
        "such as 'https://localhost' [ack: cdk-sagemaker-workteam:workerPortalClientExampleCallback]",
    ]);
  });

  test('warns no more once the warnings about aws-cdk-lib\'s default client are acknowledged', () => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPool.addClient('Client')) });

    Annotations.of(workforce).acknowledgeWarning('cdk-sagemaker-workteam:workerPortalClientImplicitGrant', 'a test');
    Annotations.of(workforce).acknowledgeWarning('cdk-sagemaker-workteam:workerPortalClientExampleCallback', 'a test');

    AssertAnnotations.fromStack(stack).hasNoWarning('/Stack/Workforce', Match.anyValue());
  });

  test('fails for a user pool whose domain is in another stack, saying that it must be in the pool\'s stack', () => {
    const app = testApp();
    const stack = testStack(ENV, app);
    const userPool = new cognito.UserPool(stack, 'Pool');
    const domains = testStack(ENV, app, 'Domains');
    new cognito.UserPoolDomain(domains, 'Domain', { userPool, cognitoDomain: { domainPrefix: 'labeling-workers' } });

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPool.addClient('Client', WORKER_PORTAL_CLIENT)) });

    expect(() => app.synth()).toThrow(
      /\[Stack\/Workforce\] identity user pool: the domain 'Domains\/Domain\/Resource' of 'Stack\/Pool' is in the stack 'Domains', not in the user pool's stack 'Stack': SageMaker needs the domain when it creates the workforce/,
    );
    expect(() => app.synth()).not.toThrow(/has no domain/);
  });

  test('fails for a user pool imported by an id of another region', () => {
    const stack = testStack();
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbCdEf123');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'client1234');

    expect(() => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) })).toThrow(
      /identity user pool id: "eu-west-1_AbCdEf123" is a user pool of eu-west-1, and the workforce is in us-east-1: SageMaker needs the user pool in the region of the workforce/,
    );
  });

  test('judges no client setting that is a token', () => {
    const stack = testStack();
    const { userPool } = signIn(stack);
    const client = userPool.addClient('Portal', WORKER_PORTAL_CLIENT);
    const resource = client.node.defaultChild as cognito.CfnUserPoolClient;
    resource.allowedOAuthFlows = Token.asList(new CfnParameter(stack, 'Flows', { type: 'CommaDelimitedList' }).valueAsList);
    resource.allowedOAuthFlowsUserPoolClient = Token.asAny(new CfnParameter(stack, 'OAuth').valueAsString) as unknown as boolean;

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });

    expect(() => testSynth(stack)).not.toThrow();
    AssertAnnotations.fromStack(stack).hasNoWarning('/Stack/Workforce', Match.anyValue());
  });

  test('leaves an app client defined outside the app alone', () => {
    const stack = testStack();
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'abc');

    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) });

    Template.fromStack(stack).resourceCountIs('Custom::SageMakerWorkerPortalUrls', 0);
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('gives the callback and logout URLs that a client outside the app must hold', () => {
    const stack = testStack();
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Workforce', {
      workforceName: 'default',
      workforceSubDomain: 'abcd1234.labeling.us-east-1.sagemaker.aws',
    });

    expect(stack.resolve(workforce.workerPortalCallbackUrl)).toBe('https://abcd1234.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse');
    expect(stack.resolve(workforce.workerPortalLogoutUrl)).toBe('https://abcd1234.labeling.us-east-1.sagemaker.aws/logout');
  });

  test('takes a user pool and app client of another environment-agnostic stack, whose region may be the same', () => {
    const app = testApp();
    const poolStack = new Stack(app, 'Pools');
    const userPool = new cognito.UserPool(poolStack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
    const client = userPool.addClient('Client');

    expect(() => new Workforce(new Stack(app, 'Labeling'), 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) })).not.toThrow();
  });

  test.each(['user pool', 'app client'])('fails for a %s of another region', (which) => {
    const app = testApp();
    const stack = testStack(ENV, app);
    const other = testStack({ ...ENV, region: 'eu-west-1' }, app, 'Other');
    const userPool = cognito.UserPool.fromUserPoolArn(which === 'user pool' ? other : stack, 'Pool', `arn:aws:cognito-idp:${which === 'user pool' ? 'eu-west-1' : 'us-east-1'}:123456789012:userpool/x_abc`);
    const client = which === 'app client'
      ? new cognito.UserPool(other, 'OtherPool').addClient('Client')
      : cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'abc');

    expect(() => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, client) })).toThrow(
      new RegExp(`^Invalid Workforce at 'Stack/Workforce':\n {2}- identity ${which}: '.*' is in eu-west-1, the workforce in us-east-1: the user pool and app client must be in the workforce's region$`),
    );
  });
});

describe('an OIDC workforce', () => {
  test('renders the endpoints, and the secret as a dynamic reference', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), workforceName: 'labelers' });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workforce', {
      WorkforceName: 'labelers',
      CognitoConfig: Match.absent(),
      OidcConfig: {
        ClientId: 'labeling_portal',
        ClientSecret: '{{resolve:secretsmanager:labeling/oidc:SecretString:::}}',
        Issuer: 'https://idp.example.com',
        AuthorizationEndpoint: 'https://idp.example.com/authorize',
        TokenEndpoint: 'https://idp.example.com/token',
        UserInfoEndpoint: 'https://idp.example.com/userinfo',
        LogoutEndpoint: 'https://idp.example.com/logout',
        JwksUri: 'https://idp.example.com/jwks',
      },
    });
  });
});

describe('workforce options', () => {
  test('renders source IPs, the IP address type and tags', () => {
    const app = testApp();
    const stack = testStack(ENV, app);

    new Workforce(stack, 'Workforce', {
      identity: oidcIdentity(),
      allowedSourceIps: ['203.0.113.0/24', '2001:db8::/32'],
      ipAddressType: WorkforceIpAddressType.DUAL_STACK,
      tags: { project: 'catalogue' },
    });
    Tags.of(app).add('cost-center', '1234');

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workforce', {
      SourceIpConfig: { Cidrs: ['203.0.113.0/24', '2001:db8::/32'] },
      IpAddressType: 'dualstack',
      Tags: Match.arrayWith([
        { Key: 'cost-center', Value: '1234' },
        { Key: 'project', Value: 'catalogue' },
      ]),
    });
  });

  test('in a VPC, renders its private subnets and a new security group open to HTTPS from the VPC', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);

    const workforce = new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SageMaker::Workforce', {
      WorkforceVpcConfig: {
        VpcId: { Ref: 'Vpc8378EB38' },
        Subnets: [{ Ref: 'VpcprivateSubnet1SubnetCEAD3716' }, { Ref: 'VpcprivateSubnet2Subnet2DE7549C' }],
        SecurityGroupIds: [{ 'Fn::GetAtt': ['WorkforceSecurityGroupEE55FBC5', 'GroupId'] }],
      },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ CidrIp: { 'Fn::GetAtt': ['Vpc8378EB38', 'CidrBlock'] }, FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }],
    });
    expect(workforce.connections.securityGroups).toHaveLength(1);
  });

  test('the default security group is described, takes HTTPS only and sends nothing out', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(stack) });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Worker portal endpoints of the SageMaker workforce Stack/Workforce',
      SecurityGroupIngress: [Match.objectLike({ Description: 'HTTPS to the worker portal from the VPC', FromPort: 443 })],
      // aws-cdk-lib's rule that matches no traffic: allowAllOutbound is false.
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });

  test('the default security group of a dual-stack portal also takes HTTPS over IPv6, so described', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      ipProtocol: ec2.IpProtocol.DUAL_STACK,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });

    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc, ipAddressType: WorkforceIpAddressType.DUAL_STACK });

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: { 'Fn::GetAtt': ['Vpc8378EB38', 'CidrBlock'] }, Description: 'HTTPS to the worker portal from the VPC' }),
        Match.objectLike({ CidrIpv6: Match.anyValue(), Description: 'HTTPS to the worker portal from the VPC over IPv6', FromPort: 443, ToPort: 443 }),
      ],
    });
  });

  test('fails to give connections outside a VPC', () => {
    const workforce = new Workforce(testStack(), 'Workforce', { identity: oidcIdentity() });

    expect(() => workforce.connections).toThrow(/the workforce 'Stack\/Workforce' has no vpc, so no security groups/);
  });

  test('in a VPC, its connections open the portal endpoints to more peers', () => {
    const stack = testStack();
    const workforce = new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(stack) });

    workforce.connections.allowFrom(ec2.Peer.ipv4('198.51.100.0/24'), ec2.Port.tcp(443), 'Office');

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([Match.objectLike({ CidrIp: '198.51.100.0/24', FromPort: 443, Description: 'Office' })]),
    });
  });

  test('is an ec2.IConnectable: a VPC workforce is a peer of other security groups', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const workforce: ec2.IConnectable = new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc });
    const proxy = new ec2.SecurityGroup(stack, 'Proxy', { vpc, allowAllOutbound: false });

    proxy.connections.allowTo(workforce, ec2.Port.tcp(443), 'To the portal');

    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': ['WorkforceSecurityGroupEE55FBC5', 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Proxy'), 'GroupId'] },
      FromPort: 443,
      Description: 'To the portal',
    });
  });

  test('fails to give connections outside a VPC, saying what to give', () => {
    const workforce = new Workforce(testStack(), 'Workforce', { identity: oidcIdentity() });

    expect(() => workforce.connections).toThrow(
      "the workforce 'Stack/Workforce' has no vpc, so no security groups to manage: only a workforce reached from a VPC has " +
        'connections; give vpc when creating the workforce, or securityGroups when importing it (Workforce.fromWorkforceAttributes)',
    );
  });

  test('in a VPC, uses the security groups and subnets it is given', () => {
    const stack = testStack();
    const vpc = vpcOf(stack);
    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');

    new Workforce(stack, 'Workforce', {
      identity: oidcIdentity(),
      vpc,
      vpcSubnets: { availabilityZones: [vpc.availabilityZones[0]] },
      securityGroups: [securityGroup],
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SageMaker::Workforce', {
      WorkforceVpcConfig: { Subnets: [{ Ref: 'VpcprivateSubnet1SubnetCEAD3716' }], SecurityGroupIds: ['sg-12345678'] },
    });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
  });

  test('warns that SageMaker does not support source IPs for a portal in a VPC', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(stack), allowedSourceIps: ['10.0.0.0/16'] });

    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Workforce', Match.stringLikeRegexp('does not support source-IP restriction'));
  });

  test('does not warn about source IPs without a vpc, nor about a vpc without source IPs', () => {
    const withSourceIps = testStack();
    const inVpc = testStack();

    new Workforce(withSourceIps, 'Workforce', { identity: oidcIdentity(), allowedSourceIps: ['10.0.0.0/16'] });
    new Workforce(inVpc, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(inVpc) });

    AssertAnnotations.fromStack(withSourceIps).hasNoWarning('/Stack/Workforce', Match.anyValue());
    AssertAnnotations.fromStack(inVpc).hasNoWarning('/Stack/Workforce', Match.anyValue());
  });

  test('the source-IP warning can be acknowledged by its id', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(stack), allowedSourceIps: ['10.0.0.0/16'] });

    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Workforce', Match.stringLikeRegexp('\\[ack: cdk-sagemaker-workteam:vpcWithSourceIps\\]'));
  });
});

describe('attributes', () => {
  test('in another account, the ARN is built from the workforce name', () => {
    const app = testApp();
    const workforce = new Workforce(testStack(ENV, app, 'Workforces'), 'Workforce', { identity: oidcIdentity(), workforceName: 'labeling' });
    const other = testStack({ account: '210987654321', region: 'us-east-1' }, app, 'Other');

    new CfnOutput(other, 'Arn', { value: workforce.workforceArn });
    new CfnWaitConditionHandle(other, 'SomeResource');

    Template.fromStack(other).hasOutput('Arn', {
      Value: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workforce/labeling']] },
    });
  });

  test('the ARN, name, sub-domain and portal URL come from the resource', () => {
    const stack = testStack();
    const workforce = new Workforce(stack, 'Workforce', { identity: oidcIdentity() });

    new CfnOutput(stack, 'Arn', { value: workforce.workforceArn });
    new CfnOutput(stack, 'RefArn', { value: workforce.workforceRef.workforceArn });
    new CfnOutput(stack, 'Name', { value: workforce.workforceName });
    new CfnOutput(stack, 'SubDomain', { value: workforce.workforceSubDomain });
    new CfnOutput(stack, 'Url', { value: workforce.workerPortalUrl });
    new CfnOutput(stack, 'Callback', { value: workforce.workerPortalCallbackUrl });

    const template = Template.fromStack(stack);
    const arn = { 'Fn::GetAtt': ['Workforce574A26FE', 'WorkforceArn'] };
    template.hasOutput('Arn', { Value: arn });
    template.hasOutput('RefArn', { Value: arn });
    template.hasOutput('Name', { Value: { 'Fn::Select': [1, { 'Fn::Split': ['/', arn] }] } });
    template.hasOutput('SubDomain', { Value: { 'Fn::GetAtt': ['Workforce574A26FE', 'SubDomain'] } });
    template.hasOutput('Url', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Workforce574A26FE', 'SubDomain'] }]] } });
    template.hasOutput('Callback', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Workforce574A26FE', 'SubDomain'] }, '/oauth2/idpresponse']] },
    });
  });
});

describe('importers', () => {
  test('fromWorkforceName builds the ARN of the stack account and region', () => {
    const stack = testStack();

    const workforce = Workforce.fromWorkforceName(stack, 'Workforce', 'default');

    expect(workforce.workforceName).toBe('default');
    expect(workforce.identityProviderType).toBeUndefined();
    expect(stack.resolve(workforce.workforceArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workforce/default']],
    });
    expect(workforce.workforceRef.workforceArn).toBe(workforce.workforceArn);
  });

  test('fromWorkforceAttributes keeps the sub-domain and identity type', () => {
    const workforce = Workforce.fromWorkforceAttributes(testStack(), 'Workforce', {
      workforceName: 'default',
      workforceSubDomain: 'abcd1234.labeling.us-east-1.sagemaker.aws',
      identityProviderType: IdentityProviderType.OIDC,
    });

    expect(workforce.workforceSubDomain).toBe('abcd1234.labeling.us-east-1.sagemaker.aws');
    expect(workforce.identityProviderType).toBe(IdentityProviderType.OIDC);
  });

  test('fromWorkforceArn takes the name, account and region from the ARN', () => {
    const stack = testStack();

    const workforce = Workforce.fromWorkforceArn(stack, 'Workforce', 'arn:aws:sagemaker:eu-west-1:210987654321:workforce/default');

    expect(workforce.workforceName).toBe('default');
    expect(workforce.workforceArn).toBe('arn:aws:sagemaker:eu-west-1:210987654321:workforce/default');
    expect(workforce.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
  });

  test('fromWorkforceArn reads the name of an ARN known only at deployment', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;

    const workforce = Workforce.fromWorkforceArn(stack, 'Workforce', arn);

    expect(stack.resolve(workforce.workforceName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
  });

  test.each([
    'default',
    'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/x',
    'arn:aws:sagemaker:us-east-1:123456789012:workforce/',
    'arn:aws:sagemaker:us-east-1:12345:workforce/default',
    'arn:aws:sagemaker:us-east-1::workforce/default',
    'arn:aws:sagemaker::123456789012:workforce/default',
  ])(
    'fromWorkforceArn fails for %s, which is not the ARN of a workforce',
    (arn) => {
      expect(() => Workforce.fromWorkforceArn(testStack(), 'Workforce', arn)).toThrow(
        /Invalid Workforce at 'Stack\/Workforce':\n {2}- workforceArn: .* is not the ARN of a workforce; expected arn:<partition>:sagemaker:<region>:<account>:workforce\/<name>/,
      );
    },
  );

  test('fails to read the sub-domain of a workforce imported without it', () => {
    const workforce = Workforce.fromWorkforceName(testStack(), 'Workforce', 'default');

    expect(() => workforce.workforceSubDomain).toThrow(
      "the sub-domain of the imported workforce 'Stack/Workforce' is unknown: import it with Workforce.fromWorkforceAttributes({ workforceSubDomain })",
    );
    expect(() => workforce.workerPortalUrl).toThrow(/the sub-domain of the imported workforce 'Stack\/Workforce' is unknown/);
  });

  test('an imported workforce given its security groups has connections', () => {
    const stack = testStack();
    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(stack, 'PortalEndpoints', 'sg-0123456789abcdef0', { mutable: true });
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default', securityGroups: [securityGroup] });

    workforce.connections.allowFrom(ec2.Peer.ipv4('198.51.100.0/24'), ec2.Port.tcp(443), 'Office');

    expect(workforce.connections.securityGroups).toEqual([securityGroup]);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0123456789abcdef0',
      CidrIp: '198.51.100.0/24',
      FromPort: 443,
    });
  });

  test.each([
    ['fromWorkforceName', (stack: Stack) => Workforce.fromWorkforceName(stack, 'Workforce', 'default')],
    ['fromWorkforceArn', (stack: Stack) => Workforce.fromWorkforceArn(stack, 'Workforce', 'arn:aws:sagemaker:us-east-1:123456789012:workforce/default')],
    ['fromWorkforceAttributes without securityGroups', (stack: Stack) => Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default' })],
  ])('fails to give connections of a workforce imported with %s', (_, importer) => {
    const workforce = importer(testStack());

    expect(() => workforce.connections).toThrow(
      /^the workforce 'Stack\/Workforce' has no vpc, so no security groups to manage: .* or securityGroups when importing it \(Workforce.fromWorkforceAttributes\)$/,
    );
  });

  test('fails to import a workforce with more than 5 security groups', () => {
    const stack = testStack();
    const securityGroups = [0, 1, 2, 3, 4, 5].map((i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, `sg-0000000${i}`));

    expect(() => Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default', securityGroups })).toThrow(
      /Invalid Workforce at 'Stack\/Workforce':\n {2}- securityGroups: /,
    );
  });

  test('fails for a name SageMaker would not accept', () => {
    expect(() => Workforce.fromWorkforceName(testStack(), 'Workforce', 'my_workforce')).toThrow(
      /Invalid Workforce at 'Stack\/Workforce':\n {2}- workforceName: "my_workforce" is not allowed/,
    );
  });
});

describe('validation at synth', () => {
  test.each([
    ['with an underscore', 'bad_name', /is not allowed/],
    ['starting with a hyphen', '-labelers', /is not allowed/],
    ['of 64 characters', 'w'.repeat(64), /has 64 characters/],
    ['that is empty', '', /has 0 characters/],
  ])('fails for a workforceName %s', (_, workforceName, error) => {
    expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), workforceName })).toThrow(
      new RegExp(`workforceName: .*${error.source}`),
    );
  });

  test('takes a workforceName ending with a hyphen, as SageMaker does', () => {
    expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), workforceName: 'labelers-' })).not.toThrow();
  });

  test('fails for no or 11 source IPs, and takes 10', () => {
    const workforce = (allowedSourceIps: string[]) => () => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), allowedSourceIps });
    const cidrs = (count: number) => Array.from({ length: count }, (_, i) => `10.0.${i}.0/24`);

    expect(workforce([])).toThrow(/allowedSourceIps: has 0 items; it must have 1 to 10/);
    expect(workforce(cidrs(11))).toThrow(/allowedSourceIps: has 11 items; it must have 1 to 10/);
    expect(workforce(cidrs(10))).not.toThrow();
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '010.0.0.0/8', '2001:db8::/129', 'fe80::1%eth0/64', 'example.com/24', '10.0.0.0/24 '])(
    'fails for the source IP %j, which is not a CIDR block',
    (cidr) => {
      expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), allowedSourceIps: [cidr] })).toThrow(
        /allowedSourceIps\[0\]: .* (is not an IPv4 or IPv6 CIDR block|is not allowed; it must be an IPv4 or IPv6 CIDR block|has \d+ characters)/,
      );
    },
  );

  test('fails for an IPv4-mapped IPv6 address, which the API pattern rejects', () => {
    expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), allowedSourceIps: ['::ffff:10.0.0.1/128'] })).toThrow(
      /allowedSourceIps\[0\]: .* is not allowed; it must be an IPv4 or IPv6 CIDR block/,
    );
  });

  // The API pattern writes `d` for a digit in embedded IPv4 addresses: only numbers of 250 to 255 match there.
  test.each(['0.0.0.0/0', '192.168.1.1/32', '::/0', '2001:db8:0:0:0:0:0:1/128', '::ffff:255.255.255.255/128'])('takes the source IP %s', (cidr) => {
    expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), allowedSourceIps: [cidr] })).not.toThrow();
  });

  test('fails for 6 security groups, and takes 5', () => {
    const workforce = (count: number) => () => {
      const stack = testStack();
      const securityGroups = Array.from({ length: count }, (_, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Sg${i}`, `sg-${String(i).padStart(8, '0')}`));
      return new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc: vpcOf(stack), securityGroups });
    };

    expect(workforce(6)).toThrow(/securityGroups: has 6 items; it must have 1 to 5/);
    expect(workforce(0)).toThrow(/securityGroups: has 0 items/);
    expect(workforce(5)).not.toThrow();
  });

  test('fails for 17 subnets, and takes 16', () => {
    const workforce = (count: number) => () => {
      const stack = testStack();
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['us-east-1a'],
        privateSubnetIds: Array.from({ length: count }, (_, i) => `subnet-${String(i).padStart(8, '0')}`),
      });
      return new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0')] });
    };

    expect(workforce(17)).toThrow(/vpcSubnets: has 17 items; it must have 1 to 16/);
    expect(workforce(16)).not.toThrow();
  });

  test.each([
    ['vpc', 'vpc-1', 'subnet-12345678', 'sg-12345678', /vpc id: "vpc-1" is not allowed/],
    ['subnet', 'vpc-12345678', 'subnet-x', 'sg-12345678', /vpcSubnets id: "subnet-x" is not allowed/],
    ['security group', 'vpc-12345678', 'subnet-12345678', 'sg-0123', /securityGroups id: "sg-0123" is not allowed/],
    // 9 to 16 hexadecimal digits: CloudFormation's id formats take them, but no EC2 id has them.
    ['vpc with 9 digits', 'vpc-123456789', 'subnet-12345678', 'sg-12345678', /vpc id: "vpc-123456789" is not allowed/],
    ['subnet with 16 digits', 'vpc-12345678', 'subnet-0123456789abcdef', 'sg-12345678', /vpcSubnets id: "subnet-0123456789abcdef" is not allowed/],
  ])('fails for a %s id that is not an EC2 id', (_, vpcId, subnetId, securityGroupId, error) => {
    const stack = testStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId, availabilityZones: ['us-east-1a'], privateSubnetIds: [subnetId] });
    const securityGroups = [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', securityGroupId)];

    expect(() => new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc, securityGroups })).toThrow(error);
  });

  test('fails for a vpc imported without its CIDR block and no security groups, and takes one with it', () => {
    const workforce = (vpcCidrBlock?: string) => () => {
      const stack = testStack();
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', vpcCidrBlock, availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-12345678'] });
      return new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpc });
    };

    expect(workforce()).toThrow(
      /Invalid Workforce at 'Stack\/Workforce':\n {2}- securityGroups: none given, and the vpc 'Stack\/Vpc' was imported without its CIDR block, which the default security group \(HTTPS from the VPC\) needs: give securityGroups/,
    );
    expect(workforce('10.0.0.0/16')).not.toThrow();
  });

  test('fails for subnets or security groups without a vpc', () => {
    const stack = testStack();
    expect(() => new Workforce(stack, 'Workforce', { identity: oidcIdentity(), vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })).toThrow(
      /vpcSubnets, securityGroups: they need a vpc/,
    );
  });

  test('fails for a reserved tag key', () => {
    const stack = testStack();
    new Workforce(stack, 'Workforce', { identity: oidcIdentity(), tags: { 'aws:team': 'x' } });

    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Workforce\] tags key "aws:team": keys starting with 'aws:' are reserved/);
  });

  // The registry schema's tag pattern is matched with the tables of Unicode 16.0 (Node 20.20's \p{L} is Unicode 17.0).
  test('fails for a tag with a letter new in Unicode 17.0, and takes one of Unicode 16.0', () => {
    const workforce = (tags: Record<string, string>) => () => {
      const stack = testStack();
      new Workforce(stack, 'Workforce', { identity: oidcIdentity(), tags });
      return Template.fromStack(stack);
    };

    // U+088F ARABIC LETTER NOON WITH RING ABOVE and U+10940 SIDETIC LETTER N01 are new in Unicode 17.0.
    expect(workforce({ ['team\u088f']: 'x' })).toThrow(
      /\[Stack\/Workforce\] tags key "team\u088f": "team\u088f" is not allowed; it must be letters, numbers and spaces of Unicode 16\.0 .*\(pattern \^\(\[\\p\{L\}.* of Unicode 16\.0\)/,
    );
    expect(workforce({ team: 'x\u{10940}' })).toThrow(/tags\["team"\]: .* is not allowed; it must be letters, numbers and spaces of Unicode 16\.0/);
    // U+1C89 CYRILLIC CAPITAL LETTER TJE, U+2EBF0 (CJK Extension I) and U+3000 IDEOGRAPHIC SPACE are in Unicode 16.0.
    expect(workforce({ ['\u1c89 \u{2ebf0}\u3000']: 'é 9 _.:/=+-@' })).not.toThrow();
  });

  test('tokens are not judged', () => {
    const stack = testStack();
    const cidrs = new CfnParameter(stack, 'Cidrs', { type: 'CommaDelimitedList' }).valueAsList;
    const name = new CfnParameter(stack, 'Name').valueAsString;

    expect(() => new Workforce(stack, 'Workforce', { identity: oidcIdentity(), workforceName: name, allowedSourceIps: cidrs })).not.toThrow();
    expect(() => new Workforce(testStack(), 'Workforce', { identity: oidcIdentity(), allowedSourceIps: [new CfnParameter(stack, 'Cidr').valueAsString] })).not.toThrow();
  });
});

describe('work teams on a workforce', () => {
  function cognitoSetup(stack: Stack) {
    const userPool = new cognito.UserPool(stack, 'Pool');
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'labeling-workers' } });
    const userPoolClient = userPool.addClient('Client');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool });
    return { userPool, userPoolClient, group };
  }

  test('a Cognito team given the workforce takes its user pool and app client', () => {
    const stack = testStack();
    const { userPool, userPoolClient, group } = cognitoSetup(stack);
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPoolClient) });
    const reviewers = new cognito.UserPoolGroup(stack, 'Reviewers', { userPool });

    Workteam.fromCognitoGroup(stack, 'Team', { workforce, group });
    new Workteam(stack, 'Review', { workforce, members: WorkteamMembers.fromWorkforceUserGroups([group, reviewers]) });

    const template = Template.fromStack(stack);
    const member = (groupId: string) => ({
      CognitoMemberDefinition: { CognitoUserPool: { Ref: 'PoolD3F588B8' }, CognitoClientId: { Ref: 'PoolClient8A3E5EB7' }, CognitoUserGroup: { Ref: groupId } },
    });
    template.hasResourceProperties('AWS::SageMaker::Workteam', { WorkteamName: 'Stack-Team-07215EAE', MemberDefinitions: [member('GroupC77FDACD')] });
    template.hasResourceProperties('AWS::SageMaker::Workteam', { WorkteamName: 'Stack-Review-3AFE0FC0', MemberDefinitions: [member('GroupC77FDACD'), member('ReviewersACB10B3E')] });
  });

  test('a Cognito team takes the user pool and app client of a workforce imported with its identity', () => {
    const stack = testStack();
    const { userPool, userPoolClient, group } = cognitoSetup(stack);
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Default', {
      workforceName: 'default',
      identity: WorkforceIdentity.cognito(userPool, userPoolClient),
    });

    Workteam.fromCognitoGroup(stack, 'Team', { workforce, group });

    expect(workforce.identityProviderType).toBe(IdentityProviderType.COGNITO);
    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkforceName: 'default',
      MemberDefinitions: [Match.objectLike({ CognitoMemberDefinition: Match.objectLike({ CognitoUserPool: { Ref: 'PoolD3F588B8' } }) })],
    });
  });

  test('fails for a Cognito team without user pool whose workforce has no known identity', () => {
    const stack = testStack();
    const { group } = cognitoSetup(stack);
    const workforce = Workforce.fromWorkforceName(stack, 'Default', 'default');

    expect(() => Workteam.fromCognitoGroup(stack, 'Team', { workforce, group })).toThrow(
      /members: the workforce 'Stack\/Default' has no known Cognito identity to take the user pool and app client from/,
    );
    expect(() => Workteam.fromCognitoGroup(stack, 'NoWorkforce', { group })).toThrow(
      /members: user groups without their user pool and app client take those of the team's workforce, and the team has none: give its workforce/,
    );
  });

  test('fails for a Cognito team given a user pool without its app client', () => {
    const stack = testStack();
    const { userPool, group } = cognitoSetup(stack);

    expect(() => Workteam.fromCognitoGroup(stack, 'Team', { userPool, group })).toThrow(
      /Invalid Workteam at 'Stack\/Team':\n {2}- userPool, userPoolClient: give both, or neither to take those of the team's workforce/,
    );
  });

  test('fails for a user pool, app client or group of another region than the team', () => {
    const app = testApp();
    const stack = testStack(ENV, app);
    const other = testStack({ ...ENV, region: 'eu-west-1' }, app, 'Other');
    const userPool = new cognito.UserPool(other, 'Pool');
    const userPoolClient = userPool.addClient('Client');
    const group = new cognito.UserPoolGroup(other, 'Group', { userPool });

    expect(() => Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group })).toThrow(
      /members: 'Other\/Pool' is in eu-west-1, the team in us-east-1: the user pool, app client and groups must be in the team's region/,
    );
  });

  test('a team given the workforce refers to it, so the workforce is created first', () => {
    const stack = testStack();
    const { userPool, userPoolClient, group } = cognitoSetup(stack);
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPoolClient) });

    Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group, workforce });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkforceName: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Workforce574A26FE', 'WorkforceArn'] }] }] },
    });
  });

  test('a team given no workforce joins the one of its own stack, defined before or after it', () => {
    const stack = testStack();
    const team = Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });
    new Workforce(stack, 'Workforce', { identity: oidcIdentity() });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkforceName: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Workforce574A26FE', 'WorkforceArn'] }] }] },
    });
    expect(team.workforce).toBeUndefined();
  });

  test('fails for OIDC members on a Cognito workforce', () => {
    const stack = testStack();
    const { userPool, userPoolClient } = cognitoSetup(stack);
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPoolClient) });

    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], workforce });

    expect(() => Template.fromStack(stack)).toThrow(
      /\[Stack\/Team\] members: the team's members are OIDC groups, but the workforce 'Stack\/Workforce' signs in with COGNITO/,
    );
  });

  test('fails for Cognito members on an OIDC workforce defined in the region', () => {
    const stack = testStack();
    new Workforce(stack, 'Workforce', { identity: oidcIdentity() });

    Workteam.fromCognitoGroup(stack, 'Team', cognitoSetup(stack));

    expect(() => Template.fromStack(stack)).toThrow(/members: the team's members are COGNITO groups, but the workforce 'Stack\/Workforce' signs in with OIDC/);
  });

  test('fails for Cognito members on an imported workforce known to be OIDC', () => {
    const stack = testStack();
    const workforce = Workforce.fromWorkforceAttributes(stack, 'Workforce', { workforceName: 'default', identityProviderType: IdentityProviderType.OIDC });

    Workteam.fromCognitoGroup(stack, 'Team', { ...cognitoSetup(stack), workforce });

    expect(() => Template.fromStack(stack)).toThrow(/signs in with OIDC/);
  });

  test('fails for members of another user pool and app client than the workforce', () => {
    const stack = testStack();
    const workforcePool = new cognito.UserPool(stack, 'WorkforcePool');
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(workforcePool, workforcePool.addClient('Client')) });

    Workteam.fromCognitoGroup(stack, 'Team', cognitoSetup(stack));

    expect(() => Template.fromStack(stack)).toThrow(
      /\[Stack\/Team\] the Cognito user pool and app client are not those of 'Stack\/Workforce' in aws:\/\/123456789012\/us-east-1; an account and region have one private workforce/,
    );
  });

  test('fails for members of another user pool and app client than the workforce they are given', () => {
    const stack = testStack();
    const workforcePool = new cognito.UserPool(stack, 'WorkforcePool');
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(workforcePool, workforcePool.addClient('Client')) });

    Workteam.fromCognitoGroup(stack, 'Team', { ...cognitoSetup(stack), workforce });

    expect(() => Template.fromStack(stack)).toThrow(
      /members: the user pool 'Stack\/Pool' is not the user pool of the workforce 'Stack\/Workforce'\n.*members: the app client 'Stack\/Pool\/Client' is not the app client of the workforce/,
    );
  });

  test('fails for members of another app client of the workforce user pool', () => {
    const stack = testStack();
    const { userPool, userPoolClient, group } = cognitoSetup(stack);
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(userPool, userPool.addClient('Other')) });

    Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient, group });

    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Team\] the Cognito app client is not that of 'Stack\/Workforce'/);
  });

  test('fails for a workforce of another region', () => {
    const app = testApp();
    const workforce = new Workforce(testStack({ account: ENV.account, region: 'eu-west-1' }, app, 'Workforces'), 'Workforce', { identity: oidcIdentity() });
    const teamStack = testStack(ENV, app, 'Teams');

    Workteam.fromOidcGroups(teamStack, 'Team', { groups: ['labelers'], workforce });

    expect(() => app.synth()).toThrow(/workforce: 'Workforces\/Workforce' is in aws:\/\/123456789012\/eu-west-1, not in the team's aws:\/\/123456789012\/us-east-1/);
  });

  test('fails for an imported workforce of another region, printing its environment', () => {
    const stack = testStack();
    const workforce = Workforce.fromWorkforceArn(stack, 'Workforce', 'arn:aws:sagemaker:eu-west-1:210987654321:workforce/default');

    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], workforce });

    expect(() => testSynth(stack)).toThrow(/workforce: 'Stack\/Workforce' is in aws:\/\/210987654321\/eu-west-1, not in the team's aws:\/\/123456789012\/us-east-1/);
  });

  test('warns about an OIDC team with no workforce in the app', () => {
    const stack = testStack();

    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });

    const annotations = AssertAnnotations.fromStack(stack);
    annotations.hasWarning('/Stack/Team', Match.stringLikeRegexp('the OIDC work team needs an OIDC workforce in aws://123456789012/us-east-1'));
  });

  test('does not warn about an OIDC team whose workforce is defined', () => {
    const stack = testStack();
    new Workforce(stack, 'Workforce', { identity: oidcIdentity() });

    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });

    AssertAnnotations.fromStack(stack).hasNoWarning('/Stack/Team', Match.anyValue());
  });

  test('does not warn about a Cognito team with no workforce in the app', () => {
    const stack = testStack();
    const userPool = new cognito.UserPool(stack, 'Pool');
    const group = new cognito.UserPoolGroup(stack, 'Group', { userPool });

    Workteam.fromCognitoGroup(stack, 'Team', { userPool, userPoolClient: userPool.addClient('Client'), group });

    AssertAnnotations.fromStack(stack).hasNoWarning('/Stack/Team', Match.anyValue());
  });
});
