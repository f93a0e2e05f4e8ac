import { CountRule, StringRule } from './validation';

/*
 * The constraints of the SageMaker API (CreateWorkteam, CreateWorkforce) and of the CloudFormation registry
 * schemas of AWS::SageMaker::Workteam and AWS::SageMaker::Workforce. The service matches a pattern against
 * the whole value, so every pattern here is anchored. The tests check these rules against the published
 * API model and schemas (test/deploy-truth).
 */

/** Java's `.` stops at these line terminators; the service's `.+` patterns reject them. */
const NO_LINE_TERMINATORS = /^[^\n\r\u0085\u2028\u2029]+$/u;

/** `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`: letters, marks, symbols, numbers and punctuation; no spaces or controls. */
const VISIBLE_CHARACTERS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

export const WORKTEAM_NAME: StringRule = {
  min: 1,
  max: 63,
  pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
  allowed: 'ASCII letters, digits and hyphens, starting and ending with a letter or digit',
};

export const WORKFORCE_NAME: StringRule = {
  min: 1,
  max: 63,
  pattern: /^[a-zA-Z0-9]([a-zA-Z0-9-]){0,62}$/,
  allowed: 'ASCII letters, digits and hyphens, starting with a letter or digit',
};

export const DESCRIPTION: StringRule = {
  min: 1,
  max: 200,
  pattern: NO_LINE_TERMINATORS,
  allowed: 'one line of text',
};

export const MEMBER_DEFINITIONS: CountRule = { min: 1, max: 10 };

export const COGNITO_USER_POOL_ID: StringRule = {
  min: 1,
  max: 55,
  pattern: /^[\w-]+_[0-9a-zA-Z]+$/,
  allowed: 'a user pool id such as us-east-1_aBcDeFgHi',
};

export const COGNITO_USER_GROUP: StringRule = {
  min: 1,
  max: 128,
  pattern: VISIBLE_CHARACTERS,
  allowed: 'letters, marks, symbols, numbers and punctuation, without spaces',
};

export const CLIENT_ID: StringRule = {
  min: 1,
  max: 1024,
  pattern: /^[ -~]+$/,
  allowed: 'printable ASCII characters',
};

export const OIDC_GROUPS: CountRule = { min: 1, max: 10 };

export const OIDC_GROUP: StringRule = {
  min: 1,
  max: 63,
  pattern: VISIBLE_CHARACTERS,
  allowed: 'letters, marks, symbols, numbers and punctuation, without spaces',
};

export const SNS_TOPIC_ARN: StringRule = {
  min: 1,
  max: 2048,
  pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]*:[0-9]{12}:[a-zA-Z0-9_.-]*$/,
  allowed: 'the ARN of an SNS topic',
};

export const TAGS: CountRule = { min: 0, max: 50 };

const TAG_CHARACTERS = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

export const TAG_KEY: StringRule = {
  min: 1,
  max: 128,
  pattern: TAG_CHARACTERS,
  allowed: 'letters, numbers, spaces and _ . : / = + - @',
};

export const TAG_VALUE: StringRule = {
  min: 0,
  max: 256,
  pattern: TAG_CHARACTERS,
  allowed: 'letters, numbers, spaces and _ . : / = + - @',
};

/** Tag keys with this prefix are reserved for AWS. */
export const RESERVED_TAG_PREFIX = 'aws:';

/** SageMaker allows at most this many work teams in one account and region (ResourceLimitExceeded). */
export const MAX_WORKTEAMS_PER_REGION = 25;
