import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Workteam } from '../../src';
import { ENV, testApp, testStack } from '../util';

function team(stack: Stack, notificationTopic: sns.ITopic, workteamName = 'labelers') {
  return Workteam.fromOidcGroups(stack, 'Team', { groups: ['labelers'], notificationTopic, workteamName });
}


describe('the notification topic', () => {
  test('lets SageMaker publish, from the team account and for this team only', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');

    team(stack, topic);

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: 'TopicBFC7AF6E' }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'SageMakerNotificationsStackTeam07215EAE',
            Effect: 'Allow',
            Principal: { Service: 'sagemaker.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: 'TopicBFC7AF6E' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/private-crowd/labelers']] } },
            },
          },
        ],
      },
    });
  });

  test('shared by two teams, gets one statement for each, with distinct Sids', () => {
    const stack = testStack();
    const masterKey = new kms.Key(stack, 'Key');
    const topic = new sns.Topic(stack, 'Topic', { masterKey });
    Workteam.fromOidcGroups(stack, 'Labelers', { groups: ['labelers'], notificationTopic: topic, workteamName: 'labelers' });
    Workteam.fromOidcGroups(stack, 'Reviewers', { groups: ['reviewers'], notificationTopic: topic, workteamName: 'reviewers' });

    const template = Template.fromStack(stack);
    const sidsOf = (statements: { Sid?: string }[]) => statements.map((statement) => statement.Sid).filter((sid) => sid?.startsWith('SageMaker'));
    const topicStatements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;
    const keyStatements = Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement;
    expect(sidsOf(topicStatements)).toEqual(['SageMakerNotificationsStackLabelersCECDA259', 'SageMakerNotificationsStackReviewers17DF9780']);
    expect(sidsOf(keyStatements)).toEqual(sidsOf(topicStatements));
  });

  test('exists before the team, which SageMaker subscribes the workers of when it creates it', () => {
    const stack = testStack();
    team(stack, new sns.Topic(stack, 'Topic'));

    Template.fromStack(stack).hasResource('AWS::SageMaker::Workteam', {
      DependsOn: Match.arrayWith(['TopicPolicyA1747468']),
    });
  });

  test('in an environment-agnostic stack, conditions on the deploying account', () => {
    const stack = new Stack(testApp(), 'Stack');
    team(stack, new sns.Topic(stack, 'Topic'));

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) })],
      },
    });
  });

  test('with a team name known only at deployment, allows the account\'s work teams', () => {
    const stack = testStack();
    team(stack, new sns.Topic(stack, 'Topic'), new CfnParameter(stack, 'Name').valueAsString);

    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/*']] } } }) })],
      },
    });
  });

  test('encrypted with a KMS key, lets SageMaker use the key on the same conditions', () => {
    const stack = testStack();
    const masterKey = new kms.Key(stack, 'Key');
    team(stack, new sns.Topic(stack, 'Topic', { masterKey }));

    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'SageMakerNotificationsStackTeam07215EAE',
            Effect: 'Allow',
            Principal: { Service: 'sagemaker.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:workteam/private-crowd/labelers']] } },
            },
          },
        ]),
      },
    });
  });

  test('imported, warns with the statement its owner must add', () => {
    const stack = testStack();
    team(stack, sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:tasks'));

    Template.fromStack(stack).resourceCountIs('AWS::SNS::TopicPolicy', 0);
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Team',
      Match.stringLikeRegexp("the policy of the imported topic 'Stack/Topic' cannot be changed by this app; its owner must add .*\"Action\":\"sns:Publish\".*\"aws:SourceAccount\":\"123456789012\""),
    );
  });

  test('imported with an imported key, warns with the key statement too', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicAttributes(stack, 'Topic', {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:tasks',
      keyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });

    team(stack, topic);

    Annotations.fromStack(stack).hasWarning('/Stack/Team', Match.stringLikeRegexp('the policy of the KMS key of the topic .*kms:GenerateDataKey'));
  });

  test('of this app, with its KMS key, raises no warning', () => {
    const stack = testStack();
    const masterKey = new kms.Key(stack, 'Key');

    team(stack, new sns.Topic(stack, 'Topic', { masterKey }));

    Annotations.fromStack(stack).hasNoWarning('/Stack/Team', Match.stringLikeRegexp('topic'));
  });

  test('warnings can be acknowledged by their ids', () => {
    const imported = testStack();
    team(imported, sns.Topic.fromTopicAttributes(imported, 'Topic', {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:tasks',
      keyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    }));
    const otherAccount = testStack();
    team(otherAccount, sns.Topic.fromTopicArn(otherAccount, 'Topic', 'arn:aws:sns:us-east-1:210987654321:tasks'));

    for (const id of ['notificationTopicPolicy', 'notificationTopicKey']) {
      Annotations.fromStack(imported).hasWarning('/Stack/Team', Match.stringLikeRegexp(`\\[ack: cdk-sagemaker-workteam:${id}\\]$`));
    }
    Annotations.fromStack(otherAccount).hasWarning('/Stack/Team', Match.stringLikeRegexp('\\[ack: cdk-sagemaker-workteam:notificationTopicOtherAccount\\]$'));
  });

  test('in another account with a KMS key, warns with both statements', () => {
    const stack = testStack();
    team(stack, sns.Topic.fromTopicAttributes(stack, 'Topic', {
      topicArn: 'arn:aws:sns:us-east-1:210987654321:tasks',
      keyArn: 'arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    }));

    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Team', Match.stringLikeRegexp('is in account 210987654321')).map((w) => w.entry.data);
    expect(warnings).toEqual([expect.stringMatching(/Its owner must add to the topic's policy \{.*"sns:Publish".*\} and \{.*"kms:GenerateDataKey\*".*\}/)]);
  });

  test('statement ids stay short for a team deep in the construct tree', () => {
    const stack = testStack();
    const deep = ['A'.repeat(60), 'B'.repeat(60)].reduce<Construct>((scope, id) => new Construct(scope, id), stack);

    Workteam.fromOidcGroups(deep, 'Team', { groups: ['labelers'], notificationTopic: new sns.Topic(stack, 'Topic'), workteamName: 'labelers' });

    const policy = Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'))[0];
    const sid = policy.Properties.PolicyDocument.Statement[0].Sid as string;
    expect(sid.startsWith('SageMakerNotifications')).toBe(true);
    expect(sid.length).toBe('SageMakerNotifications'.length + 64);
  });

  test('in another account, is left alone with a warning', () => {
    const stack = testStack();
    team(stack, sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:210987654321:tasks'));

    Annotations.fromStack(stack).hasWarning(
      '/Stack/Team',
      Match.stringLikeRegexp("the topic 'Stack/Topic' is in account 210987654321; AWS documents only topics of the team's account"),
    );
  });

  test('of this app in another account is not changed either', () => {
    const app = testApp();
    const topic = new sns.Topic(testStack({ account: '210987654321', region: ENV.region }, app, 'Topics'), 'Topic', { topicName: 'tasks' });
    const stack = testStack(ENV, app);

    team(stack, topic);

    expect(Template.fromStack(topic.stack).findResources('AWS::SNS::TopicPolicy')).toEqual({});
    Annotations.fromStack(stack).hasWarning('/Stack/Team', Match.stringLikeRegexp('is in account 210987654321'));
  });

  test('fails in another region', () => {
    const stack = testStack();
    expect(() => team(stack, sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:eu-west-1:123456789012:tasks'))).toThrow(
      /notificationTopic: 'Stack\/Topic' is in region eu-west-1, the work team in us-east-1: use a topic of the team's region/,
    );
  });

  test('fails when it is a FIFO topic', () => {
    const stack = testStack();
    expect(() => team(stack, new sns.Topic(stack, 'Topic', { fifo: true, topicName: 'tasks' }))).toThrow(
      /notificationTopic: 'Stack\/Topic' is a FIFO topic; workers are subscribed by email/,
    );
  });

  const AWS_MANAGED_KEY_ERROR =
    /notificationTopic: 'Stack\/Topic' is encrypted with the AWS managed key alias\/aws\/sns, whose policy nobody can change to let SageMaker use it: encrypt the topic with a customer managed KMS key \(kms\.Key\)/;

  test('fails when it is encrypted with the AWS managed key alias/aws/sns, by its alias', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'AwsManagedKey', 'alias/aws/sns') });

    expect(() => team(stack, topic)).toThrow(AWS_MANAGED_KEY_ERROR);
  });

  test.each([
    ['its alias ARN', 'arn:aws:kms:us-east-1:123456789012:alias/aws/sns'],
    ['its alias ARN in another partition', 'arn:aws-us-gov:kms:us-east-1:123456789012:alias/aws/sns'],
  ])('fails for an imported topic encrypted with the AWS managed key alias/aws/sns, by %s', (_, keyArn) => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicAttributes(stack, 'Topic', { topicArn: 'arn:aws:sns:us-east-1:123456789012:tasks', keyArn });

    expect(() => team(stack, topic)).toThrow(AWS_MANAGED_KEY_ERROR);
  });

  test('takes a customer managed key whose alias only resembles the AWS managed one', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Key', 'alias/tasks/aws/sns') });

    expect(() => team(stack, topic)).not.toThrow();
  });
});
