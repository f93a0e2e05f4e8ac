import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { OidcIdentityProps } from '../src';

/** One output folder per test file, removed when the file's tests end. */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-test-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

export const ENV: Environment = { account: '123456789012', region: 'us-east-1' };

/**
 * An app whose synth fails on any finding of aws-cdk-lib's CloudFormation registry-schema validation,
 * so every template a test synthesizes is checked against the AWS::SageMaker::* schemas.
 */
export function testApp(): App {
  return new App({
    outdir,
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
}

/** A stack in a fixed account and region (`ENV`) of a new test app. */
export function testStack(env: Environment = ENV, app: App = testApp(), id = 'Stack'): Stack {
  return new Stack(app, id, { env });
}

/** A valid OIDC identity provider: the client secret in Secrets Manager, every endpoint an https URL. */
export const OIDC_PROPS: OidcIdentityProps = {
  clientId: 'labeling_portal',
  clientSecret: SecretValue.secretsManager('labeling/oidc'),
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  logoutEndpoint: 'https://idp.example.com/logout',
  jwksUri: 'https://idp.example.com/jwks',
};

/**
 * The value of a template's expression as CloudFormation resolves it at deployment: `Ref` and `Fn::GetAtt` of a
 * resource from `deployed` (by logical id, or `<logicalId>.<attribute>`), `Fn::Join` and `Fn::Select` of those.
 * What `deployed` does not name resolves to a placeholder naming it.
 */
export function resolvedAtDeployment(value: unknown, deployed: Record<string, unknown>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolvedAtDeployment(item, deployed));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const object = value as Record<string, any>;
  if ('Ref' in object) {
    return deployed[object.Ref] ?? `<${object.Ref}>`;
  }
  if ('Fn::GetAtt' in object) {
    const name = (object['Fn::GetAtt'] as string[]).join('.');
    return deployed[name] ?? `<${name}>`;
  }
  if ('Fn::Join' in object) {
    const [separator, items] = object['Fn::Join'];
    return (resolvedAtDeployment(items, deployed) as unknown[]).join(separator);
  }
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, resolvedAtDeployment(item, deployed)]));
}

/**
 * An app client fit for the worker portal: the authorization code grant only, the scopes of AWS's examples, and a
 * callback URL that reaches no server (Cognito needs one at creation; the workforce adds the portal's).
 */
export const WORKER_PORTAL_CLIENT: cognito.UserPoolClientOptions = {
  generateSecret: true,
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
    callbackUrls: ['https://localhost'],
  },
};
