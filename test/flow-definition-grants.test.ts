import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { testStack } from './util';
import { FlowDefinition, FlowDefinitionGrants } from '../src';

const FLOW_ARN = 'arn:aws:sagemaker:eu-west-1:210987654321:flow-definition/review';

function setup() {
  const stack = testStack();
  const flow = FlowDefinition.fromFlowDefinitionArn(stack, 'Flow', FLOW_ARN);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { stack, grants: FlowDefinitionGrants.fromFlowDefinition(flow), role };
}

function statementsOf(stack: ReturnType<typeof testStack>) {
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('FlowDefinitionGrants', () => {
  test('describe allows DescribeFlowDefinition on this flow definition only', () => {
    const { stack, grants, role } = setup();

    grants.describe(role);

    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: 'sagemaker:DescribeFlowDefinition', Resource: FLOW_ARN }]);
  });

  test('startHumanLoop allows StartHumanLoop on this flow definition only', () => {
    const { stack, grants, role } = setup();

    grants.startHumanLoop(role);

    expect(statementsOf(stack)).toEqual([{ Effect: 'Allow', Action: 'sagemaker:StartHumanLoop', Resource: FLOW_ARN }]);
  });

  test('runHumanLoops allows the human loop actions in the flow definition\'s own account and region', () => {
    const { stack, grants, role } = setup();

    grants.runHumanLoops(role);

    expect(statementsOf(stack)).toEqual([
      { Effect: 'Allow', Action: ['sagemaker:StartHumanLoop', 'sagemaker:DescribeFlowDefinition'], Resource: FLOW_ARN },
      {
        Effect: 'Allow',
        Action: ['sagemaker:DescribeHumanLoop', 'sagemaker:StopHumanLoop', 'sagemaker:DeleteHumanLoop'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:210987654321:human-loop/*']] },
      },
    ]);
  });
});
