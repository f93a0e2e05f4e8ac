import { Fn, Lazy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Workteam } from '../../src';
import { certainlyDifferent, certainlySame } from '../../src/private/same-value';
import { workteamArnAttribute } from '../../src/private/workteam-reference';
import { testStack } from '../util';

describe('certainlyDifferent', () => {
  const stack = testStack();
  const one = new sns.Topic(stack, 'One').topicArn;
  const two = new sns.Topic(stack, 'Two').topicArn;

  test('two different literals are different', () => {
    expect(certainlyDifferent('a', 'b')).toBe(true);
  });

  test('a value is not different from itself, literal or token', () => {
    expect(certainlyDifferent('a', 'a')).toBe(false);
    expect(certainlyDifferent(one, one)).toBe(false);
  });

  test('references to two different resources are different', () => {
    expect(certainlyDifferent(one, two)).toBe(true);
  });

  test('a literal and a token may be equal at deployment, either way round', () => {
    expect(certainlyDifferent('a', one)).toBe(false);
    expect(certainlyDifferent(one, 'a')).toBe(false);
  });

  test('a string mixing tokens and text is not judged', () => {
    expect(certainlyDifferent(`${one}-suffix`, two)).toBe(false);
    expect(certainlyDifferent(Fn.join('-', [one, two]), two)).toBe(false);
  });
});

describe('certainlyDifferent of tokens that are not references', () => {
  const stack = testStack();
  const topic = new sns.Topic(stack, 'Topic').topicArn;
  const lazy = Lazy.string({ produce: () => 'x' });

  test('a reference and a token that refers to no resource may be equal at deployment', () => {
    expect(certainlyDifferent(topic, lazy)).toBe(false);
    expect(certainlyDifferent(lazy, topic)).toBe(false);
  });

  test('two tokens of one resource are not judged different', () => {
    const cfnTopic = stack.node.findChild('Topic').node.defaultChild as sns.CfnTopic;
    expect(certainlyDifferent(cfnTopic.ref, cfnTopic.attrTopicName)).toBe(false);
  });
});

describe('certainlySame', () => {
  const stack = testStack();
  const pool = new cognito.UserPool(stack, 'Pool');
  const other = new cognito.UserPool(stack, 'Other');

  test('equal literals are the same, different literals are not', () => {
    expect(certainlySame('a', 'a')).toBe(true);
    expect(certainlySame('a', 'b')).toBe(false);
  });

  test('the same attribute of one resource is the same, however each token was made', () => {
    // A work team's ARN is a token of its own that still refers to the team's ARN attribute.
    const team = Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });
    const cfnTeam = team.node.defaultChild as CfnWorkteam;
    expect(team.workteamArn).not.toBe(workteamArnAttribute(cfnTeam));
    expect(certainlySame(team.workteamArn, workteamArnAttribute(cfnTeam))).toBe(true);
    expect(certainlySame(team.workteamArn, cfnTeam.attrWorkteamName)).toBe(false);
  });

  test('two attributes of one resource are not the same', () => {
    expect(certainlySame(pool.userPoolId, pool.userPoolArn)).toBe(false);
  });

  test('the same attribute of two resources is not the same', () => {
    expect(certainlySame(pool.userPoolId, other.userPoolId)).toBe(false);
  });

  test('a literal and a reference are not certainly the same, either way round', () => {
    expect(certainlySame('us-east-1_abc', pool.userPoolId)).toBe(false);
    expect(certainlySame(pool.userPoolId, 'us-east-1_abc')).toBe(false);
  });

  test('two tokens that refer to no resource are not certainly the same', () => {
    expect(certainlySame(Lazy.string({ produce: () => 'x' }), Lazy.string({ produce: () => 'x' }))).toBe(false);
  });

  test('a string mixing a reference and text is not the same as the reference', () => {
    expect(certainlySame(`${pool.userPoolId}-suffix`, pool.userPoolId)).toBe(false);
    expect(certainlySame(pool.userPoolId, `${pool.userPoolId}-suffix`)).toBe(false);
  });
});
