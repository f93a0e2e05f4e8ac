import { Fn } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { certainlyDifferent, certainlySame } from '../../src/private/same-value';
import { testStack } from '../util';

describe('certainlySame', () => {
  const stack = testStack();
  const topic = new sns.Topic(stack, 'Topic');
  const cfnTopic = topic.node.defaultChild as sns.CfnTopic;

  test('equal strings are the same', () => {
    expect(certainlySame('a', 'a')).toBe(true);
    expect(certainlySame(topic.topicArn, topic.topicArn)).toBe(true);
  });

  test('two tokens of the same attribute of one resource are the same, however each was made', () => {
    expect(certainlySame(topic.topicArn, cfnTopic.ref)).toBe(true);
  });

  test('another attribute of the same resource, another resource, a literal against a token are not certainly the same', () => {
    expect(certainlySame(cfnTopic.attrTopicName, cfnTopic.ref)).toBe(false);
    expect(certainlySame(topic.topicArn, new sns.Topic(stack, 'Other').topicArn)).toBe(false);
    expect(certainlySame('arn:aws:sns:us-east-1:123456789012:x', topic.topicArn)).toBe(false);
    expect(certainlySame(Fn.join('', [topic.topicArn, '-x']), topic.topicArn)).toBe(false);
  });
});

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

  test('a literal and a token may be equal at deployment', () => {
    expect(certainlyDifferent('a', one)).toBe(false);
  });

  test('a string mixing tokens and text is not judged', () => {
    expect(certainlyDifferent(`${one}-suffix`, two)).toBe(false);
    expect(certainlyDifferent(Fn.join('-', [one, two]), two)).toBe(false);
  });
});
