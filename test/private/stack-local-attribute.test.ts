import { Aws, CfnOutput, CfnParameter, Reference, Resource, Stack, Tokenization } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnWorkforce, CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Workforce, WorkforceIdentity, Workteam } from '../../src';
import { stackLocalAttribute } from '../../src/private/stack-local-attribute';
import { ENV, OIDC_PROPS, testApp } from '../util';

describe('stack-local attributes', () => {
  test("still refer to their resource, for code that asks which resource a value refers to (such as an app's aspects)", () => {
    const stack = new Stack(testApp(), 'Stack', { env: ENV });
    const team = Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'] });
    const workforce = new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc(OIDC_PROPS) });

    const attributes = [
      [team.workteamArn, team.node.defaultChild],
      [team.workteamName, team.node.defaultChild],
      [workforce.workforceArn, workforce.node.defaultChild],
    ] as const;
    for (const [value, resource] of attributes) {
      const reference = Tokenization.reverse(value);
      expect(Reference.isReference(reference)).toBe(true);
      expect((reference as Reference).target).toBe(resource);
    }
    expect(team.node.defaultChild).toBeInstanceOf(CfnWorkteam);
    expect(workforce.node.defaultChild).toBeInstanceOf(CfnWorkforce);
  });

  test("of a workforce whose name is a token are aws-cdk-lib's own in another stack: an export", () => {
    const app = testApp();
    const platform = new Stack(app, 'Platform', { env: ENV });
    const workforce = new Workforce(platform, 'Workforce', {
      identity: WorkforceIdentity.oidc(OIDC_PROPS),
      workforceName: new CfnParameter(platform, 'WorkforceName').valueAsString,
    });
    const teams = new Stack(app, 'Teams', { env: ENV });
    new sns.Topic(teams, 'Own');
    new CfnOutput(teams, 'Arn', { value: workforce.workforceArn });
    new CfnOutput(teams, 'Name', { value: workforce.workforceName });

    const outputs = Template.fromStack(teams).toJSON().Outputs;
    expect(outputs.Arn.Value).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Platform:ExportsOutputFnGetAttWorkforce/) });
    expect(outputs.Name.Value).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', outputs.Arn.Value] }] });
  });

  test('of an attribute that is no reference, such as a text made of tokens, are that text in their stack and the outside value elsewhere', () => {
    const app = testApp();
    const owner = new Stack(app, 'Owner', { env: ENV });
    const resource = new (class extends Resource {})(owner, 'Resource');
    const topic = new sns.Topic(owner, 'Topic');
    const other = new Stack(app, 'Other', { env: ENV });

    const attribute = `${topic.topicName}/${Aws.ACCOUNT_ID}`;
    const value = stackLocalAttribute(resource, 'physical', attribute, () => 'built-from-name', () => 'token-name');

    expect(Reference.isReference(Tokenization.reverse(value))).toBe(false);
    expect(owner.resolve(value)).toEqual(owner.resolve(attribute));
    expect(other.resolve(value)).toBe('built-from-name');
  });
});
