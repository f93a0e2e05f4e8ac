import { Template } from 'aws-cdk-lib/assertions';
import { testApp } from './util';
import { LabelingTeamStack } from '../examples/labeling-team-stack';

describe('example app', () => {
  test('synthesizes a work team of the Cognito group, notified through the topic', () => {
    // GIVEN / WHEN
    const app = testApp();
    const stack = new LabelingTeamStack(app, 'Example');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'labelers' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: true });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SageMaker::Workteam', {
      WorkteamName: 'Example-ImageLabelers-37047A2C',
      MemberDefinitions: [
        {
          CognitoMemberDefinition: {
            CognitoUserPool: { Ref: stack.resolve(stack.userPool.userPoolId).Ref },
            CognitoClientId: { Ref: stack.resolve(stack.userPoolClient.userPoolClientId).Ref },
            CognitoUserGroup: { Ref: stack.resolve(stack.labelers.groupName).Ref },
          },
        },
      ],
      NotificationConfiguration: { NotificationTopicArn: { Ref: stack.resolve(stack.notificationTopic.topicArn).Ref } },
    });
  });
});
