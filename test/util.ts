import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
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

/** A violation of cdk-nag's validation report (`validation-report.json`). */
export interface NagViolation {
  readonly ruleName: string;
  readonly violatingConstructs: { readonly constructPath: string }[];
}

/**
 * The violations of a cdk-nag report, without the `AwsSolutions-L1` findings that only say aws-cdk-lib names a
 * Node.js runtime newer than the one it calls available in all regions.
 *
 * `AwsSolutions-L1` wants a function on the newest runtime of its family in the installed aws-cdk-lib's
 * `Runtime.ALL`. From aws-cdk-lib 2.278.0 (or earlier) that is `nodejs26.x`, while `Runtime.NODEJS_LATEST`, "the
 * latest NodeJS version currently available in ALL regions", and the runtime of aws-cdk-lib's own provider
 * framework stay `nodejs24.x`: the library's handler runs on that one, as its template must deploy in every
 * region. Such a finding is dropped only while both hold (the installed aws-cdk-lib names a newer Node.js runtime,
 * and the function runs on `NODEJS_LATEST`); with the pinned aws-cdk-lib 2.271.0, whose newest is `nodejs24.x`,
 * nothing is dropped, and a function on an older runtime is always reported.
 */
export function withoutNodeLatestL1(app: App, violations: NagViolation[]): NagViolation[] {
  const latest = lambda.Runtime.NODEJS_LATEST.name;
  const version = (name: string) => Number(/^nodejs(\d+)/.exec(name)?.[1] ?? 0);
  const newerNamed = lambda.Runtime.ALL.some((runtime) => runtime.family === lambda.RuntimeFamily.NODEJS && version(runtime.name) > version(latest));
  const onLatest = (constructPath: string) => {
    const construct = app.node.findAll().find((c) => c.node.path === constructPath);
    return construct instanceof lambda.CfnFunction && construct.runtime === latest;
  };
  return violations.filter(
    (violation) => !(newerNamed && violation.ruleName === 'AwsSolutions-L1' && violation.violatingConstructs.every((c) => onLatest(c.constructPath))),
  );
}
