import { App, Stack } from 'aws-cdk-lib';
import { bedrockEvaluationApp } from './bedrock-evaluation';
import { cognitoWorkforceApp } from './cognito-workforce';
import { notificationsGrantsApp } from './notifications-grants';
import { oidcWorkforceApp } from './oidc-workforce';

/** The TypeScript twins by name: test/python/, test/java/ and test/go/ build the same apps in their language. */
export const TWINS: Record<string, (app: App) => Stack> = {
  'cognito-workforce': cognitoWorkforceApp,
  'oidc-workforce': oidcWorkforceApp,
  'notifications-grants': notificationsGrantsApp,
  'bedrock-evaluation': bedrockEvaluationApp,
};
