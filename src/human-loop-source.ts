import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ActivationCondition, ActivationConditionService } from './activation-condition';
import { IHumanTaskUi } from './human-task-ui';
import { ACTIVATION_CONDITIONS } from './private/rules';
import { Validator } from './private/validation';

/**
 * What a flow definition gives SageMaker: the human task UI, and for an AWS service that starts the human loops itself,
 * its request source and activation conditions.
 */
export interface HumanLoopSourceConfig {
  /** The ARN of the worker task UI. */
  readonly humanTaskUiArn: string;

  /**
   * `HumanLoopRequestSource.AwsManagedHumanLoopRequestSource`.
   *
   * @default - none: the user's own StartHumanLoop calls start the human loops
   */
  readonly awsManagedRequestSource?: string;

  /**
   * `HumanLoopActivationConditions`, JSON text.
   *
   * @default - none
   */
  readonly activationConditions?: string;

  /**
   * Whether Amazon Bedrock's model evaluation jobs start the human loops.
   */
  readonly bedrockModelEvaluation: boolean;
}

/**
 * Options of the human loops Amazon Rekognition or Amazon Textract start.
 */
export interface AiServiceHumanLoopOptions {
  /**
   * The worker task UI: a template with the task type's elements (such as `crowd-rekognition-detect-moderation-labels`
   * or `crowd-textract-analyze-document`).
   */
  readonly humanTaskUi: IHumanTaskUi;

  /**
   * When the service starts a human loop: 1 or more conditions, any of which starts one. The JSON they render may
   * have at most 10,240 characters.
   */
  readonly conditions: ActivationCondition[];
}

/**
 * What starts the human loops of a flow definition, and what the workers see.
 *
 * In late 2026, Amazon Bedrock model evaluations are open to every account; Amazon Augmented AI (Rekognition,
 * Textract and custom tasks) is open to its existing customers only (see the README).
 */
export abstract class HumanLoopSource {
  /**
   * Amazon Bedrock human-based model evaluation jobs ("bring your own work team"): pass the flow definition's ARN to
   * Bedrock's `CreateEvaluationJob` (`evaluationConfig.human.humanWorkflowConfig.flowDefinitionArn`).
   *
   * The request source is `AWS/Bedrock/Evaluation` and the task UI the SageMaker-owned one of the stack's region, as
   * the Bedrock user guide ("Create a human-based model evaluation job") gives them; the SageMaker API model's list
   * of request sources does not have this value.
   */
  public static bedrockModelEvaluation(): HumanLoopSource {
    return new BedrockEvaluationSource();
  }

  /**
   * Human loops your application starts with Amazon Augmented AI's `StartHumanLoop` (a custom task type). Custom task
   * types take no activation conditions: every StartHumanLoop call starts one.
   *
   * @param humanTaskUi the worker task UI
   */
  public static customTask(humanTaskUi: IHumanTaskUi): HumanLoopSource {
    return new ManagedSource(humanTaskUi);
  }

  /**
   * Human loops Amazon Rekognition's `DetectModerationLabels` starts, when its `HumanLoopConfig` names the flow
   * definition and a condition holds (`AWS/Rekognition/DetectModerationLabels/Image/V3`).
   */
  public static rekognitionModeration(options: AiServiceHumanLoopOptions): HumanLoopSource {
    return new ManagedSource(options.humanTaskUi, {
      requestSource: 'AWS/Rekognition/DetectModerationLabels/Image/V3',
      service: ActivationConditionService.REKOGNITION,
      conditions: options.conditions,
    });
  }

  /**
   * Human loops Amazon Textract's `AnalyzeDocument` (forms) starts, when its `HumanLoopConfig` names the flow
   * definition and a condition holds (`AWS/Textract/AnalyzeDocument/Forms/V1`).
   */
  public static textractForms(options: AiServiceHumanLoopOptions): HumanLoopSource {
    return new ManagedSource(options.humanTaskUi, {
      requestSource: 'AWS/Textract/AnalyzeDocument/Forms/V1',
      service: ActivationConditionService.TEXTRACT,
      conditions: options.conditions,
    });
  }

  /**
   * Renders the source for a flow definition, recording every rule it breaks.
   *
   * @internal
   */
  public abstract _bind(scope: Construct, validator: Validator): HumanLoopSourceConfig;
}

/** The SageMaker account that owns the human task UI of Bedrock's model evaluations in every region. */
const BEDROCK_EVALUATION_UI_ACCOUNT = '394669845002';

class BedrockEvaluationSource extends HumanLoopSource {
  public _bind(scope: Construct): HumanLoopSourceConfig {
    // Bedrock user guide, "Create a human-based model evaluation job" (API and AWS CLI): "the HumanTaskUiArn is a
    // SageMaker AI owned ARN. In the ARN, you can only modify the AWS Region":
    // arn:aws:sagemaker:<region>:394669845002:human-task-ui/Evaluation, with `AWS/Bedrock/Evaluation` as the
    // AwsManagedHumanLoopRequestSource.
    const humanTaskUiArn = Stack.of(scope).formatArn({
      service: 'sagemaker',
      account: BEDROCK_EVALUATION_UI_ACCOUNT,
      resource: 'human-task-ui',
      resourceName: 'Evaluation',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    return { humanTaskUiArn, awsManagedRequestSource: 'AWS/Bedrock/Evaluation', bedrockModelEvaluation: true };
  }
}

/** An AWS service that starts the human loops itself: its request source, and its activation conditions. */
interface ServiceActivation {
  readonly requestSource: string;
  readonly service: ActivationConditionService;
  readonly conditions: ActivationCondition[];
}

class ManagedSource extends HumanLoopSource {
  /** @param activation without it, the user's own StartHumanLoop calls start the human loops (a custom task) */
  constructor(private readonly humanTaskUi: IHumanTaskUi, private readonly activation?: ServiceActivation) {
    super();
  }

  public _bind(scope: Construct, validator: Validator): HumanLoopSourceConfig {
    let activationConditions: string | undefined;
    if (this.activation) {
      const { service, conditions } = this.activation;
      validator.count('source conditions', conditions, { min: 1, max: Number.POSITIVE_INFINITY });
      const rendered = conditions.map((condition, index) => condition._render(validator, `source conditions[${index}]`, service));
      // Tokens (such as a number parameter) become CloudFormation references inside the JSON text.
      const plain = JSON.stringify({ Conditions: rendered });
      activationConditions = Token.isUnresolved(plain) ? Stack.of(scope).toJsonString({ Conditions: rendered }) : plain;
      if (!Token.isUnresolved(activationConditions) && activationConditions.length > ACTIVATION_CONDITIONS.max) {
        validator.fail('source conditions', `render ${activationConditions.length} characters of JSON; SageMaker allows at most ${ACTIVATION_CONDITIONS.max}`);
      }
    }
    return {
      humanTaskUiArn: this.humanTaskUi.humanTaskUiArn,
      awsManagedRequestSource: this.activation?.requestSource,
      activationConditions,
      bedrockModelEvaluation: false,
    };
  }
}
