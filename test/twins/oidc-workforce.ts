import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Workforce, WorkforceIdentity, WorkforceIpAddressType, Workteam } from '../../src';

/** An OIDC workforce served over IPv4 and IPv6 with two teams of OIDC groups. Twin of test/python, test/java. */
export function oidcWorkforceApp(app: App): Stack {
  const stack = new Stack(app, 'OidcWorkforce', { env: { account: '123456789012', region: 'eu-west-1' } });
  const workforce = new Workforce(stack, 'Workforce', {
    workforceName: 'reviewers',
    identity: WorkforceIdentity.oidc({
      clientId: 'labeling_portal',
      clientSecret: SecretValue.secretsManager('labeling/oidc-client-secret'),
      issuer: 'https://idp.example.com',
      authorizationEndpoint: 'https://idp.example.com/authorize',
      tokenEndpoint: 'https://idp.example.com/token',
      userInfoEndpoint: 'https://idp.example.com/userinfo',
      logoutEndpoint: 'https://idp.example.com/logout',
      jwksUri: 'https://idp.example.com/jwks',
      scope: 'openid profile groups',
      authenticationRequestExtraParams: { prompt: 'login' },
    }),
    allowedSourceIps: ['203.0.113.0/24', '2001:db8::/32'],
    ipAddressType: WorkforceIpAddressType.DUAL_STACK,
  });
  Workteam.fromOidcGroups(stack, 'Reviewers', { groups: ['reviewers', 'senior-reviewers'], workforce });
  Workteam.fromOidcGroups(stack, 'Auditors', {
    groups: ['auditors'],
    workteamName: 'auditors',
    description: 'Audits reviewed answers',
    tags: { team: 'audit' },
  });
  return stack;
}
