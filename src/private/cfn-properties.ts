import { Tokenization } from 'aws-cdk-lib';

/**
 * A value of an L1's public getter as CloudFormation writes it: the keys of its structs in PascalCase
 * (`cognitoUserGroup` to `CognitoUserGroup`), tokens and everything else as they are, to be resolved by
 * CloudFormation at deploy time.
 */
export function asCfnValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(asCfnValue);
  }
  if (value === null || typeof value !== 'object' || Tokenization.isResolvable(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.charAt(0).toUpperCase() + key.slice(1), asCfnValue(item)]));
}

/** The CloudFormation properties of an L1, from a table of CloudFormation names and values of its getters; unset ones left out. */
export function cfnPropertiesOf(table: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).filter(([, value]) => value !== undefined).map(([name, value]) => [name, asCfnValue(value)]));
}
