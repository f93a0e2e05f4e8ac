import { Arn, ArnFormat, Fn, Token } from 'aws-cdk-lib';
import { quote, Validator } from './validation';

/**
 * The name in a SageMaker ARN of the form `arn:<partition>:sagemaker:<region>:<account>:<resource>/<name>`; of an ARN
 * token, the token of its last part.
 */
export function nameOfArn(arn: string, resource: string, property: string, validator: Validator): string {
  if (Token.isUnresolved(arn)) {
    return Fn.select(1, Fn.split('/', arn));
  }
  const parts = arn.startsWith('arn:') ? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
  if (!parts || parts.service !== 'sagemaker' || parts.resource !== resource || !parts.resourceName || !/^\d{12}$/.test(parts.account ?? '') ||
    !/^[a-z0-9-]+$/.test(parts.region ?? '')) {
    validator.fail(property, `${quote(arn)} is not the ARN of a ${resource}; expected arn:<partition>:sagemaker:<region>:<account>:${resource}/<name>`);
    return arn;
  }
  return parts.resourceName;
}
