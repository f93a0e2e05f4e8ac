import { CfnResource, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { assertHandlerBundled } from './handler-bundle';
import { ProviderFunction } from './provider-function';

/** A custom resource of the library, served by its stack's `LibraryProvider`. */
export interface LibraryResourceOptions {
  /** The CloudFormation type, `Custom::...`: the handler dispatches on it (provider-protocol.ts, RESOURCE_TYPES). */
  readonly resourceType: string;
  /**
   * The resource's properties. Give every value the handler's work depends on, references included, as
   * CloudFormation resolves them: a change of any of them, at synth or at deploy time, updates the resource and
   * runs the handler again.
   */
  readonly properties: Record<string, any>;
  /** What the handler may do for this resource, on named resources: a policy of its own on the handler's role. */
  readonly statements: iam.PolicyStatement[];
}

/** The construct id of the provider in its stack. */
const PROVIDER_ID = 'SageMakerWorkteamProvider';

/**
 * The provider of all of the library's custom resources in a stack: aws-cdk-lib's provider framework
 * (`custom-resources.Provider`, one Lambda function) and one handler of ours (src/private/provider.lambda.ts),
 * which dispatches on the resource type. However many workforces and teams a stack has, it holds these two
 * functions, their two roles and one log group.
 *
 * Least privilege: the framework's role may write the log group and invoke and read the handler function itself
 * (no versions or aliases); the handler's role may write the log group, and each resource adds a policy of its
 * own with what its handler needs, on which the resource depends. No AWS managed policy.
 *
 * The log group keeps the functions' logs a year and stays after the stack is deleted (aws-cdk-lib's default
 * removal policy for log groups): what the handler did to a user pool's client, or why a deletion failed, can be
 * read after `cdk destroy`.
 */
export class LibraryProvider extends Construct {
  /**
   * How long the handler may run for one event: a handler may wait for what it created (a flow definition becomes
   * Active within minutes), within the 15 minutes for which the framework's function waits for it.
   */
  public static readonly HANDLER_TIMEOUT = Duration.minutes(14);

  /** The provider of scope's stack, created on first use. */
  public static of(scope: Construct): LibraryProvider {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(PROVIDER_ID) as LibraryProvider | undefined) ?? new LibraryProvider(stack, PROVIDER_ID);
  }

  /** The handler's role, which every resource's policy joins. */
  public readonly handlerRole: iam.IRole;
  private readonly frameworkRole: iam.IRole;
  private readonly serviceToken: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logs.RetentionDays.ONE_YEAR });

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the custom resources of cdk-sagemaker-workteam (SageMaker work teams and workforces)',
    });
    logGroup.grantWrite(handlerRole);
    assertHandlerBundled('private/provider.lambda');
    const handler = new ProviderFunction(this, 'Handler', {
      role: handlerRole,
      logGroup,
      timeout: LibraryProvider.HANDLER_TIMEOUT,
      description: 'The custom resources of cdk-sagemaker-workteam: worker portal URLs, worker access, and more',
    });

    const frameworkRole = new iam.Role(this, 'FrameworkRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the provider framework of the custom resources of cdk-sagemaker-workteam',
    });
    logGroup.grantWrite(frameworkRole);
    // What the framework does with the handler, on the function itself: the framework's own grant would add its
    // versions and aliases (`<arn>:*`), which this function never has, so it gets the role without policy updates.
    frameworkRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction', 'lambda:GetFunction'],
      resources: [handler.functionArn],
    }));
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handler,
      frameworkOnEventRole: frameworkRole.withoutPolicyUpdates(),
      logGroup,
    });

    this.handlerRole = handlerRole;
    this.frameworkRole = frameworkRole;
    this.serviceToken = provider.serviceToken;
  }

  /**
   * A custom resource of `resourceType` served by this provider; the handler may do what `statements` allow (added
   * to the handler's role, least privilege per resource); the resource depends on that policy.
   */
  public addResource(scope: Construct, id: string, options: LibraryResourceOptions): CustomResource {
    if (Stack.of(scope) !== Stack.of(this)) {
      throw new Error(`cdk-sagemaker-workteam: the custom resource '${scope.node.path}/${id}' must be in the stack of its provider '${this.node.path}'`);
    }
    const resource = new CustomResource(scope, id, {
      serviceToken: this.serviceToken,
      resourceType: options.resourceType,
      properties: options.properties,
    });
    const cfnResource = resource.node.defaultChild as CfnResource;
    // The framework may invoke the handler once its role's policy exists.
    cfnResource.node.addDependency(this.frameworkRole);
    if (options.statements.length > 0) {
      const policy = new iam.Policy(resource, 'HandlerPolicy', { statements: options.statements, roles: [this.handlerRole] });
      cfnResource.node.addDependency(policy);
    }
    return resource;
  }
}
