import { Token } from 'aws-cdk-lib';
import { quote, Validator } from './validation';

/** A region as it starts a user pool id, such as `us-east-1` in `us-east-1_AbCdEf123`. */
const REGION_OF_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/;

/**
 * Checks that a user pool id names the region of the resource that uses it. An id carries its pool's region before
 * the underscore, and a pool imported by id (`UserPool.fromUserPoolId`) has its stack's region whatever the id says;
 * SageMaker needs the pool in the region of the workforce or team.
 *
 * @param what `the team`, `the workforce`
 */
export function checkUserPoolRegion(validator: Validator, property: string, userPoolId: string, region: string, what: string): void {
  if (Token.isUnresolved(userPoolId) || Token.isUnresolved(region)) {
    return;
  }
  const poolRegion = REGION_OF_POOL_ID.exec(userPoolId)?.[1];
  if (poolRegion !== undefined && poolRegion !== region) {
    validator.fail(
      property,
      `${quote(userPoolId)} is a user pool of ${poolRegion}, and ${what} is in ${region}: SageMaker needs the user pool in the region of ${what}`,
    );
  }
}
