import { UNICODE_16_LETTERS_SEPARATORS_NUMBERS } from './unicode-16';
import { CountRule, NumberRule, StringRule } from './validation';

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

/** CloudFormation's AWS::SageMaker::Workteam allows 128 characters where the API allows 1024. */
export const WORKTEAM_CLIENT_ID: StringRule = { ...CLIENT_ID, max: 128 };

/** CloudFormation's AWS::SageMaker::Workforce narrows the API's `[ -~]+` to `^[\w+]+$`. */
export const OIDC_CLIENT_ID: StringRule = {
  min: 1,
  max: 1024,
  pattern: /^[A-Za-z0-9_+]+$/,
  shownPattern: '^[\\w+]+$',
  allowed: 'ASCII letters, digits, _ and +',
};

export const OIDC_GROUPS: CountRule = { min: 1, max: 10 };

export const OIDC_GROUP: StringRule = {
  min: 1,
  max: 63,
  pattern: VISIBLE_CHARACTERS,
  allowed: 'letters, marks, symbols, numbers and punctuation, without spaces',
};

/** The API model gives the topic ARN a pattern and no maximum length. */
export const SNS_TOPIC_ARN: StringRule = {
  min: 1,
  max: Number.POSITIVE_INFINITY,
  pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]*:[0-9]{12}:[a-zA-Z0-9_.-]*$/,
  allowed: 'the ARN of an SNS topic',
};

/**
 * The API allows 500 characters of `https://\S+`, where Java's `\S` excludes only ASCII whitespace
 * ([ \t\n\x0B\f\r], not JavaScript's Unicode spaces such as U+00A0); CloudFormation allows 500 of
 * `^https://.*$`, where its engine's `.` excludes only \n. Both accept exactly: `https://`, then one or more
 * characters that are not ASCII whitespace.
 */
export const OIDC_ENDPOINT: StringRule = {
  min: 1,
  max: 500,
  pattern: /^https:\/\/[^ \t\n\x0B\f\r]+$/,
  allowed: 'an https URL without ASCII whitespace (space, tab, line breaks)',
};

/** The API allows 1024 characters; CloudFormation 500. */
export const OIDC_SCOPE: StringRule = {
  min: 1,
  max: 500,
  pattern: /^[!#-\[\]-~]+( [!#-\[\]-~]+)*$/,
  allowed: 'scopes of printable ASCII characters other than " and \\, separated by single spaces',
};

export const OIDC_EXTRA_PARAMS: CountRule = { min: 0, max: 10 };

/** The API allows keys of `.*` up to 512; the CloudFormation schema's `patternProperties` `^.+$`: one line, not empty. */
export const OIDC_EXTRA_PARAM_KEY: StringRule = { min: 1, max: 512, pattern: NO_LINE_TERMINATORS, allowed: 'one line of text' };

/**
 * The API allows values of `.*` up to 512; the CloudFormation schema `^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`, which
 * CloudFormation Validate does not check (it skips the patterns of `patternProperties`) and CloudFormation does at
 * deployment: no spaces, no control characters.
 */
export const OIDC_EXTRA_PARAM_VALUE: StringRule = {
  min: 1,
  max: 512,
  pattern: VISIBLE_CHARACTERS,
  allowed: 'letters, marks, symbols, numbers and punctuation, without spaces',
};

export const SOURCE_IP_CIDRS: CountRule = { min: 1, max: 10 };

/**
 * The API model's CIDR pattern, verbatim. A string rather than a literal: StrykerJS's regex mutator never finishes
 * on it, and it skips a pattern that `new RegExp` builds from a constant.
 */
const CIDR_PATTERN = '(^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\\/(3[0-2]|[1-2][0-9]|[0-9]))$)|(^s*((([0-9A-Fa-f]{1,4}:){7}([0-9A-Fa-f]{1,4}|:))|(([0-9A-Fa-f]{1,4}:){6}(:[0-9A-Fa-f]{1,4}|((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3})|:))|(([0-9A-Fa-f]{1,4}:){5}(((:[0-9A-Fa-f]{1,4}){1,2})|:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3})|:))|(([0-9A-Fa-f]{1,4}:){4}(((:[0-9A-Fa-f]{1,4}){1,3})|((:[0-9A-Fa-f]{1,4})?:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){3}(((:[0-9A-Fa-f]{1,4}){1,4})|((:[0-9A-Fa-f]{1,4}){0,2}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){2}(((:[0-9A-Fa-f]{1,4}){1,5})|((:[0-9A-Fa-f]{1,4}){0,3}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){1}(((:[0-9A-Fa-f]{1,4}){1,6})|((:[0-9A-Fa-f]{1,4}){0,4}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(:(((:[0-9A-Fa-f]{1,4}){1,7})|((:[0-9A-Fa-f]{1,4}){0,5}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:)))(%.+)?s*(\\/(12[0-8]|1[0-1][0-9]|[1-9][0-9]|[0-9]))$)';

/**
 * The API model's CIDR pattern, as SageMaker and CloudFormation apply it. Its IPv6 branch writes `d` (the
 * letter) where a digit is meant in embedded IPv4 addresses, so only its `25[0-5]` alternative takes digits:
 * an IPv4-mapped IPv6 address matches only when each of its four numbers is 250 to 255
 * (`::ffff:255.255.255.255/128` matches, `::ffff:10.0.0.1/128` does not).
 */
export const CIDR: StringRule = {
  min: 4,
  max: 64,
  pattern: new RegExp(CIDR_PATTERN),
  allowed: 'an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32',
};

/*
 * The API allows `^vpc-[0-9a-z]*$` (and the like) up to 32 characters; CloudFormation checks the EC2 id format,
 * 8 or 17 hexadecimal digits, which every real id has.
 */
export const VPC_ID: StringRule = { min: 1, max: 32, pattern: /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, allowed: 'a VPC id such as vpc-0123456789abcdef0' };
export const SUBNET_ID: StringRule = { min: 1, max: 32, pattern: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, allowed: 'a subnet id such as subnet-0123456789abcdef0' };
export const SECURITY_GROUP_ID: StringRule = { min: 1, max: 32, pattern: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, allowed: 'a security group id such as sg-0123456789abcdef0' };

export const WORKFORCE_SUBNETS: CountRule = { min: 1, max: 16 };

export const WORKFORCE_SECURITY_GROUPS: CountRule = { min: 1, max: 5 };

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

/*
 * The registry schema of AWS::SageMaker::Workforce (unlike that of AWS::SageMaker::Workteam, which states no
 * pattern for tags) gives tag keys and values the API's pattern, and CloudFormation Validate (the engine aws-cdk-lib
 * bundles) matches its \p{L}, \p{Z} and \p{N} with the tables of Unicode 16.0: a letter new in a later Unicode
 * version, which Node's `\p{L}` may know (Node 20.20: Unicode 17.0), fails the schema.
 */
function withUnicode16Characters(rule: StringRule): StringRule {
  let unicode16TagCharacters: RegExp | undefined;
  return {
    min: rule.min,
    max: rule.max,
    // TAG_CHARACTERS with the letters, separators and numbers of Unicode 16.0 (src/private/unicode-16.ts, generated),
    // whatever the Unicode version of Node's ICU. Built on first use: its class has hundreds of ranges.
    get pattern() {
      unicode16TagCharacters ??= new RegExp(`^[${UNICODE_16_LETTERS_SEPARATORS_NUMBERS}_.:/=+\\-@]*$`, 'u');
      return unicode16TagCharacters;
    },
    shownPattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$ of Unicode 16.0',
    allowed: 'letters, numbers and spaces of Unicode 16.0 and _ . : / = + - @',
  };
}

export const WORKFORCE_TAG_KEY = withUnicode16Characters(TAG_KEY);

export const WORKFORCE_TAG_VALUE = withUnicode16Characters(TAG_VALUE);

/** Tag keys with this prefix are reserved for AWS. */
export const RESERVED_TAG_PREFIX = 'aws:';

/** SageMaker allows at most this many work teams in one account and region (ResourceLimitExceeded). */
export const MAX_WORKTEAMS_PER_REGION = 25;

/*
 * CreateHumanTaskUi and CreateFlowDefinition (no CloudFormation type: the library's custom resource calls it).
 */

/** CreateHumanTaskUi's `HumanTaskUiName`: lower-case letters, digits and hyphens. */
export const HUMAN_TASK_UI_NAME: StringRule = {
  min: 1,
  max: 63,
  pattern: /^[a-z0-9](-*[a-z0-9])*$/,
  allowed: 'lower-case ASCII letters, digits and hyphens, starting and ending with a letter or digit',
};

/** CreateHumanTaskUi's `UiTemplate.Content`: `[\S\s]+`, anything not empty. */
export const HUMAN_TASK_TEMPLATE: StringRule = { min: 1, max: 128_000, allowed: 'a Liquid HTML template' };

export const FLOW_DEFINITION_NAME: StringRule = {
  min: 1,
  max: 63,
  pattern: /^[a-z0-9](-*[a-z0-9]){0,62}$/,
  allowed: 'lower-case ASCII letters, digits and hyphens, starting and ending with a letter or digit',
};

/** `[\t\n\r -\uD7FF\uE000-\uFFFD]*`: XML's characters of the Basic Multilingual Plane; no other control characters. */
export const TASK_TITLE: StringRule = {
  min: 1,
  max: 128,
  pattern: /^[\t\n\r -\uD7FF\uE000-\uFFFD]*$/u,
  shownPattern: '[\\t\\n\\r -\\uD7FF\\uE000-\\uFFFD]*',
  allowed: 'text without control characters other than tab and line breaks, and without characters beyond U+FFFD (such as emoji)',
};

export const TASK_DESCRIPTION: StringRule = { min: 1, max: 255, pattern: NO_LINE_TERMINATORS, allowed: 'one line of text' };

export const TASK_KEYWORDS: CountRule = { min: 1, max: 5 };

export const TASK_KEYWORD: StringRule = {
  min: 1,
  max: 30,
  pattern: /^[A-Za-z0-9]+( [A-Za-z0-9]+)*$/,
  allowed: 'ASCII letters and digits, words separated by single spaces',
};

/** Workers per object (`TaskCount`). */
export const TASK_COUNT: NumberRule = { min: 1, max: 3 };

/** `TaskAvailabilityLifetimeInSeconds`: botocore 1.29 capped it at 864,000; the current model has no maximum. */
export const TASK_AVAILABILITY_LIFETIME_SECONDS: NumberRule = { min: 1, max: Number.POSITIVE_INFINITY };

/** `TaskTimeLimitInSeconds`: botocore 1.29 capped it at 28,800; the current model has no maximum. */
export const TASK_TIME_LIMIT_SECONDS: NumberRule = { min: 30, max: Number.POSITIVE_INFINITY };

/** `HumanLoopActivationConditions`: a JSON document of at most 10,240 characters. */
export const ACTIVATION_CONDITIONS: StringRule = { min: 0, max: 10_240, allowed: 'a JSON document' };

/** `OutputConfig.S3OutputPath`. */
export const S3_OUTPUT_PATH: StringRule = {
  min: 0,
  max: 1024,
  // Java's `.` of the model's `(https|s3)://([^/]+)/?(.*)` stops at line terminators.
  pattern: /^(https|s3):\/\/([^/]+)\/?[^\n\r\u0085\u2028\u2029]*$/,
  shownPattern: '(https|s3)://([^/]+)/?(.*)',
  allowed: 'an s3:// or https:// URI on one line',
};

/** `OutputConfig.KmsKeyId`: a key id, key ARN, alias name or alias ARN. */
export const KMS_KEY_ID: StringRule = { min: 0, max: 2048, pattern: /^[a-zA-Z0-9:/_-]*$/, allowed: 'a KMS key id, key ARN, alias name or alias ARN' };

/** `RoleArn`. */
export const ROLE_ARN: StringRule = {
  min: 20,
  max: 2048,
  pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
  allowed: 'the ARN of an IAM role',
};
