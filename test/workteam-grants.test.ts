import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { testStack } from './util';
import { IWorkteam, Workteam, WorkteamGrants } from '../src';

function setup(importTeam = false) {
  const stack = testStack();
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const team: IWorkteam = importTeam
    ? Workteam.fromWorkteamArn(stack, 'Team', 'arn:aws:sagemaker:eu-west-1:210987654321:workteam/private-crowd/reviewers')
    : Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });
  return { stack, role, team };
}

function statementsOf(stack: Stack) {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const TEAM_ARN = { 'Fn::GetAtt': ['Team8E98563C', 'WorkteamArn'] };

describe('work team grants', () => {
  test('describe allows DescribeWorkteam on this team only', () => {
    const { stack, role, team } = setup();

    team.grants.describe(role);

    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: TEAM_ARN }]);
  });

  test('update allows DescribeWorkteam and UpdateWorkteam on this team only', () => {
    const { stack, role, team } = setup();

    team.grants.update(role);

    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: ['sagemaker:DescribeWorkteam', 'sagemaker:UpdateWorkteam'], Resource: TEAM_ARN }]);
  });

  test('createLabelingJobs allows CreateLabelingJob only for jobs that use this team', () => {
    const { stack, role, team } = setup();

    team.grants.createLabelingJobs(role);

    expect(statementsOf(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sagemaker:CreateLabelingJob',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:labeling-job/*']] },
        Condition: { ArnEquals: { 'sagemaker:WorkteamArn': TEAM_ARN } },
      },
    ]);
  });

  test('createFlowDefinitions allows CreateFlowDefinition only for flow definitions that use this team', () => {
    const { stack, role, team } = setup();

    team.grants.createFlowDefinitions(role);

    expect(statementsOf(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sagemaker:CreateFlowDefinition',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:flow-definition/*']] },
        Condition: { ArnEquals: { 'sagemaker:WorkteamArn': TEAM_ARN } },
      },
    ]);
  });

  test('an imported team grants on its own ARN, account and region', () => {
    const { stack, role, team } = setup(true);

    team.grants.describe(role);
    team.grants.createLabelingJobs(role);

    const arn = 'arn:aws:sagemaker:eu-west-1:210987654321:workteam/private-crowd/reviewers';
    expect(statementsOf(stack)).toEqual([
      { Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: arn },
      {
        Effect: 'Allow',
        Action: 'sagemaker:CreateLabelingJob',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:210987654321:labeling-job/*']] },
        Condition: { ArnEquals: { 'sagemaker:WorkteamArn': arn } },
      },
    ]);
  });

  test('actions grants any actions on this team, and never on every resource', () => {
    const { stack, role, team } = setup();

    const grant = WorkteamGrants.fromWorkteam(team).actions(role, ['sagemaker:ListTags']);

    expect(grant.success).toBe(true);
    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: 'sagemaker:ListTags', Resource: TEAM_ARN }]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Resource: '*' })])) },
    });
  });
});

describe('grants on aws-cdk-lib\'s own work team', () => {
  test('name the CfnWorkteam\'s ARN (its Ref), whichever shape of reference the installed aws-cdk-lib gives', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const team = new CfnWorkteam(stack, 'Team', {
      description: 'team',
      workteamName: 'team',
      memberDefinitions: [{ oidcMemberDefinition: { oidcGroups: ['labelers'] } }],
    });

    WorkteamGrants.fromWorkteam(team).actions(role, ['sagemaker:DescribeWorkteam']);

    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: 'sagemaker:DescribeWorkteam', Resource: { Ref: 'Team' } }]);
  });
});
