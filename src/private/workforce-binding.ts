import { Resource } from 'aws-cdk-lib';
import { CfnWorkforce } from 'aws-cdk-lib/aws-sagemaker';

/**
 * What a workforce's identity renders into the workforce's `CfnWorkforce` (`WorkforceIdentity._bind`).
 */
export interface WorkforceIdentityConfig {
  /** The Cognito user pool and app client, for a Cognito identity. */
  readonly cognitoConfig?: CfnWorkforce.CognitoConfigProperty;
  /** The OIDC identity provider, for an OIDC identity. */
  readonly oidcConfig?: CfnWorkforce.OidcConfigProperty;
}

/**
 * A workforce whose `CfnWorkforce` exists, for its identity to wire the worker portal's sign-in to
 * (`WorkforceIdentity._bindToResource`): the identity adds to the workforce's own resource and validations only.
 */
export interface WorkforceResourceBinding {
  /** The workforce: its path names it in errors, its region, annotations and validations are the identity's too. */
  readonly workforce: Resource;
  /** The workforce's L1, which the identity's prerequisites (a user pool's domain) come before. */
  readonly resource: CfnWorkforce;
  /** The worker portal's callback URL, `https://<subDomain>/oauth2/idpresponse`. */
  readonly callbackUrl: string;
  /** The worker portal's logout URL, `https://<subDomain>/logout`. */
  readonly logoutUrl: string;
}
