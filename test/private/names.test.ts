import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { generateName } from '../../src/private/names';
import { ENV, testApp, testStack } from '../util';

describe('generateName', () => {
  test('is the path with a hash, and leaves no construct behind', () => {
    const stack = testStack(ENV, testApp(), 'Labeling');

    expect(generateName(stack, 'Team')).toMatch(/^Labeling-Team-[0-9A-F]{8}$/);
    expect(stack.node.tryFindChild('Team')).toBeUndefined();
  });

  test('starts with a letter or digit even when construct ids start with hyphens', () => {
    const stack = new Stack(testApp(), '--Labeling', { env: ENV, stackName: 'Labeling' });

    const name = generateName(new Construct(stack, '-Teams'), 'Team');

    expect(name).toMatch(/^Labeling-+Teams-Team-[0-9A-F]{8}$/);
  });
});
