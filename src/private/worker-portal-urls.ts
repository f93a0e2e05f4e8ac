import { createHash } from 'crypto';
import { CustomResource, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { assertHandlerBundled } from './handler-bundle';
import { WorkerPortalUrlsFunction } from './worker-portal-urls-function';

export interface WorkerPortalUrlsProps {
  /** The user pool of the client. */
  readonly userPool: cognito.IUserPool;
  /** The app client of the worker portal, a resource of this app. */
  readonly client: cognito.CfnUserPoolClient;
  /** The portal's callback URL, `https://<subDomain>/oauth2/idpresponse`. */
  readonly callbackUrl: string;
  /** The portal's logout URL, `https://<subDomain>/logout`. */
  readonly logoutUrl: string;
}

/** The CloudFormation type of the custom resource. */
export const WORKER_PORTAL_URLS_RESOURCE_TYPE = 'Custom::SageMakerWorkerPortalUrls';

/**
 * Puts the worker portal's callback and logout URLs on the workforce's app client once the workforce exists, in
 * the same deployment (src/private/worker-portal-urls.lambda.ts), and again after every CloudFormation update of
 * the client (which writes the template's URL lists back) or of the workforce's sub-domain.
 *
 * aws-cdk-lib's provider framework reports the handler's errors to CloudFormation. Both functions write to one log
 * group with a retention, under roles of their own: the handler may read and update the clients of this user pool
 * only, the framework may invoke the handler only; no AWS managed policy.
 */
export class WorkerPortalUrls extends Construct {
  constructor(scope: Construct, id: string, props: WorkerPortalUrlsProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logs.RetentionDays.ONE_YEAR });

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: "Puts the SageMaker worker portal's URLs on its Cognito app client",
    });
    handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient'],
      resources: [props.userPool.userPoolArn],
    }));
    logGroup.grantWrite(handlerRole);
    assertHandlerBundled('private/worker-portal-urls.lambda');
    const handler = new WorkerPortalUrlsFunction(this, 'Handler', {
      role: handlerRole,
      logGroup,
      // Enough for the retries of throttled calls (worker-portal-urls.lambda.ts, retryPolicy).
      timeout: Duration.minutes(2),
      description: "Puts the SageMaker worker portal's callback and logout URLs on its Cognito app client",
    });

    const frameworkRole = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: "Runs the provider framework of the SageMaker worker portal's URLs",
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

    const client = props.client;
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: WORKER_PORTAL_URLS_RESOURCE_TYPE,
      properties: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: client.ref,
        CallbackUrl: props.callbackUrl,
        LogoutUrl: props.logoutUrl,
        TemplateCallbackUrls: client.callbackUrLs,
        TemplateLogoutUrls: client.logoutUrLs,
        // CloudFormation writes the template's URL lists back whenever it updates the client: a digest of the
        // client's properties as synthesized makes every such update run the handler again.
        ClientDigest: Lazy.string({ produce: () => digestOf(client) }),
      },
    });
    // The framework may invoke the handler once its role's policy exists.
    resource.node.addDependency(frameworkRole);
  }
}

function digestOf(resource: cognito.CfnUserPoolClient): string {
  const rendered = Stack.of(resource).resolve(resource._toCloudFormation()) as { Resources: Record<string, { Properties?: unknown }> };
  const properties = Object.values(rendered.Resources)[0].Properties ?? {};
  return createHash('sha256').update(JSON.stringify(properties)).digest('hex');
}
