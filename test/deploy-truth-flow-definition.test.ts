import * as fc from 'fast-check';
import { loadSageMakerModel, shapeAt } from './deploy-truth/api-model';
import { javaPatternToRegExp } from './deploy-truth/java-regex';
import { assertProperty } from './deploy-truth/properties';
import {
  ACTIVATION_CONDITIONS,
  FLOW_DEFINITION_NAME,
  HUMAN_TASK_TEMPLATE,
  HUMAN_TASK_UI_NAME,
  KMS_KEY_ID,
  ROLE_ARN,
  S3_OUTPUT_PATH,
  TASK_AVAILABILITY_LIFETIME_SECONDS,
  TASK_COUNT,
  TASK_DESCRIPTION,
  TASK_KEYWORD,
  TASK_KEYWORDS,
  TASK_TIME_LIMIT_SECONDS,
  TASK_TITLE,
} from '../src/private/rules';
import { NumberRule, StringRule } from '../src/private/validation';

/*
 * The rules of CreateHumanTaskUi and CreateFlowDefinition (src/private/rules.ts) against the committed API model:
 * the same bounds, and patterns that accept exactly what the model's Java patterns accept.
 */

const model = loadSageMakerModel();

const STRING_RULES: [string, string, readonly string[], StringRule][] = [
  ['HUMAN_TASK_UI_NAME', 'CreateHumanTaskUi', ['HumanTaskUiName'], HUMAN_TASK_UI_NAME],
  ['HUMAN_TASK_TEMPLATE', 'CreateHumanTaskUi', ['UiTemplate', 'Content'], HUMAN_TASK_TEMPLATE],
  ['FLOW_DEFINITION_NAME', 'CreateFlowDefinition', ['FlowDefinitionName'], FLOW_DEFINITION_NAME],
  ['TASK_TITLE', 'CreateFlowDefinition', ['HumanLoopConfig', 'TaskTitle'], TASK_TITLE],
  ['TASK_DESCRIPTION', 'CreateFlowDefinition', ['HumanLoopConfig', 'TaskDescription'], TASK_DESCRIPTION],
  ['TASK_KEYWORD', 'CreateFlowDefinition', ['HumanLoopConfig', 'TaskKeywords', 'member'], TASK_KEYWORD],
  ['ACTIVATION_CONDITIONS', 'CreateFlowDefinition', ['HumanLoopActivationConfig', 'HumanLoopActivationConditionsConfig', 'HumanLoopActivationConditions'], ACTIVATION_CONDITIONS],
  ['S3_OUTPUT_PATH', 'CreateFlowDefinition', ['OutputConfig', 'S3OutputPath'], S3_OUTPUT_PATH],
  ['KMS_KEY_ID', 'CreateFlowDefinition', ['OutputConfig', 'KmsKeyId'], KMS_KEY_ID],
  ['ROLE_ARN', 'CreateFlowDefinition', ['RoleArn'], ROLE_ARN],
];

/** The shape at a path, where `member` steps into a list's items. */
function shape(operation: string, path: readonly string[]) {
  if (path[path.length - 1] === 'member') {
    const list = shapeAt(model, operation, path.slice(0, -1));
    return { ...model.shapes[list.member!.shape], name: list.member!.shape };
  }
  return shapeAt(model, operation, path);
}

/** Strings near the pattern's language: its own characters, line breaks, controls, astral characters. */
const nearStrings = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'Z', '0', '9', '-', ' ', '/', ':', '_', '.', '\t', '\n', '\r', '\u0000', '\u0085', '\u2028', '\uFFFE', 'é', '😀', 's', '3', 'h'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

describe.each(STRING_RULES)('%s', (_name, operation, path, rule) => {
  const modelShape = shape(operation, path);

  test('has the model\'s bounds', () => {
    expect({ min: rule.min, max: rule.max }).toEqual({ min: modelShape.min ?? 0, max: modelShape.max ?? Number.POSITIVE_INFINITY });
  });

  test('accepts exactly what the model\'s pattern accepts', () => {
    const modelPattern = modelShape.pattern === undefined ? undefined : javaPatternToRegExp(modelShape.pattern);
    const prefixes = ['', 'arn:aws:iam::123456789012:role/', 's3://bucket/', 'https://'];
    assertProperty(fc.tuple(fc.constantFrom(...prefixes), nearStrings), ([prefix, rest]) => {
      const value = prefix + rest;
      if (/\p{Cs}/u.test(value)) {
        return; // a lone surrogate cannot be sent as UTF-8 JSON
      }
      const inBounds = (min: number, max: number) => value.length >= min && value.length <= max;
      const ruleAccepts = inBounds(rule.min, rule.max) && (rule.pattern?.test(value) ?? true);
      const modelAccepts = inBounds(modelShape.min ?? 0, modelShape.max ?? Infinity) && (modelPattern?.test(value) ?? true);
      expect([value, ruleAccepts]).toEqual([value, modelAccepts]);
    });
  });
});

const NUMBER_RULES: [string, readonly string[], NumberRule][] = [
  ['TASK_COUNT', ['HumanLoopConfig', 'TaskCount'], TASK_COUNT],
  ['TASK_AVAILABILITY_LIFETIME_SECONDS', ['HumanLoopConfig', 'TaskAvailabilityLifetimeInSeconds'], TASK_AVAILABILITY_LIFETIME_SECONDS],
  ['TASK_TIME_LIMIT_SECONDS', ['HumanLoopConfig', 'TaskTimeLimitInSeconds'], TASK_TIME_LIMIT_SECONDS],
];

test.each(NUMBER_RULES)('%s has the model\'s bounds', (_name, path, rule) => {
  const modelShape = shapeAt(model, 'CreateFlowDefinition', path);

  expect(modelShape.type).toBe('integer');
  expect(rule).toEqual({ min: modelShape.min, max: modelShape.max ?? Number.POSITIVE_INFINITY });
});

test('TASK_KEYWORDS has the model\'s item counts', () => {
  const modelShape = shapeAt(model, 'CreateFlowDefinition', ['HumanLoopConfig', 'TaskKeywords']);

  expect(TASK_KEYWORDS).toEqual({ min: modelShape.min, max: modelShape.max });
});
