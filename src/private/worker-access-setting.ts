import { CustomResource, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { asCfnValue, cfnPropertiesOf } from './cfn-properties';
import { LibraryProvider } from './provider';
import { RESOURCE_TYPES } from './provider-protocol';
import { Validator } from './validation';
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

/**
 * Applies a work team's worker access configuration with SageMaker's UpdateWorkteam, which CloudFormation's
 * AWS::SageMaker::Workteam does not support (worker-access.handler.ts): after the team is created, whenever the
 * setting or the team changes, and back to disabled when the setting is removed. Its properties are the team's own
 * CloudFormation properties (every property of AWS::SageMaker::Workteam, read through `CfnWorkteam`'s public getters,
 * references and tags included): any change CloudFormation makes to the team, a replaced user group it references
 * included, updates it in the same deployment and applies the setting again. A value set only with
 * `addPropertyOverride` on the team is not among them (no public API of aws-cdk-lib reads overrides).
 *
 * Served by the stack's `LibraryProvider`; its handler may call UpdateWorkteam on this team only.
 *
 * @param workforceWithoutVpc the path of the team's workforce when it is a `Workforce` of the app without a VPC
 * (known at synth): `restrictS3PresignedUrlsToVpcSourceIp` needs a VPC workforce
 */
export function addWorkerAccess(
  scope: Construct,
  id: string,
  workteam: CfnWorkteam,
  workteamArn: string,
  configuration: WorkerAccessConfiguration,
  workforceWithoutVpc: () => string | undefined,
): CustomResource {
  const resource = LibraryProvider.of(scope).addResource(scope, id, {
    resourceType: RESOURCE_TYPES.WORKER_ACCESS,
    properties: {
      WorkteamName: workteam.attrWorkteamName,
      IamPolicyConstraints: constraintsOf(configuration),
      Workteam: workteamPropertiesOf(workteam),
    },
    statements: [new iam.PolicyStatement({ actions: ['sagemaker:UpdateWorkteam'], resources: [workteamArn] })],
  });
  if (configuration.restrictS3PresignedUrlsToVpcSourceIp) {
    resource.node.addValidation({
      validate: () => {
        const workforce = workforceWithoutVpc();
        return workforce === undefined
          ? []
          : [`workerAccess: restrictS3PresignedUrlsToVpcSourceIp needs a workforce in a VPC, and the team's workforce '${workforce}' has no vpc`];
      },
    });
  }
  return resource;
}

/** The team's own CloudFormation properties, as CloudFormation resolves them; tags as rendered at synth. */
export function workteamPropertiesOf(workteam: CfnWorkteam): Record<string, unknown> {
  return cfnPropertiesOf({
    Description: workteam.description,
    MemberDefinitions: workteam.memberDefinitions,
    NotificationConfiguration: workteam.notificationConfiguration,
    Tags: Lazy.any({ produce: () => asCfnValue(workteam.tags.renderTags()) }),
    WorkforceName: workteam.workforceName,
    WorkteamName: workteam.workteamName,
  });
}

function enabled(value: boolean): string {
  return value ? 'Enabled' : 'Disabled';
}
