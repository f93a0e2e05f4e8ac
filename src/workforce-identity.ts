import { Annotations, SecretValue, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Dependable, IConstruct, IDependable } from 'constructs';
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
import { certainlySame } from './private/same-value';
import { checkUserPoolRegion } from './private/user-pool-region';
import { quote, Validator } from './private/validation';
import { addWorkerPortalUrls } from './private/worker-portal-urls';
import { WorkforceIdentityConfig, WorkforceResourceBinding } from './private/workforce-binding';

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
   * Binds the identity to a workforce: renders its identity configuration, recording every rule it breaks.
   *
   * @param workforce the workforce, whose region the identity must be in
   * @internal
   */
  public abstract _bind(workforce: IConstruct, validator: Validator): WorkforceIdentityConfig;

  /**
   * Wires the worker portal's sign-in to the workforce once its `CfnWorkforce` exists; nothing to wire by default.
   *
   * @internal
   */
  public _bindToResource(_binding: WorkforceResourceBinding): void {
    return;
  }
}

class CognitoIdentity extends WorkforceIdentity {
  public readonly identityProviderType = IdentityProviderType.COGNITO;

  constructor(public readonly userPool: cognito.IUserPool, public readonly userPoolClient: cognito.IUserPoolClient) {
    super();
  }

  public _bind(workforce: IConstruct, validator: Validator): WorkforceIdentityConfig {
    if (validator.string('identity user pool id', this.userPool.userPoolId, COGNITO_USER_POOL_ID)) {
      checkUserPoolRegion(validator, 'identity user pool id', this.userPool.userPoolId, Stack.of(workforce).region, 'the workforce');
    }
    validator.string('identity app client id', this.userPoolClient.userPoolClientId, CLIENT_ID);
    return { cognitoConfig: { userPool: this.userPool.userPoolId, clientId: this.userPoolClient.userPoolClientId } };
  }

  /**
   * What the worker portal's Cognito sign-in needs, for a user pool and app client of this app: the pool's domain
   * created before the workforce, the portal's URLs put on the client after it (addWorkerPortalUrls), and the client's
   * OAuth settings and regions checked.
   */
  public _bindToResource(binding: WorkforceResourceBinding): void {
    const { workforce, resource } = binding;
    const userPool = this.userPool;
    const client = this.userPoolClient;
    const validator = new Validator();
    for (const [property, construct] of [['identity user pool', userPool], ['identity app client', client]] as const) {
      if (Token.compareStrings(construct.env.region, workforce.env.region) === TokenComparison.DIFFERENT) {
        validator.fail(
          property,
          `'${construct.node.path}' is in ${construct.env.region}, the workforce in ${workforce.env.region}: the user pool and app client ` +
            "must be in the workforce's region",
        );
      }
    }
    validator.throwIfInvalid('Workforce', workforce.node.path);

    const cfnPool = userPool.node.defaultChild;
    if (cfnPool instanceof cognito.CfnUserPool) {
      // SageMaker signs workers in through the pool's domain: CloudFormation creates it before the workforce.
      let domains: cognito.CfnUserPoolDomain[] | undefined;
      const domainsOfPool = () => (domains ??= userPoolDomains(userPool));
      const poolDomains: IDependable = {};
      Dependable.implement(poolDomains, { get dependencyRoots(): IConstruct[] { return domainsOfPool(); } });
      resource.node.addDependency(poolDomains);
      workforce.node.addValidation({ validate: () => (domainsOfPool().length > 0 ? [] : [noDomainError(userPool)]) });
    }

    const cfnClient = client.node.defaultChild;
    if (cfnClient instanceof cognito.CfnUserPoolClient) {
      // Served by the stack's one provider: a new id, as CloudFormation cannot move a custom resource to another provider.
      addWorkerPortalUrls(workforce, 'PortalUrls', {
        userPool,
        client: cfnClient,
        callbackUrl: binding.callbackUrl,
        logoutUrl: binding.logoutUrl,
      });
      workforce.node.addValidation({ validate: () => validateWorkerPortalClient(binding, client, cfnClient) });
    }
  }
}

class OidcIdentity extends WorkforceIdentity {
  public readonly identityProviderType = IdentityProviderType.OIDC;
  public readonly userPool = undefined;
  public readonly userPoolClient = undefined;

  constructor(private readonly props: OidcIdentityProps) {
    super();
  }

  public _bind(workforce: IConstruct, validator: Validator): WorkforceIdentityConfig {
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
    } else if (String(Stack.of(workforce).resolve(clientSecret)).startsWith('{{resolve:ssm-secure:')) {
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

/** The app client's own settings: what the portal's sign-in needs, and no URL of this workforce's. */
function validateWorkerPortalClient(
  binding: WorkforceResourceBinding,
  client: cognito.IUserPoolClient,
  resource: cognito.CfnUserPoolClient,
): string[] {
  const workforce = binding.workforce;
  const errors: string[] = [];
  const where = `the app client '${client.node.path}'`;
  const stack = Stack.of(resource);
  const workforceId = stack.resolve(binding.resource.logicalId);
  for (const [setting, urls] of [['callbackUrls', resource.callbackUrLs], ['logoutUrls', resource.logoutUrLs]] as const) {
    if (referencesResource(stack.resolve(urls), workforceId)) {
      errors.push(
        `identity app client: ${where} has ${setting} made of this workforce's attributes, which makes a dependency cycle ` +
          '(the workforce needs the client first): remove them, this library puts the worker portal\'s callback and logout ' +
          'URLs on the client once the workforce exists',
      );
    }
  }
  // A setting left out is what CloudFormation makes of it: OAuth disabled, an empty list.
  if (!Token.isUnresolved(resource.allowedOAuthFlowsUserPoolClient) && stack.resolve(resource.allowedOAuthFlowsUserPoolClient) !== true) {
    errors.push(
      `identity app client: ${where} has OAuth disabled (disableOAuth), and the worker portal signs workers in through the ` +
        "user pool's OAuth sign-in pages: enable OAuth on the client",
    );
    return errors;
  }
  const warn = (id: string, setting: string, wanted: string, actual: string[] | undefined) => {
    if (!Token.isUnresolved(actual) && !actual?.includes(wanted)) {
      Annotations.of(workforce).addWarningV2(
        `cdk-sagemaker-workteam:workerPortalClient${id}`,
        `${where} has ${setting} without ${quote(wanted)}, which AWS's examples of a worker portal's client use: without it ` +
          'workers may not be able to sign in',
      );
    }
  };
  const flows = resource.allowedOAuthFlows;
  if (!Token.isUnresolved(flows) && flows?.includes('implicit')) {
    Annotations.of(workforce).addWarningV2(
      'cdk-sagemaker-workteam:workerPortalClientImplicitGrant',
      `${where} allows the implicit grant (aws-cdk-lib's default when oAuth.flows is not given), which hands tokens to the ` +
        'browser in the URL and which the worker portal does not need: give oAuth: { flows: { authorizationCodeGrant: true } }',
    );
  }
  const callbackUrls = resource.callbackUrLs;
  if (!Token.isUnresolved(callbackUrls) && callbackUrls?.includes(CDK_DEFAULT_CALLBACK_URL)) {
    Annotations.of(workforce).addWarningV2(
      'cdk-sagemaker-workteam:workerPortalClientExampleCallback',
      `${where} allows ${quote(CDK_DEFAULT_CALLBACK_URL)} as a callback URL (aws-cdk-lib's default when oAuth.callbackUrls is ` +
        'not given), a site that is not yours, where Cognito sends sign-in codes when asked to: this library adds the ' +
        "worker portal's callback URL itself, and Cognito needs one URL at creation: give oAuth.callbackUrls one of " +
        "yours, or one that reaches no server, such as 'https://localhost'",
    );
  }
  warn('CodeGrant', 'oAuth flows', 'code', flows);
  warn('OpenidScope', 'oAuth scopes', 'openid', resource.allowedOAuthScopes);
  warn('CognitoProvider', 'supportedIdentityProviders', 'COGNITO', resource.supportedIdentityProviders);
  return errors;
}

/**
 * The error of a user pool of this app with no domain in its stack: SageMaker signs workers in through the pool's
 * domain, which must exist when it creates the workforce.
 */
function noDomainError(userPool: cognito.IUserPool): string {
  const elsewhere = userPool.node.root.node
    .findAll()
    .find((c): c is cognito.CfnUserPoolDomain => c instanceof cognito.CfnUserPoolDomain && certainlySame(c.userPoolId, userPool.userPoolId));
  if (elsewhere) {
    return `identity user pool: the domain '${elsewhere.node.path}' of '${userPool.node.path}' is in the stack ` +
      `'${Stack.of(elsewhere).node.path}', not in the user pool's stack '${Stack.of(userPool).node.path}': SageMaker needs the ` +
      "domain when it creates the workforce, and the workforce waits only for a domain of the pool's stack (a domain in " +
      "another stack deploys after the pool's, whose id it takes): define it in the user pool's stack, with " +
      "userPool.addDomain('SignIn', ...)";
  }
  return `identity user pool: '${userPool.node.path}' has no domain, which the worker portal's sign-in needs: add one, ` +
    "such as userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: 'my-labeling-workers' } })";
}

/** The domains of a user pool of this app: those in its stack that name it. */
function userPoolDomains(userPool: cognito.IUserPool): cognito.CfnUserPoolDomain[] {
  return Stack.of(userPool)
    .node.findAll()
    .filter((c): c is cognito.CfnUserPoolDomain => c instanceof cognito.CfnUserPoolDomain && certainlySame(c.userPoolId, userPool.userPoolId));
}

/** The callback URL aws-cdk-lib's `UserPoolClient` gets when OAuth is on and it is given none. */
const CDK_DEFAULT_CALLBACK_URL = 'https://example.com';

/** Whether a resolved template value holds a `Ref` or `Fn::GetAtt` of the resource with that logical id. */
function referencesResource(value: unknown, logicalId: string): boolean {
  // Strings, numbers and undefined refer to nothing; arrays are searched as objects, by their items.
  if (!(value instanceof Object)) {
    return false;
  }
  const object = value as Record<string, unknown>;
  if (object.Ref === logicalId) {
    return true;
  }
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) {
    return true;
  }
  return Object.values(object).some((item) => referencesResource(item, logicalId));
}
