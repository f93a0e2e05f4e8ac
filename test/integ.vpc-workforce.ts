// A Cognito private workforce whose worker portal is reached from a VPC, through interface endpoints in two
// isolated subnets behind the security group the workforce creates, and a work team of two user groups whose
// presigned URLs work only from the worker's VPC address. The snapshot in integ.vpc-workforce.ts.snapshot/ is
// verified offline by test/integ-snapshots.test.ts; rewrite it with `npx projen integ:update`.
//
// Deploying it (never done by the test suite) needs an account and region with no private workforce yet: SageMaker
// allows one per account and region, so each integ app here is pinned to its own region.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Workforce, WorkforceIdentity, Workteam, WorkteamMembers } from '../src';

const app = new App();
const stack = new Stack(app, 'SageMakerWorkteamVpcInteg');
Tags.of(stack).add('purpose', 'integ');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'Portal', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
});

const userPool = new cognito.UserPool(stack, 'Workers', {
  selfSignUpEnabled: false,
  signInAliases: { email: true },
  removalPolicy: RemovalPolicy.DESTROY,
});
userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: `integ-vpc-labeling-${stack.account}` } });
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

const workforce = new Workforce(stack, 'Workforce', {
  identity: WorkforceIdentity.cognito(userPool, userPoolClient),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
});

const labelers = new cognito.UserPoolGroup(stack, 'LabelersGroup', { userPool, groupName: 'integ-vpc-labelers' });
const reviewers = new cognito.UserPoolGroup(stack, 'ReviewersGroup', { userPool, groupName: 'integ-vpc-reviewers' });
// No workforce given: the team joins the workforce of its own stack.
const team = new Workteam(stack, 'Team', {
  members: WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, [labelers, reviewers]),
  description: 'Integration test work team of a VPC workforce',
  workerAccess: { restrictS3PresignedUrlsToVpcSourceIp: true },
});

const integ = new IntegTest(app, 'VpcWorkforceTest', {
  testCases: [stack],
  regions: ['us-west-2'],
  // The snapshot holds no staged assets, so it cannot be deployed first to test an update.
  stackUpdateWorkflow: false,
});

// SageMaker creates the portal's VPC endpoints after CloudFormation is done: wait for the workforce to be active.
integ.assertions
  .awsApiCall('SageMaker', 'describeWorkforce', { WorkforceName: workforce.workforceName })
  .expect(
    ExpectedResult.objectLike({
      Workforce: {
        Status: 'Active',
        WorkforceVpcConfig: {
          VpcId: vpc.vpcId,
          SecurityGroupIds: workforce.connections.securityGroups.map((securityGroup) => securityGroup.securityGroupId),
        },
      },
    }),
  )
  .waitForAssertions({ totalTimeout: Duration.minutes(30), interval: Duration.minutes(1) });

integ.assertions
  .awsApiCall('SageMaker', 'describeWorkteam', { WorkteamName: team.workteamName })
  .expect(
    ExpectedResult.objectLike({
      Workteam: {
        WorkforceArn: workforce.workforceArn,
        WorkerAccessConfiguration: {
          S3Presign: { IamPolicyConstraints: { VpcSourceIp: 'Enabled' } },
        },
      },
    }),
  );

app.synth();
