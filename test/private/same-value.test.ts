import { Fn, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { certainlyDifferent } from '../../src/private/same-value';

describe('certainlyDifferent', () => {
  const stack = new Stack();
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
