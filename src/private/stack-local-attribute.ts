import { IResolveContext, Lazy, Reference, Resource, Stack, Token, Tokenization } from 'aws-cdk-lib';

/**
 * An attribute of `resource` that is a reference only in the resource's own stack.
 *
 * In its own stack the value is `attribute` (a `Fn::GetAtt` or `Ref`, so CloudFormation creates the resource
 * before what uses it). In any other stack, when the resource's physical name is known at synth, it is
 * `outside()`, a value built from that name (such as `arn:${AWS::Partition}:sagemaker:...:workteam/private-crowd/<name>`),
 * so that using a team or workforce in another stack makes no `Fn::ImportValue`, no export and no dependency
 * between the stacks: aws-cdk-lib's `Resource.getResourceArnAttribute` does the same across environments, this
 * does it across stacks too. When the physical name is a token, the value is `tokenName()`: aws-cdk-lib's own
 * attribute (an export where another stack uses it).
 *
 * The token is made once per attribute, on first use, and builds `outside()` only where it is used.
 *
 * @param resource the resource whose attribute it is
 * @param physicalName the resource's physical name
 * @param attribute the CloudFormation attribute, such as `cfn.attrWorkteamArn`
 * @param outside the value in other stacks, from the physical name
 * @param tokenName the value when the physical name is a token
 */
export function stackLocalAttribute(
  resource: Resource,
  physicalName: string,
  attribute: string,
  outside: () => string,
  tokenName: () => string,
): string {
  if (Token.isUnresolved(physicalName)) {
    return tokenName();
  }
  const owner = Stack.of(resource);
  const produce = (context: IResolveContext) => (Stack.of(context.scope) === owner ? attribute : outside());
  const reference = Tokenization.reverse(attribute, { failConcat: false });
  if (Reference.isReference(reference)) {
    // Still a reference to the resource (as aws-cdk-lib's mimicReference keeps it): code that asks which
    // resource a value refers to, such as an app's aspects, still finds it.
    return Token.asString(new StackLocalReference(reference, produce));
  }
  return Lazy.uncachedString({ produce });
}

class StackLocalReference extends Reference {
  constructor(reference: Reference, private readonly produce: (context: IResolveContext) => string) {
    super(reference, reference.target, reference.displayName);
  }

  public resolve(context: IResolveContext): string {
    return this.produce(context);
  }
}
