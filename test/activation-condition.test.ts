import { CfnParameter, Stack } from 'aws-cdk-lib';
import { testStack } from './util';
import { ActivationCondition, HumanLoopSource, HumanTaskUi } from '../src';
import { Validator } from '../src/private/validation';

const UI_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/review-ui';

/** The conditions as a Rekognition or Textract source renders them: the JSON's conditions, and the broken rules. */
function render(service: 'rekognition' | 'textract', conditions: ActivationCondition[], stack: Stack = testStack()) {
  const humanTaskUi = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN);
  const source = service === 'rekognition'
    ? HumanLoopSource.rekognitionModeration({ humanTaskUi, conditions })
    : HumanLoopSource.textractForms({ humanTaskUi, conditions });
  const validator = new Validator();
  const config = source._bind(stack, validator);
  return { conditions: JSON.parse(config.activationConditions!).Conditions, errors: validator.errors.join('\n') };
}

describe('ActivationCondition', () => {
  test('sampling takes 0.01 to 100 percent, both ends included', () => {
    const { conditions, errors } = render('rekognition', [ActivationCondition.sampling(0.01), ActivationCondition.sampling(100)]);

    expect(errors).toBe('');
    expect(conditions).toEqual([
      { ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 0.01 } },
      { ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 100 } },
    ]);
  });

  test.each([0.009, 100.5, -1])('sampling fails for %d percent', (percentage) => {
    expect(render('textract', [ActivationCondition.sampling(percentage)]).errors)
      .toBe(`source conditions[0].percentage: ${percentage} is not allowed; it must be a number from 0.01 to 100`);
  });

  test('confidence bounds take 0 to 100 percent, both ends included, and leave out the bounds not given', () => {
    const { conditions, errors } = render('textract', [
      ActivationCondition.importantFormKeyConfidence({ formKey: 'Name', keyValueBlockConfidenceGreaterThan: 0, wordBlockConfidenceLessThan: 100 }),
    ]);

    expect(errors).toBe('');
    expect(conditions).toEqual([{
      ConditionType: 'ImportantFormKeyConfidenceCheck',
      ConditionParameters: { ImportantFormKey: 'Name', KeyValueBlockConfidenceGreaterThan: 0, WordBlockConfidenceLessThan: 100 },
    }]);
  });

  test.each([-1, 100.1])('a confidence bound fails for %d percent', (confidence) => {
    expect(render('rekognition', [ActivationCondition.moderationLabelConfidence({ labelName: '*', confidenceGreaterThan: confidence })]).errors)
      .toBe(`source conditions[0].confidenceGreaterThan: ${confidence} is not allowed; it must be a percentage from 0 to 100`);
  });

  test('names a nested condition by its place in the ands and ors', () => {
    const { errors } = render('rekognition', [
      ActivationCondition.or(
        ActivationCondition.sampling(5),
        ActivationCondition.and(ActivationCondition.sampling(5), ActivationCondition.missingImportantFormKey({ formKey: 'Name' })),
      ),
    ]);

    expect(errors).toBe('source conditions[0].or[1].and[1]: a MissingImportantFormKey condition does not apply to Amazon Rekognition DetectModerationLabels');
  });

  test('fails for a blank form key or alias, naming it', () => {
    const { errors } = render('textract', [ActivationCondition.missingImportantFormKey({ formKey: ' ', formKeyAliases: ['Mailing address', '  '] })]);

    expect(errors.split('\n')).toEqual([
      'source conditions[0].formKey: " " is not allowed; it must be a form key such as "Mail address"',
      'source conditions[0].formKeyAliases[1]: "  " is not allowed; it must be a form key such as "Mail address"',
    ]);
  });

  test('does not judge tokens', () => {
    const stack = testStack();
    const label = new CfnParameter(stack, 'Label').valueAsString;

    const humanTaskUi = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', UI_ARN);
    const validator = new Validator();
    const config = HumanLoopSource.rekognitionModeration({
      humanTaskUi,
      conditions: [ActivationCondition.moderationLabelConfidence({ labelName: label, confidenceLessThan: 90 })],
    })._bind(stack, validator);

    expect(validator.errors).toEqual([]);
    expect(JSON.stringify(stack.resolve(config.activationConditions))).toContain('{"Ref":"Label"}');
  });
});
