import { CfnParameter, SecretValue } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { OIDC_PROPS, testStack } from './util';
import { IdentityProviderType, OidcIdentityProps, Workforce, WorkforceIdentity } from '../src';

const OIDC = OIDC_PROPS;

function workforceWith(props: Partial<OidcIdentityProps>) {
  return () => new Workforce(testStack(), 'Workforce', { identity: WorkforceIdentity.oidc({ ...OIDC, ...props }) });
}

describe('WorkforceIdentity.cognito', () => {
  test('is a Cognito identity of the pool and client', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');

    const identity = WorkforceIdentity.cognito(pool, client);

    expect(identity.identityProviderType).toBe(IdentityProviderType.COGNITO);
    expect(identity.userPool).toBe(pool);
    expect(identity.userPoolClient).toBe(client);
  });

  test('fails for a user pool id and an app client id SageMaker would not accept', () => {
    const stack = testStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'pool');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Client', 'c'.repeat(1025));

    expect(() => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.cognito(pool, client) })).toThrow(
      /identity user pool id: "pool" is not allowed.*\n.*identity app client id: .* has 1025 characters/,
    );
  });
});

describe('WorkforceIdentity.oidc', () => {
  test('is an OIDC identity without a user pool', () => {
    const identity = WorkforceIdentity.oidc(OIDC);

    expect(identity.identityProviderType).toBe(IdentityProviderType.OIDC);
    expect(identity.userPool).toBeUndefined();
    expect(identity.userPoolClient).toBeUndefined();
  });

  test('renders the scope and extra authentication parameters', () => {
    const stack = testStack();

    new Workforce(stack, 'Workforce', {
      identity: WorkforceIdentity.oidc({ ...OIDC, scope: 'openid profile groups', authenticationRequestExtraParams: { prompt: 'login' } }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workforce', {
      OidcConfig: {
        ClientSecret: '{{resolve:secretsmanager:labeling/oidc:SecretString:::}}',
        Scope: 'openid profile groups',
        AuthenticationRequestExtraParams: { prompt: 'login' },
      },
    });
  });

  test('fails for a client secret in plain text, which would be written into the template', () => {
    expect(workforceWith({ clientSecret: SecretValue.unsafePlainText('s3cr3t') })).toThrow(
      /identity clientSecret: the secret is plain text and would be written into the template/,
    );
  });

  test('fails for a client secret in SSM, which CloudFormation does not resolve in a workforce', () => {
    expect(workforceWith({ clientSecret: SecretValue.ssmSecure('/labeling/oidc-secret') })).toThrow(
      /identity clientSecret: CloudFormation resolves ssm-secure references only in a few resource properties/,
    );
  });

  test('takes a client secret from a NoEcho parameter', () => {
    const stack = testStack();
    const clientSecret = SecretValue.cfnParameter(new CfnParameter(stack, 'Secret', { noEcho: true }));

    expect(() => new Workforce(stack, 'Workforce', { identity: WorkforceIdentity.oidc({ ...OIDC, clientSecret }) })).not.toThrow();
  });

  test.each(['my-client', 'client.id', 'client id', ''])('fails for the client id %j, outside CloudFormation\'s pattern', (clientId) => {
    expect(workforceWith({ clientId })).toThrow(/identity clientId: /);
  });

  test('takes a client id of 1024 letters, digits, _ and +', () => {
    expect(workforceWith({ clientId: 'Ab0_+'.repeat(205).slice(0, 1024) })).not.toThrow();
    expect(workforceWith({ clientId: 'a'.repeat(1025) })).toThrow(/identity clientId: .* has 1025 characters/);
  });

  test.each(['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'logoutEndpoint', 'jwksUri'] as const)(
    'fails for a %s that is not an https URL of at most 500 characters',
    (endpoint) => {
      expect(workforceWith({ [endpoint]: 'http://idp.example.com' })).toThrow(new RegExp(`identity ${endpoint}: "http://idp.example.com" is not allowed`));
      expect(workforceWith({ [endpoint]: 'https://idp.example.com/a b' })).toThrow(new RegExp(`identity ${endpoint}: .* is not allowed`));
      expect(workforceWith({ [endpoint]: `https://${'a'.repeat(493)}` })).toThrow(new RegExp(`identity ${endpoint}: .* has 501 characters`));
      expect(workforceWith({ [endpoint]: `https://${'a'.repeat(492)}` })).not.toThrow();
    },
  );

  // The API's Java `\S` excludes only ASCII whitespace; CloudFormation's `^https://.*$` excludes only \n.
  test.each(['\u00a0', '\u2003', '\u3000', '\u2028', '\u0085', '\u{1F600}'])('takes an endpoint with %j, which both the API and CloudFormation take', (c) => {
    expect(workforceWith({ issuer: `https://idp.example.com/${c}x`, jwksUri: `https://${c}` })).not.toThrow();
  });

  test.each([' ', '\t', '\n', '\x0B', '\f', '\r'])('fails for an endpoint with the ASCII whitespace %j', (c) => {
    expect(workforceWith({ tokenEndpoint: `https://idp.example.com/${c}x` })).toThrow(
      /identity tokenEndpoint: .* is not allowed; it must be an https URL without ASCII whitespace/,
    );
  });

  test.each([
    ['with two spaces in a row', 'openid  profile'],
    ['with a double quote', 'openid "profile"'],
    ['with a backslash', 'openid\\profile'],
    ['with a trailing space', 'openid '],
    ['with a non-ASCII letter', 'openid prófile'],
    ['that is empty', ''],
  ])('fails for a scope %s', (_, scope) => {
    expect(workforceWith({ scope })).toThrow(/identity scope: /);
  });

  test('fails for a scope of 501 characters, and takes 500', () => {
    expect(workforceWith({ scope: 'a'.repeat(501) })).toThrow(/identity scope: .* has 501 characters/);
    expect(workforceWith({ scope: 'a'.repeat(500) })).not.toThrow();
  });

  test('fails for 11 extra authentication parameters, and takes 10', () => {
    const params = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, 'v']));
    expect(workforceWith({ authenticationRequestExtraParams: params(11) })).toThrow(/identity authenticationRequestExtraParams: has 11 items/);
    expect(workforceWith({ authenticationRequestExtraParams: params(10) })).not.toThrow();
  });

  test.each([
    ['an empty value', { key: '' }, /identity authenticationRequestExtraParams\["key"\]: "" has 0 characters/],
    ['a value of 513 characters', { key: 'v'.repeat(513) }, /has 513 characters/],
    ['a value on two lines', { key: 'a\nb' }, /is not allowed; it must be letters, marks, symbols, numbers and punctuation, without spaces/],
    ['a value with a space, which the registry schema does not take', { prompt: 'select_account login' }, /identity authenticationRequestExtraParams\["prompt"\]: "select_account login" is not allowed/],
    ['a value with a control character', { prompt: 'login\u0000' }, /identity authenticationRequestExtraParams\["prompt"\]: .* is not allowed/],
    ['a key on two lines', { 'a\nb': 'v' }, /identity authenticationRequestExtraParams key "a\\nb": .* is not allowed; it must be one line of text/],
    ['a key of 513 characters', { ['k'.repeat(513)]: 'v' }, /identity authenticationRequestExtraParams key .* has 513 characters/],
  ])('fails for an extra authentication parameter with %s', (_, authenticationRequestExtraParams, error) => {
    expect(workforceWith({ authenticationRequestExtraParams })).toThrow(error);
  });

  test('fails for an extra authentication parameter named __proto__, which aws-cdk-lib drops from the template', () => {
    const authenticationRequestExtraParams = JSON.parse('{"prompt": "login", "__proto__": "x"}');

    expect(workforceWith({ authenticationRequestExtraParams })).toThrow(
      /identity authenticationRequestExtraParams key "__proto__": aws-cdk-lib drops a key named __proto__ from the template/,
    );
  });

  test.each(['Ref', 'Fn::Base64', 'Fn::Join'])('fails for a single extra authentication parameter named %s, which CloudFormation reads as a function', (key) => {
    expect(workforceWith({ authenticationRequestExtraParams: { [key]: 'x' } })).toThrow(
      new RegExp(`identity authenticationRequestExtraParams key "${key}": CloudFormation would read a map whose only key is Ref or Fn::\\.\\.\\. as an intrinsic function`),
    );
  });

  test('takes parameters named constructor, Condition and Ref beside another', () => {
    const stack = testStack();
    new Workforce(stack, 'Workforce', {
      identity: WorkforceIdentity.oidc({ ...OIDC, authenticationRequestExtraParams: { constructor: 'a', Condition: 'b', Ref: 'c' } }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::SageMaker::Workforce', {
      OidcConfig: { AuthenticationRequestExtraParams: { constructor: 'a', Condition: 'b', Ref: 'c' } },
    });
  });
});
