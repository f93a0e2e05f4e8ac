import { Annotations, ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { certainlyDifferent } from './same-value';
import { Validator } from './validation';

/**
 * Lets SageMaker publish worker notifications of one work team to its topic, and nothing more: the
 * topic's policy (and its KMS key's, if encrypted) allows `sagemaker.amazonaws.com` on the condition that
 * the call comes from the team's account (`aws:SourceAccount`) and from the team (`aws:SourceArn`), as
 * AWS documents it (sms-workforce-management-private-sns). What the app cannot change, a warning states.
 *
 * @param team the work team
 * @param workteamName the team's name; when it is a token, the condition allows the account's work teams
 * @param topic the notification topic
 * @param validator records a topic SageMaker cannot use
 */
export function allowSageMakerToNotify(team: Construct, workteamName: string, topic: sns.ITopic, validator: Validator): void {
  const stack = Stack.of(team);
  if (!Token.isUnresolved(topic.fifo) && topic.fifo) {
    validator.fail(
      'notificationTopic',
      `'${topic.node.path}' is a FIFO topic; workers are subscribed by email, which FIFO topics cannot deliver: use a standard topic`,
    );
    return;
  }
  if (certainlyDifferent(topic.env.region, stack.region)) {
    validator.fail(
      'notificationTopic',
      `'${topic.node.path}' is in region ${topic.env.region}, the work team in ${stack.region}: use a topic of the team's region`,
    );
    return;
  }

  if (topic.masterKey && isAwsManagedSnsKey(topic.masterKey)) {
    validator.fail(
      'notificationTopic',
      `'${topic.node.path}' is encrypted with the AWS managed key ${AWS_MANAGED_SNS_KEY}, whose policy nobody can change to let SageMaker ` +
        'use it: encrypt the topic with a customer managed KMS key (kms.Key)',
    );
    return;
  }

  const sourceArn = stack.formatArn({
    service: 'sagemaker',
    resource: 'workteam',
    resourceName: Token.isUnresolved(workteamName) ? '*' : `private-crowd/${workteamName}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  const conditions = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': sourceArn },
  };
  const sagemaker = new iam.ServicePrincipal('sagemaker.amazonaws.com');
  // One statement per team: teams that share a topic (or key) must not share a Sid.
  const sid = `SageMakerNotifications${Names.uniqueResourceName(team, { maxLength: 64 })}`;
  const publish = new iam.PolicyStatement({
    sid,
    principals: [sagemaker],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions,
  });
  // Only for an encrypted topic: most topics have none, and a statement per team is not free.
  const useKey = topic.masterKey ? new iam.PolicyStatement({
    sid,
    principals: [sagemaker],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions,
  }) : undefined;

  if (certainlyDifferent(topic.env.account, stack.account)) {
    warn(team, 'notificationTopicOtherAccount', `the topic '${topic.node.path}' is in account ${topic.env.account}; AWS documents only topics of the team's account. Its owner must add to the topic's policy`, publish, useKey);
    return;
  }

  const topicPolicy = topic.addToResourcePolicy(publish);
  const keyPolicy = useKey ? topic.masterKey?.addToResourcePolicy(useKey) : undefined;
  if (!topicPolicy.statementAdded) {
    warn(team, 'notificationTopicPolicy', `the policy of the imported topic '${topic.node.path}' cannot be changed by this app; its owner must add`, publish);
  }
  if (useKey && keyPolicy && !keyPolicy.statementAdded) {
    warn(team, 'notificationTopicKey', `the policy of the KMS key of the topic '${topic.node.path}' cannot be changed by this app; its owner must add`, useKey);
  }
}

/** The alias of the AWS managed key of SNS (SNS developer guide, sns-key-management). */
const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/**
 * Whether a topic's key is the AWS managed key of SNS: an alias named `alias/aws/sns` (`kms.Alias.fromAliasName`),
 * or a key imported by that alias's ARN or name (`kms.Key.fromKeyArn`, `sns.Topic.fromTopicAttributes({ keyArn })`).
 */
function isAwsManagedSnsKey(key: kms.IKey): boolean {
  const aliasName = (key as Partial<kms.IAlias>).aliasName;
  const names = [aliasName, key.keyId, key.keyArn].filter((name): name is string => typeof name === 'string' && !Token.isUnresolved(name));
  return names.some((name) => name === AWS_MANAGED_SNS_KEY || name.endsWith(`:${AWS_MANAGED_SNS_KEY}`));
}

function warn(team: Construct, id: string, message: string, ...statements: (iam.PolicyStatement | undefined)[]): void {
  const rendered = statements
    .filter((statement): statement is iam.PolicyStatement => statement !== undefined)
    .map((statement) => JSON.stringify(Stack.of(team).resolve(statement.toStatementJson())));
  Annotations.of(team).addWarningV2(`cdk-sagemaker-workteam:${id}`, `${message} ${rendered.join(' and ')}`);
}
