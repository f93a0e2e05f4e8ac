import { createHash } from 'crypto';
import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { WorkerAccessConfiguration } from '../worker-access';

/**
 * Applies a work team's worker access configuration with SageMaker's UpdateWorkteam, which CloudFormation's
 * AWS::SageMaker::Workteam does not support: after the team is created, whenever the setting or the team
 * changes, and back to disabled when the setting is removed.
 */
export class WorkerAccessSetting extends Construct {
  constructor(scope: Construct, id: string, workteam: CfnWorkteam, workteamArn: string, configuration: WorkerAccessConfiguration) {
    super(scope, id);
    const call = (sourceIp: boolean, vpcSourceIp: boolean): cr.AwsSdkCall => ({
      service: 'SageMaker',
      action: 'UpdateWorkteam',
      parameters: {
        WorkteamName: workteam.attrWorkteamName,
        WorkerAccessConfiguration: {
          S3Presign: { IamPolicyConstraints: { SourceIp: enabled(sourceIp), VpcSourceIp: enabled(vpcSourceIp) } },
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of(workteam.attrWorkteamArn),
    });
    const apply = call(configuration.restrictS3PresignedUrlsToSourceIp ?? false, configuration.restrictS3PresignedUrlsToVpcSourceIp ?? false);
    const resource = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::SageMakerWorkteamWorkerAccess',
      onCreate: apply,
      onUpdate: apply,
      // The team may be gone already when the setting is removed with it.
      onDelete: { ...call(false, false), ignoreErrorCodesMatching: 'ResourceNotFound|ValidationException' },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [workteamArn] }),
      installLatestAwsSdk: false,
      ...providerOf(Stack.of(this)),
    });
    // An update of the team through CloudFormation may reset the setting: a digest of the team's properties
    // makes every such update run the call again.
    const customResource = resource.node.findChild('Resource').node.defaultChild as CfnResource;
    customResource.addPropertyOverride('WorkteamDigest', Lazy.string({ produce: () => digestOf(workteam) }));
  }
}

/**
 * The role and log group of the stack's AwsCustomResource function, which all its work teams share: the
 * role may write to that log group and nothing else (each team's call adds its own policy), instead of
 * the AWS managed AWSLambdaBasicExecutionRole policy.
 */
function providerOf(stack: Stack): { role: iam.IRole; logGroup: logs.ILogGroup } {
  const id = 'SageMakerWorkteamWorkerAccessProvider';
  const existing = stack.node.tryFindChild(id) as Construct | undefined;
  const scope = existing ?? new Construct(stack, id);
  if (!existing) {
    const logGroup = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Applies the worker access configuration of SageMaker work teams (UpdateWorkteam)',
    });
    logGroup.grantWrite(role);
  }
  return { role: scope.node.findChild('Role') as iam.IRole, logGroup: scope.node.findChild('LogGroup') as logs.ILogGroup };
}

function enabled(value: boolean): string {
  return value ? 'Enabled' : 'Disabled';
}

function digestOf(workteam: CfnWorkteam): string {
  const properties = Stack.of(workteam).resolve({
    description: workteam.description,
    memberDefinitions: workteam.memberDefinitions,
    notificationConfiguration: workteam.notificationConfiguration,
    tags: workteam.tags.renderTags(),
  });
  return createHash('sha256').update(JSON.stringify(properties)).digest('hex');
}
