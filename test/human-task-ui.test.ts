import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnParameter, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { apiModelReport, loadSageMakerModel } from './deploy-truth/api-model';
import { testStack } from './util';
import { HumanTaskTemplate, HumanTaskUi } from '../src';

const TEMPLATE = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form>{{ task.input.text }}</crowd-form>';

function templateOf(stack: Stack) {
  return Template.fromStack(stack);
}

function uiName(stack: Stack): string {
  return Object.values(templateOf(stack).findResources('AWS::SageMaker::HumanTaskUi'))[0].Properties.HumanTaskUiName;
}

describe('HumanTaskUi', () => {
  test('synthesizes the template under a lower-case name of the path and a digest of the template', () => {
    const stack = testStack();

    const ui = new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString(TEMPLATE), tags: { team: 'review' } });

    templateOf(stack).hasResourceProperties('AWS::SageMaker::HumanTaskUi', {
      UiTemplate: { Content: TEMPLATE },
      Tags: [{ Key: 'team', Value: 'review' }],
    });
    expect(uiName(stack)).toMatch(/^stack-reviewui-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(ui.humanTaskUiName).toBe(uiName(stack));
    expect(stack.resolve(ui.humanTaskUiArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ReviewUi/), 'HumanTaskUiArn'] });
    expect(stack.resolve(ui.humanTaskUiRef.humanTaskUiArn)).toEqual(stack.resolve(ui.humanTaskUiArn));
  });

  test('synthesizes what CreateHumanTaskUi takes, per the API model', () => {
    const stack = testStack();
    new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString(TEMPLATE), tags: { team: 'review' } });

    expect(apiModelReport(templateOf(stack).toJSON(), loadSageMakerModel())).toEqual({ errors: [], notInModel: [] });
  });

  test('gets a new generated name when its template changes, and keeps it when nothing changes', () => {
    const names = [TEMPLATE, TEMPLATE, `${TEMPLATE} `].map((content) => {
      const stack = testStack();
      new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString(content) });
      return uiName(stack);
    });

    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
    expect(names[2].slice(0, -9)).toBe(names[0].slice(0, -9));
  });

  test('keeps a generated name of at most 63 characters for a long path', () => {
    const stack = testStack(undefined, undefined, 'A'.repeat(80));

    new HumanTaskUi(stack, 'B'.repeat(80), { template: HumanTaskTemplate.fromString(TEMPLATE) });

    expect(uiName(stack)).toMatch(/^[a-z0-9](-*[a-z0-9])*$/);
    expect(uiName(stack).length).toBeLessThanOrEqual(63);
  });

  test('takes a template that holds tokens, with a name that follows its CloudFormation form', () => {
    const names = ['one', 'one', 'two'].map((value) => {
      const stack = testStack();
      const content = `<crowd-form>${Lazy.string({ produce: () => value })}</crowd-form>`;
      new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString(content) });
      return uiName(stack);
    });

    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
  });

  test('reads a template from a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'human-task-ui-'));
    const file = path.join(dir, 'review.liquid.html');
    fs.writeFileSync(file, TEMPLATE);
    const stack = testStack();

    new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromFile(file) });

    templateOf(stack).hasResourceProperties('AWS::SageMaker::HumanTaskUi', { UiTemplate: { Content: TEMPLATE } });
    fs.rmSync(dir, { recursive: true });
  });

  test('uses a given name', () => {
    const stack = testStack();

    new HumanTaskUi(stack, 'ReviewUi', { humanTaskUiName: 'review-ui', template: HumanTaskTemplate.fromString(TEMPLATE) });

    expect(uiName(stack)).toBe('review-ui');
  });

  test('does not judge a name token', () => {
    const stack = testStack();
    const name = new CfnParameter(stack, 'Name');

    new HumanTaskUi(stack, 'ReviewUi', { humanTaskUiName: name.valueAsString, template: HumanTaskTemplate.fromString(TEMPLATE) });

    templateOf(stack).hasResourceProperties('AWS::SageMaker::HumanTaskUi', { HumanTaskUiName: { Ref: 'Name' } });
  });

  test.each([
    ['Review-UI', 'lower-case'],
    ['review-', 'lower-case'],
    ['a'.repeat(64), 'has 64 characters'],
  ])('fails for the name %j', (name, message) => {
    const stack = testStack();

    expect(() => new HumanTaskUi(stack, 'ReviewUi', { humanTaskUiName: name, template: HumanTaskTemplate.fromString(TEMPLATE) }))
      .toThrow(new RegExp(`Invalid HumanTaskUi at 'Stack/ReviewUi':\\n  - humanTaskUiName: .*${message}`));
  });

  test('fails for an empty template', () => {
    const stack = testStack();

    expect(() => new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString('') }))
      .toThrow(/template: "" has 0 characters; it must have 1 to 128000/);
  });

  test('fails for a template of more than 128,000 characters', () => {
    const stack = testStack();

    expect(() => new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString('x'.repeat(128_001)) }))
      .toThrow(/template: .* has 128001 characters; it must have 1 to 128000/);
  });

  test('fails for a template file that does not exist, naming the construct', () => {
    const stack = testStack();

    expect(() => new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromFile('/nonexistent/review.html') }))
      .toThrow(/Invalid HumanTaskUi at 'Stack\/ReviewUi':\n {2}- template: the file "\/nonexistent\/review.html" does not exist/);
  });

  test('fails at synth for a reserved tag key added with Tags.of', () => {
    const stack = testStack();
    new HumanTaskUi(stack, 'ReviewUi', { template: HumanTaskTemplate.fromString(TEMPLATE) });

    Tags.of(stack).add('aws:owner', 'me');

    expect(() => templateOf(stack)).toThrow(/tags key "aws:owner": keys starting with 'aws:' are reserved for AWS/);
  });
});

describe('HumanTaskUi importers', () => {
  test('fromHumanTaskUiName builds the ARN of this stack\'s account and region', () => {
    const stack = testStack();

    const ui = HumanTaskUi.fromHumanTaskUiName(stack, 'Ui', 'review-ui');

    expect(ui.humanTaskUiName).toBe('review-ui');
    expect(stack.resolve(ui.humanTaskUiArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:123456789012:human-task-ui/review-ui']],
    });
  });

  test('fromHumanTaskUiArn reads the name and the environment from the ARN', () => {
    const stack = testStack();

    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', 'arn:aws:sagemaker:eu-west-1:210987654321:human-task-ui/review-ui');

    expect(ui.humanTaskUiName).toBe('review-ui');
    expect(ui.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
  });

  test('fromHumanTaskUiArn takes an ARN token, with the name as its last part', () => {
    const stack = testStack();

    const ui = HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', Token.asString({ Ref: 'UiArn' }));

    expect(stack.resolve(ui.humanTaskUiName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'UiArn' }] }] });
  });

  test('fails for a name SageMaker would not accept', () => {
    const stack = testStack();

    expect(() => HumanTaskUi.fromHumanTaskUiName(stack, 'Ui', 'Review_UI')).toThrow(/Invalid HumanTaskUi at 'Stack\/Ui':\n {2}- humanTaskUiName: "Review_UI"/);
  });

  test('fails for the ARN of a name SageMaker would not accept', () => {
    const stack = testStack();

    expect(() => HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', 'arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/Review_UI'))
      .toThrow(/^Invalid HumanTaskUi at 'Stack\/Ui':\n {2}- humanTaskUiArn \(name\): "Review_UI" is not allowed/);
  });

  test.each([
    'arn:aws:sagemaker:us-east-1:123456789012:flow-definition/review',
    'review-ui',
    'arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/',
  ])('fails for %j, which is not a human task UI ARN', (arn) => {
    const stack = testStack();

    expect(() => HumanTaskUi.fromHumanTaskUiArn(stack, 'Ui', arn)).toThrow(/humanTaskUiArn: .* is not the ARN of a human-task-ui/);
  });
});
