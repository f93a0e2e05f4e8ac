import { Token } from 'aws-cdk-lib';
import { quote, Validator } from './private/validation';

/**
 * The AWS AI service whose results an activation condition judges.
 */
export enum ActivationConditionService {
  /** Amazon Rekognition `DetectModerationLabels`. */
  REKOGNITION = 'Amazon Rekognition DetectModerationLabels',
  /** Amazon Textract `AnalyzeDocument` (forms). */
  TEXTRACT = 'Amazon Textract AnalyzeDocument',
}

/**
 * Thresholds of a moderation label's confidence, in percent (0 to 100). Give at least one.
 */
export interface ModerationLabelConfidenceProps {
  /**
   * The moderation label, exactly as Amazon Rekognition names it (case counts), or `*` for every label.
   */
  readonly labelName: string;

  /**
   * A human loop starts when the label's confidence is below this.
   *
   * @default - no upper bound
   */
  readonly confidenceLessThan?: number;

  /**
   * A human loop starts when the label's confidence is above this.
   *
   * @default - no lower bound
   */
  readonly confidenceGreaterThan?: number;
}

/**
 * A form key of an Amazon Textract document.
 */
export interface ImportantFormKeyProps {
  /**
   * The form key, such as `Mail address`.
   */
  readonly formKey: string;

  /**
   * Other spellings of the same key, such as `Mailing address`.
   *
   * @default - none
   */
  readonly formKeyAliases?: string[];
}

/**
 * Thresholds of the confidence, in percent (0 to 100), of a form key's key-value block and word blocks. Give at
 * least one.
 */
export interface ImportantFormKeyConfidenceProps extends ImportantFormKeyProps {
  /**
   * A human loop starts when the confidence of the key-value pair is below this.
   *
   * @default - no bound
   */
  readonly keyValueBlockConfidenceLessThan?: number;

  /**
   * A human loop starts when the confidence of the key-value pair is above this.
   *
   * @default - no bound
   */
  readonly keyValueBlockConfidenceGreaterThan?: number;

  /**
   * A human loop starts when the confidence of the key's and value's words is below this.
   *
   * @default - no bound
   */
  readonly wordBlockConfidenceLessThan?: number;

  /**
   * A human loop starts when the confidence of the key's and value's words is above this.
   *
   * @default - no bound
   */
  readonly wordBlockConfidenceGreaterThan?: number;
}

/**
 * When Amazon Augmented AI starts a human loop for the result of an Amazon Rekognition or Amazon Textract call: the
 * conditions of the `HumanLoopActivationConditions` JSON (SageMaker developer guide, "JSON Schema for Human Loop
 * Activation Conditions in Amazon Augmented AI" and its Rekognition and Textract pages).
 */
export abstract class ActivationCondition {
  /**
   * Amazon Rekognition: a moderation label's confidence is in a range (`ModerationLabelConfidenceCheck`).
   */
  public static moderationLabelConfidence(props: ModerationLabelConfidenceProps): ActivationCondition {
    return new SimpleCondition('ModerationLabelConfidenceCheck', [ActivationConditionService.REKOGNITION], (validator, where) => {
      checkLabel(validator, `${where}.labelName`, props.labelName);
      const bounds = { ConfidenceLessThan: props.confidenceLessThan, ConfidenceGreaterThan: props.confidenceGreaterThan };
      checkBounds(validator, where, bounds);
      return { ModerationLabelName: props.labelName, ...bounds };
    });
  }

  /**
   * Amazon Textract: the confidence of an important form key is in a range (`ImportantFormKeyConfidenceCheck`).
   */
  public static importantFormKeyConfidence(props: ImportantFormKeyConfidenceProps): ActivationCondition {
    return new SimpleCondition('ImportantFormKeyConfidenceCheck', [ActivationConditionService.TEXTRACT], (validator, where) => {
      const bounds = {
        KeyValueBlockConfidenceLessThan: props.keyValueBlockConfidenceLessThan,
        KeyValueBlockConfidenceGreaterThan: props.keyValueBlockConfidenceGreaterThan,
        WordBlockConfidenceLessThan: props.wordBlockConfidenceLessThan,
        WordBlockConfidenceGreaterThan: props.wordBlockConfidenceGreaterThan,
      };
      checkBounds(validator, where, bounds);
      return { ...formKey(validator, where, props), ...bounds };
    });
  }

  /**
   * Amazon Textract: an important form key (or any of its aliases) is missing from the document
   * (`MissingImportantFormKey`).
   */
  public static missingImportantFormKey(props: ImportantFormKeyProps): ActivationCondition {
    return new SimpleCondition('MissingImportantFormKey', [ActivationConditionService.TEXTRACT], (validator, where) => formKey(validator, where, props));
  }

  /**
   * A random sample of the results, whatever their confidence (`Sampling`); combined with `and`, a sample of those
   * that meet the other conditions.
   *
   * @param percentage the percentage of results to review, 0.01 to 100
   */
  public static sampling(percentage: number): ActivationCondition {
    const services = [ActivationConditionService.REKOGNITION, ActivationConditionService.TEXTRACT];
    return new SimpleCondition('Sampling', services, (validator, where) => {
      if (!Token.isUnresolved(percentage) && !(percentage >= 0.01 && percentage <= 100)) {
        validator.fail(`${where}.percentage`, `${percentage} is not allowed; it must be a number from 0.01 to 100`);
      }
      return { RandomSamplingPercentage: percentage };
    });
  }

  /**
   * True when all of the conditions are (`And`).
   */
  public static and(...conditions: ActivationCondition[]): ActivationCondition {
    return new ComplexCondition('And', conditions);
  }

  /**
   * True when any of the conditions is (`Or`).
   */
  public static or(...conditions: ActivationCondition[]): ActivationCondition {
    return new ComplexCondition('Or', conditions);
  }

  /**
   * Renders the condition as the activation conditions JSON has it, recording every rule it breaks.
   *
   * @param validator collects the broken rules
   * @param where the condition's place, for errors, such as `conditions[0]`
   * @param service the service whose results the flow definition judges
   * @internal
   */
  public abstract _render(validator: Validator, where: string, service: ActivationConditionService): Record<string, unknown>;
}

class SimpleCondition extends ActivationCondition {
  constructor(
    private readonly conditionType: string,
    private readonly services: ActivationConditionService[],
    private readonly parameters: (validator: Validator, where: string) => Record<string, unknown>,
  ) {
    super();
  }

  public _render(validator: Validator, where: string, service: ActivationConditionService): Record<string, unknown> {
    if (!this.services.includes(service)) {
      validator.fail(where, `a ${this.conditionType} condition does not apply to ${service}`);
    }
    // A parameter left undefined is left out of the JSON that the source renders.
    return { ConditionType: this.conditionType, ConditionParameters: this.parameters(validator, where) };
  }
}

class ComplexCondition extends ActivationCondition {
  constructor(private readonly operator: 'And' | 'Or', private readonly conditions: ActivationCondition[]) {
    super();
  }

  public _render(validator: Validator, where: string, service: ActivationConditionService): Record<string, unknown> {
    if (this.conditions.length < 2) {
      validator.fail(where, `${this.operator.toLowerCase()} takes 2 or more conditions, not ${this.conditions.length}`);
    }
    return { [this.operator]: this.conditions.map((condition, index) => condition._render(validator, `${where}.${this.operator.toLowerCase()}[${index}]`, service)) };
  }
}

function checkLabel(validator: Validator, property: string, value: string): void {
  if (!Token.isUnresolved(value) && value.trim() === '') {
    validator.fail(property, `${quote(value)} is not allowed; it must be a moderation label name or *`);
  }
}

/** Confidence bounds are percentages, and at least one is given. */
function checkBounds(validator: Validator, where: string, bounds: Record<string, number | undefined>): void {
  const given = Object.entries(bounds).filter(([, value]) => value !== undefined);
  if (given.length === 0) {
    validator.fail(where, `give at least one of ${Object.keys(bounds).map(lowerFirst).join(', ')}`);
  }
  for (const [name, value] of given) {
    if (!Token.isUnresolved(value) && !(value! >= 0 && value! <= 100)) {
      validator.fail(`${where}.${lowerFirst(name)}`, `${value} is not allowed; it must be a percentage from 0 to 100`);
    }
  }
}

function formKey(validator: Validator, where: string, props: ImportantFormKeyProps): Record<string, unknown> {
  const keys: Array<[string, string]> = [['formKey', props.formKey]];
  props.formKeyAliases?.forEach((alias, i) => keys.push([`formKeyAliases[${i}]`, alias]));
  for (const [property, key] of keys) {
    if (!Token.isUnresolved(key) && key.trim() === '') {
      validator.fail(`${where}.${property}`, `${quote(key)} is not allowed; it must be a form key such as "Mail address"`);
    }
  }
  return { ImportantFormKey: props.formKey, ImportantFormKeyAliases: props.formKeyAliases };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
