import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { contentDigest, generateLowerCaseName, generateName } from '../../src/private/names';
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

describe('generateLowerCaseName', () => {
  test('is the lower-case path with its hash, then a digest of the content', () => {
    const stack = testStack(ENV, testApp(), 'Labeling');

    const name = generateLowerCaseName(stack, 'ReviewUi', 'template');

    expect(name).toMatch(/^labeling-reviewui-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(name.endsWith(`-${contentDigest('template')}`)).toBe(true);
    expect(stack.node.tryFindChild('ReviewUi')).toBeUndefined();
  });

  test('without content is the lower-case path with its hash', () => {
    expect(generateLowerCaseName(testStack(ENV, testApp(), 'Labeling'), 'Flow', '')).toMatch(/^labeling-flow-[0-9a-f]{8}$/);
  });

  test('keeps the end of a long path within the maximum length, starting with a letter or digit', () => {
    const stack = testStack(ENV, testApp(), 'Labeling');
    const name = generateLowerCaseName(new Construct(stack, `${'-'.repeat(10)}${'x'.repeat(60)}`), 'Flow', 'content', 40);

    expect(name.length).toBeLessThanOrEqual(40);
    expect(name).toMatch(/^[a-z0-9](-*[a-z0-9])*$/);
    expect(name).toMatch(/-flow-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });
});
