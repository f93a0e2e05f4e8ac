import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { REGIONS_WITHOUT_RESOURCE_TYPE } from './resource-regions';
import { Validator } from './validation';

/**
 * The context key that turns the check off (`false`), for a region that has gained the resource type since the
 * library's data was generated.
 */
export const CHECK_REGIONS_CONTEXT = 'cdk-sagemaker-workteam:checkResourceTypeRegions';

/**
 * Records a problem when the stack of `scope` is in a region, known at synth, where `resourceType` does not exist
 * (src/private/resource-regions.ts, generated from aws-cdk-lib's CloudFormation Validate data): CloudFormation
 * would reject the deployment, and aws-cdk-lib only warns.
 */
export function checkResourceTypeInRegion(scope: IConstruct, resourceType: string, validator: Validator): void {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region) || scope.node.tryGetContext(CHECK_REGIONS_CONTEXT) === false) {
    return;
  }
  if (REGIONS_WITHOUT_RESOURCE_TYPE[resourceType]?.includes(region)) {
    validator.fail(
      'region',
      `${resourceType} does not exist in ${region} (CloudFormation Validate F3006): deploy the stack in a region that has it ` +
        `(context ${CHECK_REGIONS_CONTEXT}: false turns this check off)`,
    );
  }
}
