import { Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { WorkerAccessConfiguration, Workforce, WorkforceIdentity, Workteam } from '../../src';
import { OIDC_PROPS, resolvedAtDeployment, testStack } from '../util';

function teamWith(workerAccess: WorkerAccessConfiguration | undefined, description = 'Labels images', stack: Stack = testStack()) {
  Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], description, workerAccess });
  return Template.fromStack(stack);
}

function propertiesOf(template: Template): Record<string, any> {
  return Object.values(template.findResources('Custom::SageMakerWorkteamWorkerAccess'))[0].Properties;
}

describe('worker access limits', () => {
  test("are served by the stack's provider, with the other custom resources of the library", () => {
    const stack = testStack();
    Workteam.fromOidcGroups(stack, 'First', { groups: ['a'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });
    Workteam.fromOidcGroups(stack, 'Second', { groups: ['b'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::SageMakerWorkteamWorkerAccess', 2);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('AWS::IAM::Role', 2);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('Custom::SageMakerWorkteamWorkerAccess', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SageMakerWorkteamProviderframeworkonEvent'), 'Arn'] },
    });
  });

  test("name the team and the conditions to set, and carry the team's own CloudFormation properties", () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], description: 'Labels images', notificationTopic: topic, tags: { team: 'a' }, workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });
    Tags.of(stack).add('cost-center', '42');

    const template = Template.fromStack(stack);
    const team = Object.values(template.findResources('AWS::SageMaker::Workteam'))[0].Properties;
    expect(propertiesOf(template)).toEqual({
      ServiceToken: expect.anything(),
      WorkteamName: { 'Fn::GetAtt': ['Team8E98563C', 'WorkteamName'] },
      IamPolicyConstraints: { SourceIp: 'Enabled' },
      Workteam: team,
    });
    expect(team.Tags).toEqual(expect.arrayContaining([{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'a' }]));
  });

  test('enable the VPC source IP condition', () => {
    expect(propertiesOf(teamWith({ restrictS3PresignedUrlsToVpcSourceIp: true })).IamPolicyConstraints).toEqual({ VpcSourceIp: 'Enabled' });
  });

  test.each([
    [{ restrictS3PresignedUrlsToSourceIp: false }, { SourceIp: 'Disabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: true, restrictS3PresignedUrlsToVpcSourceIp: false }, { SourceIp: 'Enabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: false, restrictS3PresignedUrlsToVpcSourceIp: true }, { VpcSourceIp: 'Enabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: false, restrictS3PresignedUrlsToVpcSourceIp: false }, { SourceIp: 'Disabled', VpcSourceIp: 'Disabled' }],
    [{}, {}],
  ])('send only the settings given: %j sends %j', (workerAccess, constraints) => {
    expect(propertiesOf(teamWith(workerAccess)).IamPolicyConstraints).toEqual(constraints);
  });

  test('fails when both the source IP and the VPC source IP conditions are asked for', () => {
    expect(() => teamWith({ restrictS3PresignedUrlsToSourceIp: true, restrictS3PresignedUrlsToVpcSourceIp: true })).toThrow(
      /workerAccess: restrictS3PresignedUrlsToSourceIp and restrictS3PresignedUrlsToVpcSourceIp cannot both be true: SageMaker takes either the SourceIp or the VpcSourceIp condition/,
    );
  });

  test('fails restrictS3PresignedUrlsToVpcSourceIp for a team whose workforce, a Workforce of the app, has no VPC', () => {
    const stack = testStack();
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], workforce, workerAccess: { restrictS3PresignedUrlsToVpcSourceIp: true } });

    expect(() => Template.fromStack(stack)).toThrow(
      /workerAccess: restrictS3PresignedUrlsToVpcSourceIp needs a workforce in a VPC, and the team's workforce 'Stack\/Workforce' has no vpc/,
    );
  });

  test("fails restrictS3PresignedUrlsToVpcSourceIp also for the app's workforce of the team's region, defined after the team", () => {
    const stack = testStack();
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], workerAccess: { restrictS3PresignedUrlsToVpcSourceIp: true } });
    new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    expect(() => Template.fromStack(stack)).toThrow(/restrictS3PresignedUrlsToVpcSourceIp needs a workforce in a VPC, and the team's workforce '.*Workforce' has no vpc/);
  });

  test('takes restrictS3PresignedUrlsToVpcSourceIp for a VPC workforce of the app, and for an imported workforce', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS), vpc });
    Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], workforce, workerAccess: { restrictS3PresignedUrlsToVpcSourceIp: true } });
    const other = testStack();
    Workteam.fromOidcGroups(other, 'Team', {
      groups: ['labelers'],
      workforce: Workforce.fromWorkforceName(other, 'Workforce', 'workers'),
      workerAccess: { restrictS3PresignedUrlsToVpcSourceIp: true },
    });

    expect(() => Template.fromStack(stack)).not.toThrow();
    expect(() => Template.fromStack(other)).not.toThrow();
  });

  test("may call UpdateWorkteam on each team of the stack that sets them, through one policy per team on the provider's handler role", () => {
    const stack = testStack();
    Workteam.fromOidcGroups(stack, 'First', { groups: ['a'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });
    Workteam.fromOidcGroups(stack, 'Second', { groups: ['b'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });
    Workteam.fromOidcGroups(stack, 'Third', { groups: ['c'] });

    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      policy.Properties.PolicyDocument.Statement.some((statement: { Action: unknown }) => statement.Action === 'sagemaker:UpdateWorkteam'),
    );
    expect(policies.map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      [{ Effect: 'Allow', Action: 'sagemaker:UpdateWorkteam', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^First/), 'WorkteamArn'] } }],
      [{ Effect: 'Allow', Action: 'sagemaker:UpdateWorkteam', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Second/), 'WorkteamArn'] } }],
    ]);
    const roles = new Set(policies.flatMap((policy) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref)));
    expect(roles.size).toBe(1);
  });

  test("change with every change of the team's properties, tags added later included", () => {
    const before = propertiesOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels images'));
    const same = propertiesOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels images'));
    const after = propertiesOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels product images'));
    const tagged = testStack();
    Tags.of(tagged).add('owner', 'ml');

    expect(same).toEqual(before);
    expect(after.Workteam.Description).toBe('Labels product images');
    expect(propertiesOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels images', tagged)).Workteam.Tags).toEqual([{ Key: 'owner', Value: 'ml' }]);
  });

  test("change at deployment when the team's user group is replaced under a new name", () => {
    const withGroup = (groupName: string) => {
      const stack = testStack();
      const userPool = new cognito.UserPool(stack, 'Pool');
      const client = userPool.addClient('Client');
      const group = new cognito.CfnUserPoolGroup(stack, 'Group', { userPoolId: userPool.userPoolId, groupName });
      Workteam.fromCognitoGroup(stack, 'Team', {
        userPool,
        userPoolClient: client,
        group: cognito.UserPoolGroup.fromGroupName(stack, 'Imported', group.ref),
        workforce: Workforce.fromWorkforceName(stack, 'Workforce', 'default'),
        workerAccess: { restrictS3PresignedUrlsToSourceIp: true },
      });
      const template = Template.fromStack(stack).toJSON();
      const groupId = Object.entries<any>(template.Resources).find(([, resource]) => resource.Type === 'AWS::Cognito::UserPoolGroup')![0];
      const access = Object.values<any>(template.Resources).find((resource) => resource.Type === 'Custom::SageMakerWorkteamWorkerAccess');
      // The Ref of a user group is its name, which CloudFormation replaces the group to change.
      return { synthesized: access.Properties.Workteam, deployed: resolvedAtDeployment(access.Properties.Workteam, { [groupId]: groupName }) as any };
    };

    const before = withGroup('labelers');
    const after = withGroup('labelers-v2');

    expect(after.synthesized).toEqual(before.synthesized);
    expect(before.deployed.MemberDefinitions[0].CognitoMemberDefinition.CognitoUserGroup).toBe('labelers');
    expect(after.deployed.MemberDefinitions[0].CognitoMemberDefinition.CognitoUserGroup).toBe('labelers-v2');
  });

  test('add nothing when not set', () => {
    const template = teamWith(undefined);

    template.resourceCountIs('Custom::SageMakerWorkteamWorkerAccess', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });
});
