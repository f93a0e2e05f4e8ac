import { Reference, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Whether two values known at synth are certainly different: two different literal strings, or
 * references to two different CloudFormation resources. Anything else (a literal against a token,
 * imported values) may be equal at deployment and is not judged.
 */
export function certainlyDifferent(a: string, b: string): boolean {
  if (a === b) {
    return false;
  }
  if (!Token.isUnresolved(a) && !Token.isUnresolved(b)) {
    return true;
  }
  const targetA = referencedResource(a);
  const targetB = referencedResource(b);
  return targetA !== undefined && targetB !== undefined && targetA !== targetB;
}

/**
 * Whether two values are certainly the same at deployment: equal strings, or the same attribute of the same
 * CloudFormation resource (such as the `Ref` of one user pool, however each token was made).
 */
export function certainlySame(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const tokenA = referenceOf(a);
  const tokenB = referenceOf(b);
  return tokenA !== undefined && tokenB !== undefined && tokenA.target === tokenB.target && tokenA.displayName === tokenB.displayName;
}

function referenceOf(value: string): Reference | undefined {
  const token = Tokenization.reverseString(value);
  if (token.length !== 1) {
    return undefined;
  }
  const resolvable = token.firstToken;
  return Reference.isReference(resolvable) ? resolvable : undefined;
}

function referencedResource(value: string): IConstruct | undefined {
  return referenceOf(value)?.target;
}
