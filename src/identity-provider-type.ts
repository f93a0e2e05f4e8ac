/**
 * How the workers of a workforce or work team sign in.
 */
export enum IdentityProviderType {
  /** Amazon Cognito user pool groups. */
  COGNITO = 'COGNITO',
  /** Groups of your own OpenID Connect (OIDC) identity provider. */
  OIDC = 'OIDC',
}
