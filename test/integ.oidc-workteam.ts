// An OIDC private workforce reachable only from two networks (IPv4 and IPv6, so over both), whose client secret
// stays in Secrets Manager, and two work teams of OIDC groups: one given the workforce, one given none, which joins
// the workforce of its own stack. The snapshot in integ.oidc-workteam.ts.snapshot/ is
// verified offline by test/integ-snapshots.test.ts; rewrite it with `npx projen integ:update`.
//
// Deploying it (never done by the test suite) needs an account and region with no private workforce yet (one per
// account and region, so each integ app here is pinned to its own region) and an OIDC identity provider at the
// endpoints below that sends the sagemaker:groups claim.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Workforce, WorkforceIdentity, WorkforceIpAddressType, Workteam } from '../src';

const app = new App();
const stack = new Stack(app, 'SageMakerWorkteamOidcInteg');

// CloudFormation takes only letters, digits, '_' and '+' in the client secret.
const clientSecret = new secretsmanager.Secret(stack, 'OidcClientSecret', {
  description: 'Client secret of the SageMaker workforce at the OIDC identity provider (integration test)',
  generateSecretString: { excludePunctuation: true, includeSpace: false, passwordLength: 48 },
  removalPolicy: RemovalPolicy.DESTROY,
});

const workforce = new Workforce(stack, 'Workforce', {
  identity: WorkforceIdentity.oidc({
    clientId: 'sagemaker_integ_portal',
    clientSecret: SecretValue.secretsManager(clientSecret.secretArn),
    issuer: 'https://idp.example.com',
    authorizationEndpoint: 'https://idp.example.com/authorize',
    tokenEndpoint: 'https://idp.example.com/token',
    userInfoEndpoint: 'https://idp.example.com/userinfo',
    logoutEndpoint: 'https://idp.example.com/logout',
    jwksUri: 'https://idp.example.com/jwks',
    scope: 'openid profile groups',
    authenticationRequestExtraParams: { prompt: 'login' },
  }),
  allowedSourceIps: ['203.0.113.0/24', '2001:db8::/32'],
  ipAddressType: WorkforceIpAddressType.DUAL_STACK,
  tags: { purpose: 'integ' },
});

const reviewers = Workteam.fromOidcGroups(stack, 'Reviewers', {
  groups: ['reviewers', 'senior-reviewers'],
  workforce,
  description: 'Integration test work team of OIDC groups',
});
// No workforce given: the team joins the workforce of its own stack.
const auditors = Workteam.fromOidcGroups(stack, 'Auditors', { groups: ['auditors'] });

const integ = new IntegTest(app, 'OidcWorkteamTest', {
  testCases: [stack],
  regions: ['us-east-2'],
  // The snapshot holds no staged assets, so it cannot be deployed first to test an update.
  stackUpdateWorkflow: false,
});

const describeWorkforce = integ.assertions.awsApiCall('SageMaker', 'describeWorkforce', { WorkforceName: workforce.workforceName });
// The assertions name the workforce and teams by their names (literals outside their stack, no export): nothing
// else orders the assertion stack after the test stack.
Stack.of(describeWorkforce).addStackDependency(stack, 'the assertions read what the test stack deploys');
describeWorkforce
  .expect(
    ExpectedResult.objectLike({
      Workforce: {
        SourceIpConfig: { Cidrs: ['203.0.113.0/24', '2001:db8::/32'] },
        OidcConfig: { ClientId: 'sagemaker_integ_portal', Issuer: 'https://idp.example.com' },
        IpAddressType: 'dualstack',
      },
    }),
  );

for (const [team, groups] of [[reviewers, ['reviewers', 'senior-reviewers']], [auditors, ['auditors']]] as const) {
  integ.assertions
    .awsApiCall('SageMaker', 'describeWorkteam', { WorkteamName: team.workteamName })
    .expect(
      ExpectedResult.objectLike({
        Workteam: {
          WorkforceArn: workforce.workforceArn,
          MemberDefinitions: [{ OidcMemberDefinition: { Groups: groups } }],
        },
      }),
    );
}

app.synth();
