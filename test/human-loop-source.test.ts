import { CfnParameter, Stack } from 'aws-cdk-lib';
import { testStack } from './util';
import { ActivationCondition, HumanLoopSource, HumanTaskUi } from '../src';
import { Validator } from '../src/private/validation';

const UI_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/review-ui';

function bind(source: HumanLoopSource, stack: Stack = testStack()) {
  const validator = new Validator();
  const config = source._bind(stack, validator);
  return { config, errors: validator.errors, stack };
}

describe('HumanLoopSource', () => {
  test('bedrockModelEvaluation is AWS/Bedrock/Evaluation with the SageMaker-owned task UI of the stack\'s region', () => {
    const euStack = testStack({ account: '123456789012', region: 'eu-west-1' });
    const { config, errors, stack } = bind(HumanLoopSource.bedrockModelEvaluation(), euStack);

    expect(errors).toEqual([]);
    expect(config.awsManagedRequestSource).toBe('AWS/Bedrock/Evaluation');
    expect(config.bedrockModelEvaluation).toBe(true);
    expect(config.activationConditions).toBeUndefined();
    expect(stack.resolve(config.humanTaskUiArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:394669845002:human-task-ui/Evaluation']],
    });
  });

  test('customTask has the task UI and neither request source nor conditions', () => {
    const stack = testStack();
    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN);

    const { config, errors } = bind(HumanLoopSource.customTask(ui), stack);

    expect(errors).toEqual([]);
    expect(config).toEqual({
      humanTaskUiArn: UI_ARN,
      awsManagedRequestSource: undefined,
      activationConditions: undefined,
      bedrockModelEvaluation: false,
    });
  });

  test('rekognitionModeration renders the documented activation conditions JSON', () => {
    const stack = testStack();
    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN);

    const { config, errors } = bind(HumanLoopSource.rekognitionModeration({
      humanTaskUi: ui,
      conditions: [
        ActivationCondition.or(
          ActivationCondition.moderationLabelConfidence({ labelName: 'Suggestive', confidenceLessThan: 98 }),
          ActivationCondition.and(
            ActivationCondition.moderationLabelConfidence({ labelName: '*', confidenceGreaterThan: 50 }),
            ActivationCondition.sampling(5),
          ),
        ),
      ],
    }), stack);

    expect(errors).toEqual([]);
    expect(config.awsManagedRequestSource).toBe('AWS/Rekognition/DetectModerationLabels/Image/V3');
    expect(JSON.parse(config.activationConditions!)).toEqual({
      Conditions: [{
        Or: [
          { ConditionType: 'ModerationLabelConfidenceCheck', ConditionParameters: { ModerationLabelName: 'Suggestive', ConfidenceLessThan: 98 } },
          {
            And: [
              { ConditionType: 'ModerationLabelConfidenceCheck', ConditionParameters: { ModerationLabelName: '*', ConfidenceGreaterThan: 50 } },
              { ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 5 } },
            ],
          },
        ],
      }],
    });
  });

  test('textractForms renders the form key conditions', () => {
    const stack = testStack();
    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN);

    const { config, errors } = bind(HumanLoopSource.textractForms({
      humanTaskUi: ui,
      conditions: [
        ActivationCondition.importantFormKeyConfidence({ formKey: 'Mail address', formKeyAliases: ['Mailing address'], keyValueBlockConfidenceLessThan: 99, wordBlockConfidenceLessThan: 90 }),
        ActivationCondition.missingImportantFormKey({ formKey: 'Name' }),
      ],
    }), stack);

    expect(errors).toEqual([]);
    expect(config.awsManagedRequestSource).toBe('AWS/Textract/AnalyzeDocument/Forms/V1');
    expect(JSON.parse(config.activationConditions!)).toEqual({
      Conditions: [
        {
          ConditionType: 'ImportantFormKeyConfidenceCheck',
          ConditionParameters: { ImportantFormKey: 'Mail address', ImportantFormKeyAliases: ['Mailing address'], KeyValueBlockConfidenceLessThan: 99, WordBlockConfidenceLessThan: 90 },
        },
        { ConditionType: 'MissingImportantFormKey', ConditionParameters: { ImportantFormKey: 'Name' } },
      ],
    });
  });

  test('takes conditions that render exactly 10,240 characters of JSON', () => {
    const overhead = JSON.stringify({ Conditions: [{ ConditionType: 'MissingImportantFormKey', ConditionParameters: { ImportantFormKey: '' } }] }).length;

    const { config, errors } = bind(HumanLoopSource.textractForms({
      humanTaskUi: importedUi(),
      conditions: [ActivationCondition.missingImportantFormKey({ formKey: 'k'.repeat(10_240 - overhead) })],
    }));

    expect(errors).toEqual([]);
    expect(config.activationConditions).toHaveLength(10_240);
  });

  test('renders conditions that hold tokens as CloudFormation references in the JSON text', () => {
    const stack = testStack();
    const label = new CfnParameter(stack, 'Label').valueAsString;

    const { config, errors } = bind(HumanLoopSource.rekognitionModeration({
      humanTaskUi: HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN),
      conditions: [ActivationCondition.moderationLabelConfidence({ labelName: label, confidenceLessThan: 90 })],
    }), stack);

    expect(errors).toEqual([]);
    expect(stack.resolve(config.activationConditions)).toEqual({
      'Fn::Join': ['', [
        '{"Conditions":[{"ConditionType":"ModerationLabelConfidenceCheck","ConditionParameters":{"ModerationLabelName":"',
        { Ref: 'Label' },
        '","ConfidenceLessThan":90}}]}',
      ]],
    });
  });

  test.each([
    ['a Textract condition for Rekognition', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.missingImportantFormKey({ formKey: 'Name' })] }), /conditions\[0\]: a MissingImportantFormKey condition does not apply to Amazon Rekognition/],
    ['a Rekognition condition for Textract', () => HumanLoopSource.textractForms({ humanTaskUi: importedUi(), conditions: [ActivationCondition.moderationLabelConfidence({ labelName: 'x', confidenceLessThan: 1 })] }), /does not apply to Amazon Textract/],
    ['no conditions', () => HumanLoopSource.textractForms({ humanTaskUi: importedUi(), conditions: [] }), /source conditions: has 0 items/],
    ['a confidence check without a threshold', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.moderationLabelConfidence({ labelName: 'x' })] }), /give at least one of confidenceLessThan, confidenceGreaterThan/],
    ['a confidence above 100', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.moderationLabelConfidence({ labelName: 'x', confidenceLessThan: 101 })] }), /confidenceLessThan: 101 is not allowed; it must be a percentage from 0 to 100/],
    ['an empty label', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.moderationLabelConfidence({ labelName: ' ', confidenceLessThan: 1 })] }), /labelName: " " is not allowed/],
    ['a sampling of 0', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.sampling(0)] }), /percentage: 0 is not allowed; it must be a number from 0.01 to 100/],
    ['an and of one condition', () => HumanLoopSource.rekognitionModeration({ humanTaskUi: importedUi(), conditions: [ActivationCondition.and(ActivationCondition.sampling(1))] }), /and takes 2 or more conditions, not 1/],
    ['an empty form key', () => HumanLoopSource.textractForms({ humanTaskUi: importedUi(), conditions: [ActivationCondition.missingImportantFormKey({ formKey: '' })] }), /formKey: "" is not allowed/],
    ['conditions of more than 10,240 characters', () => HumanLoopSource.textractForms({ humanTaskUi: importedUi(), conditions: [ActivationCondition.missingImportantFormKey({ formKey: 'k'.repeat(10_240) })] }), /source conditions: render 10\d{3} characters of JSON; SageMaker allows at most 10240/],
  ])('fails for %s', (_name, source, message) => {
    const { errors } = bind(source());

    expect(errors.join('\n')).toMatch(message);
  });
});

function importedUi() {
  return HumanTaskUi.fromHumanTaskUiArn(testStack(), 'Ui', UI_ARN);
}
