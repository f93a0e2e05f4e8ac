import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LabelingTeamStack } from '../examples/labeling-team-stack';

describe('example app', () => {
  test('synthesizes a user pool, a group, an app client with a secret and a topic', () => {
    // GIVEN / WHEN
    const app = new App({ outdir: `${__dirname}/../cdk.out/test-example-app` });
    const stack = new LabelingTeamStack(app, 'Example');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'labelers' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: true });
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });
});
