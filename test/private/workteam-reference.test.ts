import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { workteamArnAttribute, workteamArnOf, workteamReference } from '../../src/private/workteam-reference';
import { testStack } from '../util';

/** An aws-cdk-lib L1 work team's props (memberDefinitions is required from 2.27x on). */
const L1_PROPS = { description: 'team', workteamName: 'team', memberDefinitions: [{ oidcMemberDefinition: { oidcGroups: ['labelers'] } }] };
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/labelers';

/** A work team reference as a library compiled against some aws-cdk-lib gives it: the type is the installed one's. */
function referenceOf(scope: Construct, fields: Record<string, string>): sagemakerRefs.IWorkteamRef {
  const construct = new Construct(scope, 'Ref');
  return Object.assign(construct, {
    env: { account: '123456789012', region: 'us-east-1' },
    workteamRef: fields as unknown as sagemakerRefs.WorkteamReference,
  });
}

describe('workteamArnAttribute', () => {
  test('is the Fn::GetAtt of the team\'s WorkteamArn', () => {
    const stack = testStack();
    const team = new CfnWorkteam(stack, 'Team', L1_PROPS);

    expect(stack.resolve(workteamArnAttribute(team))).toEqual({ 'Fn::GetAtt': ['Team', 'WorkteamArn'] });
  });

  test('is what aws-cdk-lib\'s attrWorkteamArn gives, where the installed release has it (2.273.0 and later)', () => {
    const stack = testStack();
    const team = new CfnWorkteam(stack, 'Team', L1_PROPS);
    const ownAttribute: unknown = (team as unknown as Record<string, unknown>).attrWorkteamArn;

    if (ownAttribute !== undefined) {
      expect(stack.resolve(workteamArnAttribute(team))).toEqual(stack.resolve(ownAttribute));
    } else {
      expect('attrWorkteamArn' in team).toBe(false);
    }
  });
});

describe('workteamReference', () => {
  test('holds the ARN under both names and the name', () => {
    expect({ ...workteamReference(ARN, 'labelers') }).toEqual({ workteamArn: ARN, workteamId: ARN, workteamName: 'labelers' });
  });
});

describe('workteamArnOf', () => {
  test('reads workteamArn from a reference of aws-cdk-lib 2.273.0 and later', () => {
    expect(workteamArnOf(referenceOf(testStack(), { workteamArn: ARN }))).toBe(ARN);
  });

  test('reads workteamId, the team\'s Ref, from a reference of aws-cdk-lib 2.271.0', () => {
    expect(workteamArnOf(referenceOf(testStack(), { workteamId: ARN, workteamName: 'labelers' }))).toBe(ARN);
  });

  test('prefers workteamArn where a reference has both', () => {
    expect(workteamArnOf(referenceOf(testStack(), { workteamArn: ARN, workteamId: 'other', workteamName: 'labelers' }))).toBe(ARN);
  });

  test('reads the installed aws-cdk-lib\'s own CfnWorkteam as the team\'s Ref, its ARN', () => {
    const stack = testStack();
    const team = new CfnWorkteam(stack, 'Team', L1_PROPS);

    expect(stack.resolve(workteamArnOf(team))).toEqual({ Ref: 'Team' });
  });
});
