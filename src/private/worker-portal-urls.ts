import { CustomResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { cfnPropertiesOf } from './cfn-properties';
import { LibraryProvider } from './provider';
import { RESOURCE_TYPES } from './provider-protocol';

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
export const WORKER_PORTAL_URLS_RESOURCE_TYPE = RESOURCE_TYPES.WORKER_PORTAL_URLS;

/**
 * The client's own CloudFormation properties (every property of AWS::Cognito::UserPoolClient, read through
 * `CfnUserPoolClient`'s public getters, references included), as CloudFormation resolves them at deploy time.
 *
 * Escape hatches: a value set with `addPropertyOverride` (or `addOverride`) on the client is not among them, as no
 * public API of aws-cdk-lib reads overrides. A change made only that way updates the client, which then loses the
 * portal's URLs (CloudFormation writes the template's lists back), without updating this resource: the worker
 * portal's sign-in fails until a later change of the client's properties runs the handler again. Set the client's
 * properties through the L1's setters instead (`cfnClient.allowedOAuthScopes = [...]`), which these getters see.
 */
export function clientPropertiesOf(client: cognito.CfnUserPoolClient): Record<string, unknown> {
  return cfnPropertiesOf({
    AccessTokenValidity: client.accessTokenValidity,
    AllowedOAuthFlows: client.allowedOAuthFlows,
    AllowedOAuthFlowsUserPoolClient: client.allowedOAuthFlowsUserPoolClient,
    AllowedOAuthScopes: client.allowedOAuthScopes,
    AnalyticsConfiguration: client.analyticsConfiguration,
    AuthSessionValidity: client.authSessionValidity,
    CallbackURLs: client.callbackUrLs,
    ClientName: client.clientName,
    DefaultRedirectURI: client.defaultRedirectUri,
    EnablePropagateAdditionalUserContextData: client.enablePropagateAdditionalUserContextData,
    EnableTokenRevocation: client.enableTokenRevocation,
    ExplicitAuthFlows: client.explicitAuthFlows,
    GenerateSecret: client.generateSecret,
    IdTokenValidity: client.idTokenValidity,
    LogoutURLs: client.logoutUrLs,
    PreventUserExistenceErrors: client.preventUserExistenceErrors,
    ReadAttributes: client.readAttributes,
    RefreshTokenRotation: client.refreshTokenRotation,
    RefreshTokenValidity: client.refreshTokenValidity,
    SupportedIdentityProviders: client.supportedIdentityProviders,
    TokenValidityUnits: client.tokenValidityUnits,
    UserPoolId: client.userPoolId,
    WriteAttributes: client.writeAttributes,
  });
}

/**
 * Puts the worker portal's callback and logout URLs on the workforce's app client once the workforce exists, in
 * the same deployment (worker-portal-urls.handler.ts), and again after every CloudFormation update of the client
 * (which writes the template's URL lists back) or of the workforce's sub-domain: its properties are the client's
 * own, so a change of any of them, a replaced resource they reference included (a federated identity provider
 * renamed in `supportedIdentityProviders`), updates it in the same deployment.
 *
 * Served by the stack's `LibraryProvider`; its handler may read and update the clients of this user pool only.
 */
export function addWorkerPortalUrls(scope: Construct, id: string, props: WorkerPortalUrlsProps): CustomResource {
  return LibraryProvider.of(scope).addResource(scope, id, {
    resourceType: WORKER_PORTAL_URLS_RESOURCE_TYPE,
    properties: {
      UserPoolId: props.userPool.userPoolId,
      ClientId: props.client.ref,
      CallbackUrl: props.callbackUrl,
      LogoutUrl: props.logoutUrl,
      Client: clientPropertiesOf(props.client),
    },
    statements: [new iam.PolicyStatement({
      actions: ['cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient'],
      resources: [props.userPool.userPoolArn],
    })],
  });
}
