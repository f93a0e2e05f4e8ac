import { SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkforce } from 'aws-cdk-lib/aws-sagemaker';
import { IConstruct } from 'constructs';
import { IdentityProviderType } from './identity-provider-type';
import {
  CLIENT_ID,
  COGNITO_USER_POOL_ID,
  OIDC_CLIENT_ID,
  OIDC_ENDPOINT,
  OIDC_EXTRA_PARAM_KEY,
  OIDC_EXTRA_PARAM_VALUE,
  OIDC_EXTRA_PARAMS,
  OIDC_SCOPE,
} from './private/rules';
import { checkUserPoolRegion } from './private/user-pool-region';
import { Validator } from './private/validation';

/**
 * The OpenID Connect identity provider of a workforce.
 *
 * Its client must send the claims `sagemaker:groups`, `sagemaker:sub`, `sagemaker:client_id` and
 * `sagemaker:name`, and allow the redirect URI of the worker portal, the workforce's `workerPortalCallbackUrl`
 * (`https://`, its `workforceSubDomain`, then `/oauth2/idpresponse`).
 */
export interface OidcIdentityProps {
  /**
   * The client id of the workforce at the identity provider: 1 to 1024 ASCII letters, digits, `_` and `+`
   * (CloudFormation's pattern; SageMaker's API would take any printable ASCII).
   */
  readonly clientId: string;

  /**
   * The client secret, kept out of the template: for example
   * `SecretValue.secretsManager('labeling/oidc-client-secret')`. CloudFormation accepts only ASCII
   * letters, digits, `_` and `+` in it (1 to 1024), which it checks at deployment.
   */
  readonly clientSecret: SecretValue;

  /** The issuer, an https URL. */
  readonly issuer: string;

  /** The authorization endpoint, an https URL. */
  readonly authorizationEndpoint: string;

  /** The token endpoint, an https URL. */
  readonly tokenEndpoint: string;

  /** The user info endpoint, an https URL. */
  readonly userInfoEndpoint: string;

  /** The logout endpoint, an https URL. */
  readonly logoutEndpoint: string;

  /** The JSON Web Key Set endpoint, an https URL. */
  readonly jwksUri: string;

  /**
   * The scopes to request, separated by spaces, such as `openid profile groups`.
   *
   * @default - the identity provider's default scopes
   */
  readonly scope?: string;

  /**
   * Extra parameters of the authentication request: at most 10, keys and values of 1 to 512 characters on one
   * line. A key may not be `__proto__` (aws-cdk-lib would drop it), and the only key may not be `Ref` or start
   * with `Fn::` (CloudFormation would read the map as an intrinsic function).
   *
   * @default - none
   */
  readonly authenticationRequestExtraParams?: { [key: string]: string };
}

/**
 * How the workers of a workforce sign in: an Amazon Cognito user pool or an OIDC identity provider.
 */
export abstract class WorkforceIdentity {
  /**
   * Workers sign in with the users of an Amazon Cognito user pool, through one of its app clients.
   *
   * @param userPool the user pool of the workers, in the workforce's region
   * @param userPoolClient the app client of the worker portal
   */
  public static cognito(userPool: cognito.IUserPool, userPoolClient: cognito.IUserPoolClient): WorkforceIdentity {
    return new CognitoIdentity(userPool, userPoolClient);
  }

  /**
   * Workers sign in with your own OpenID Connect identity provider.
   */
  public static oidc(props: OidcIdentityProps): WorkforceIdentity {
    return new OidcIdentity(props);
  }

  /** How the workers sign in. */
  public abstract readonly identityProviderType: IdentityProviderType;

  /**
   * The Cognito user pool of the workers.
   *
   * @default - not a Cognito identity
   */
  public abstract readonly userPool?: cognito.IUserPool;

  /**
   * The Cognito app client of the worker portal.
   *
   * @default - not a Cognito identity
   */
  public abstract readonly userPoolClient?: cognito.IUserPoolClient;

  /**
   * Renders the identity configuration of a workforce, recording every rule it breaks.
   *
   * @internal
   */
  public abstract _render(validator: Validator, scope: IConstruct): {
    cognitoConfig?: CfnWorkforce.CognitoConfigProperty;
    oidcConfig?: CfnWorkforce.OidcConfigProperty;
  };
}

class CognitoIdentity extends WorkforceIdentity {
  public readonly identityProviderType = IdentityProviderType.COGNITO;

  constructor(public readonly userPool: cognito.IUserPool, public readonly userPoolClient: cognito.IUserPoolClient) {
    super();
  }

  public _render(validator: Validator, scope: IConstruct) {
    if (validator.string('identity user pool id', this.userPool.userPoolId, COGNITO_USER_POOL_ID)) {
      checkUserPoolRegion(validator, 'identity user pool id', this.userPool.userPoolId, Stack.of(scope).region, 'the workforce');
    }
    validator.string('identity app client id', this.userPoolClient.userPoolClientId, CLIENT_ID);
    return { cognitoConfig: { userPool: this.userPool.userPoolId, clientId: this.userPoolClient.userPoolClientId } };
  }
}

class OidcIdentity extends WorkforceIdentity {
  public readonly identityProviderType = IdentityProviderType.OIDC;
  public readonly userPool = undefined;
  public readonly userPoolClient = undefined;

  constructor(private readonly props: OidcIdentityProps) {
    super();
  }

  public _render(validator: Validator, scope: IConstruct) {
    const props = this.props;
    const clientSecret = props.clientSecret.unsafeUnwrap();
    validator.string('identity clientId', props.clientId, OIDC_CLIENT_ID);
    for (const endpoint of ENDPOINTS) {
      validator.string(`identity ${endpoint}`, props[endpoint], OIDC_ENDPOINT);
    }
    validator.string('identity scope', props.scope, OIDC_SCOPE);
    const extraParams = props.authenticationRequestExtraParams;
    if (extraParams !== undefined && !Token.isUnresolved(extraParams)) {
      const entries = Object.entries(extraParams);
      validator.count('identity authenticationRequestExtraParams', entries, OIDC_EXTRA_PARAMS);
      for (const [key, value] of entries) {
        const keyProperty = `identity authenticationRequestExtraParams key ${JSON.stringify(key)}`;
        validator.string(keyProperty, key, OIDC_EXTRA_PARAM_KEY);
        validator.string(`identity authenticationRequestExtraParams[${JSON.stringify(key)}]`, value, OIDC_EXTRA_PARAM_VALUE);
        if (key === '__proto__') {
          validator.fail(keyProperty, 'aws-cdk-lib drops a key named __proto__ from the template, so SageMaker would never receive it');
        }
      }
      const onlyKey = entries.length === 1 ? entries[0][0] : undefined;
      if (onlyKey !== undefined && !Token.isUnresolved(onlyKey) && (onlyKey === 'Ref' || onlyKey.startsWith('Fn::'))) {
        validator.fail(
          `identity authenticationRequestExtraParams key ${JSON.stringify(onlyKey)}`,
          'CloudFormation would read a map whose only key is Ref or Fn::... as an intrinsic function, not as parameters',
        );
      }
    }
    if (!Token.isUnresolved(clientSecret)) {
      validator.fail(
        'identity clientSecret',
        "the secret is plain text and would be written into the template; pass a reference such as SecretValue.secretsManager('name')",
      );
    } else if (String(Stack.of(scope).resolve(clientSecret)).startsWith('{{resolve:ssm-secure:')) {
      validator.fail(
        'identity clientSecret',
        'CloudFormation resolves ssm-secure references only in a few resource properties, not in AWS::SageMaker::Workforce; ' +
          "keep the secret in Secrets Manager: SecretValue.secretsManager('name')",
      );
    }
    return {
      oidcConfig: {
        clientId: props.clientId,
        clientSecret,
        issuer: props.issuer,
        authorizationEndpoint: props.authorizationEndpoint,
        tokenEndpoint: props.tokenEndpoint,
        userInfoEndpoint: props.userInfoEndpoint,
        logoutEndpoint: props.logoutEndpoint,
        jwksUri: props.jwksUri,
        scope: props.scope,
        authenticationRequestExtraParams: extraParams,
      },
    };
  }
}

const ENDPOINTS = ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'logoutEndpoint', 'jwksUri'] as const;
