import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { WorkerAccessConfiguration, Workforce, WorkforceIdentity, Workteam } from '../../src';
import { OIDC_PROPS, testStack } from '../util';

function teamWith(workerAccess: WorkerAccessConfiguration | undefined, description = 'Labels images', stack: Stack = testStack()) {
  Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], description, workerAccess });
  return Template.fromStack(stack);
}

function callOf(template: Template, phase: 'Create' | 'Update' | 'Delete') {
  const resource = Object.values(template.findResources('Custom::SageMakerWorkteamWorkerAccess'))[0];
  const call = resource.Properties[phase];
  // Intrinsics inside the JSON text of the call are shown as their own JSON text.
  const text = typeof call === 'string' ? call : call['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : JSON.stringify(JSON.stringify(part)).slice(1, -1))).join('');
  return JSON.parse(text);
}

describe('worker access limits', () => {
  test('run in a function whose role only Lambda assumes, logging for a year, with the SDK of the runtime', () => {
    const template = teamWith({ restrictS3PresignedUrlsToSourceIp: true });

    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      Description: 'Applies the worker access configuration of SageMaker work teams (UpdateWorkteam)',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('Custom::SageMakerWorkteamWorkerAccess', { InstallLatestAwsSdk: false });
  });

  test('of two teams in one stack share one function, role and log group', () => {
    const stack = testStack();
    Workteam.fromOidcGroups(stack, 'First', { groups: ['a'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });
    Workteam.fromOidcGroups(stack, 'Second', { groups: ['b'], workerAccess: { restrictS3PresignedUrlsToSourceIp: true } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::SageMakerWorkteamWorkerAccess', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('are applied with UpdateWorkteam after the team is created, and on every update', () => {
    const template = teamWith({ restrictS3PresignedUrlsToSourceIp: true });

    for (const phase of ['Create', 'Update'] as const) {
      const call = callOf(template, phase);
      expect(call.service).toBe('SageMaker');
      expect(call.action).toBe('UpdateWorkteam');
      expect(call.parameters.WorkerAccessConfiguration).toEqual({ S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } });
      expect(call.parameters.WorkteamName).toEqual('{"Fn::GetAtt":["Team8E98563C","WorkteamName"]}');
    }
  });

  test('enable the VPC source IP condition', () => {
    const call = callOf(teamWith({ restrictS3PresignedUrlsToVpcSourceIp: true }), 'Create');

    expect(call.parameters.WorkerAccessConfiguration.S3Presign.IamPolicyConstraints).toEqual({ VpcSourceIp: 'Enabled' });
  });

  test.each([
    [{ restrictS3PresignedUrlsToSourceIp: false }, { SourceIp: 'Disabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: true, restrictS3PresignedUrlsToVpcSourceIp: false }, { SourceIp: 'Enabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: false, restrictS3PresignedUrlsToVpcSourceIp: true }, { VpcSourceIp: 'Enabled' }],
    [{ restrictS3PresignedUrlsToSourceIp: false, restrictS3PresignedUrlsToVpcSourceIp: false }, { SourceIp: 'Disabled', VpcSourceIp: 'Disabled' }],
    [{}, {}],
  ])('send only the settings given: %j sends %j', (workerAccess, constraints) => {
    const call = callOf(teamWith(workerAccess), 'Create');

    expect(call.parameters.WorkerAccessConfiguration.S3Presign.IamPolicyConstraints).toEqual(constraints);
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

  test('are turned off when the setting is removed', () => {
    const call = callOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }), 'Delete');

    expect(call.parameters.WorkerAccessConfiguration.S3Presign.IamPolicyConstraints).toEqual({ SourceIp: 'Disabled' });
    expect(call.ignoreErrorCodesMatching).toBe('ResourceNotFound|ValidationException');
  });

  test('may call UpdateWorkteam on each team of the stack that sets them, through one policy per team on the shared role', () => {
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

  test('are applied again when the team changes', () => {
    const digestOf = (template: Template) =>
      Object.values(template.findResources('Custom::SageMakerWorkteamWorkerAccess'))[0].Properties.WorkteamDigest;

    const before = digestOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels images'));
    const same = digestOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels images'));
    const after = digestOf(teamWith({ restrictS3PresignedUrlsToSourceIp: true }, 'Labels product images'));

    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(same).toBe(before);
    expect(after).not.toBe(before);
  });

  test('add nothing when not set', () => {
    const template = teamWith(undefined);

    template.resourceCountIs('Custom::SageMakerWorkteamWorkerAccess', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });
});
