import { createHash } from 'crypto';
import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { Validator } from './validation';
import { workteamArnAttribute } from './workteam-reference';
import { WorkerAccessConfiguration } from '../worker-access';

/** The IamPolicyConstraints of UpdateWorkteam, each Enabled or Disabled. */
type IamPolicyConstraints = { SourceIp?: string; VpcSourceIp?: string };

/**
 * Checks a work team's worker access configuration: SageMaker takes either the `SourceIp` or the `VpcSourceIp`
 * condition ("Possible sources are either SourceIp or VpcSourceIp", API model), so asking for both fails.
 */
export function validateWorkerAccess(configuration: WorkerAccessConfiguration, validator: Validator): void {
  if (configuration.restrictS3PresignedUrlsToSourceIp && configuration.restrictS3PresignedUrlsToVpcSourceIp) {
    validator.fail(
      'workerAccess',
      'restrictS3PresignedUrlsToSourceIp and restrictS3PresignedUrlsToVpcSourceIp cannot both be true: SageMaker takes either the SourceIp or the VpcSourceIp condition',
    );
  }
}

/**
 * The settings the user gave, and only those: an unset one is left to SageMaker. A `false` beside a `true` is
 * not sent either, since SageMaker takes one of the two conditions.
 */
function constraintsOf(configuration: WorkerAccessConfiguration): IamPolicyConstraints {
  const sourceIp = configuration.restrictS3PresignedUrlsToSourceIp;
  const vpcSourceIp = configuration.restrictS3PresignedUrlsToVpcSourceIp;
  const anyEnabled = sourceIp === true || vpcSourceIp === true;
  const sent = (value: boolean | undefined) => value !== undefined && (value || !anyEnabled);
  return {
    ...(sent(sourceIp) ? { SourceIp: enabled(sourceIp!) } : {}),
    ...(sent(vpcSourceIp) ? { VpcSourceIp: enabled(vpcSourceIp!) } : {}),
  };
}

/** The same conditions, disabled. */
function disabled(constraints: IamPolicyConstraints): IamPolicyConstraints {
  return Object.fromEntries(Object.keys(constraints).map((name) => [name, enabled(false)]));
}

/**
 * Applies a work team's worker access configuration with SageMaker's UpdateWorkteam, which CloudFormation's
 * AWS::SageMaker::Workteam does not support: after the team is created, whenever the setting or the team
 * changes, and back to disabled when the setting is removed.
 *
 * @param workforceWithoutVpc the path of the team's workforce when it is a `Workforce` of the app without a VPC
 * (known at synth): `restrictS3PresignedUrlsToVpcSourceIp` needs a VPC workforce
 */
export class WorkerAccessSetting extends Construct {
  constructor(
    scope: Construct,
    id: string,
    workteam: CfnWorkteam,
    workteamArn: string,
    configuration: WorkerAccessConfiguration,
    workforceWithoutVpc: () => string | undefined,
  ) {
    super(scope, id);
    const call = (constraints: IamPolicyConstraints): cr.AwsSdkCall => ({
      service: 'SageMaker',
      action: 'UpdateWorkteam',
      parameters: {
        WorkteamName: workteam.attrWorkteamName,
        WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: constraints } },
      },
      physicalResourceId: cr.PhysicalResourceId.of(workteamArnAttribute(workteam)),
    });
    const constraints = constraintsOf(configuration);
    const apply = call(constraints);
    const resource = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::SageMakerWorkteamWorkerAccess',
      onCreate: apply,
      onUpdate: apply,
      // The team may be gone already when the setting is removed with it.
      onDelete: { ...call(disabled(constraints)), ignoreErrorCodesMatching: 'ResourceNotFound|ValidationException' },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [workteamArn] }),
      installLatestAwsSdk: false,
      ...providerOf(Stack.of(this)),
    });
    // An update of the team through CloudFormation may reset the setting: a digest of the team's properties
    // makes every such update run the call again.
    const customResource = resource.node.findChild('Resource').node.defaultChild as CfnResource;
    customResource.addPropertyOverride('WorkteamDigest', Lazy.string({ produce: () => digestOf(workteam) }));

    if (configuration.restrictS3PresignedUrlsToVpcSourceIp) {
      this.node.addValidation({
        validate: () => {
          const workforce = workforceWithoutVpc();
          return workforce === undefined
            ? []
            : [`workerAccess: restrictS3PresignedUrlsToVpcSourceIp needs a workforce in a VPC, and the team's workforce '${workforce}' has no vpc`];
        },
      });
    }
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
