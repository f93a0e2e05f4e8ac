import * as fs from 'fs';
import { ArnFormat, IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import { CfnHumanTaskUi } from 'aws-cdk-lib/aws-sagemaker';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { nameOfArn } from './private/arns';
import { generateLowerCaseName } from './private/names';
import { HUMAN_TASK_TEMPLATE, HUMAN_TASK_UI_NAME } from './private/rules';
import { validateTags } from './private/tags';
import { quote, Validator } from './private/validation';

/**
 * The worker task template of a human task UI: Liquid HTML with the Crowd HTML Elements, as Amazon Augmented AI
 * shows it to the workers of a human loop.
 */
export abstract class HumanTaskTemplate {
  /**
   * A template given as text.
   *
   * @param content the Liquid HTML template, 1 to 128,000 characters
   */
  public static fromString(content: string): HumanTaskTemplate {
    return new StringTemplate(content);
  }

  /**
   * A template read from a UTF-8 file when the app synthesizes.
   *
   * @param path the file's path, relative to the app's working directory or absolute
   */
  public static fromFile(path: string): HumanTaskTemplate {
    return new FileTemplate(path);
  }

  /**
   * Renders the template for a human task UI.
   *
   * @param scope the human task UI, for errors
   */
  public abstract bind(scope: Construct): HumanTaskTemplateConfig;
}

/**
 * A template as a human task UI uses it.
 */
export interface HumanTaskTemplateConfig {
  /** The Liquid HTML template. */
  readonly content: string;
}

class StringTemplate extends HumanTaskTemplate {
  constructor(private readonly content: string) {
    super();
  }

  public bind(_scope: Construct): HumanTaskTemplateConfig {
    return { content: this.content };
  }
}

class FileTemplate extends HumanTaskTemplate {
  constructor(private readonly path: string) {
    super();
  }

  public bind(scope: Construct): HumanTaskTemplateConfig {
    if (!fs.existsSync(this.path) || !fs.statSync(this.path).isFile()) {
      new Validator().fail('template', `the file ${quote(this.path)} does not exist`).throwIfInvalid('HumanTaskUi', scope.node.path);
    }
    return { content: fs.readFileSync(this.path, 'utf-8') };
  }
}

/**
 * A human task UI: the worker task template of Amazon Augmented AI human loops.
 */
export interface IHumanTaskUi extends IResource, sagemakerRefs.IHumanTaskUiRef {
  /**
   * The ARN of the human task UI.
   *
   * @attribute
   */
  readonly humanTaskUiArn: string;

  /**
   * The name of the human task UI.
   *
   * @attribute
   */
  readonly humanTaskUiName: string;
}

abstract class HumanTaskUiBase extends Resource implements IHumanTaskUi {
  public abstract readonly humanTaskUiArn: string;
  public abstract readonly humanTaskUiName: string;

  /** A reference to this human task UI, for aws-cdk-lib's L1 constructs. */
  public get humanTaskUiRef(): sagemakerRefs.HumanTaskUiReference {
    return { humanTaskUiArn: this.humanTaskUiArn };
  }
}

/**
 * Properties of a new human task UI.
 */
export interface HumanTaskUiProps {
  /**
   * The worker task template.
   */
  readonly template: HumanTaskTemplate;

  /**
   * The name of the human task UI: 1 to 63 lower-case ASCII letters, digits and hyphens, starting and ending with a
   * letter or digit, unique in the account and region.
   *
   * SageMaker cannot change a human task UI's name or template: CloudFormation replaces it. With a name given here,
   * a change of the template fails to deploy (the new one would take the old one's name); leave it out so that the
   * generated name changes with the template.
   *
   * @default - a name generated from the construct path and a digest of the template, such as
   * `mystack-reviewui-1a2b3c4d-5e6f7a8b`: a new template gets a new name and deploys as a replacement
   */
  readonly humanTaskUiName?: string;

  /**
   * Tags of the human task UI. `Tags.of(scope).add(...)` on any parent reaches it too.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A human task UI of Amazon Augmented AI: the worker task template a flow definition shows to its work team.
 *
 * Its name and template cannot change once it exists: a change replaces it (see `humanTaskUiName`).
 *
 * @resource AWS::SageMaker::HumanTaskUi
 */
export class HumanTaskUi extends HumanTaskUiBase {
  /**
   * Refers to an existing human task UI of this stack's account and region by its name.
   */
  public static fromHumanTaskUiName(scope: Construct, id: string, humanTaskUiName: string): IHumanTaskUi {
    const validator = new Validator();
    validator.string('humanTaskUiName', humanTaskUiName, HUMAN_TASK_UI_NAME);
    validator.throwIfInvalid('HumanTaskUi', `${scope.node.path}/${id}`);
    class Import extends HumanTaskUiBase {
      public readonly humanTaskUiName = humanTaskUiName;
      public readonly humanTaskUiArn = Stack.of(this).formatArn(humanTaskUiArnComponents(humanTaskUiName));
    }
    return new Import(scope, id);
  }

  /**
   * Refers to an existing human task UI by its ARN, `arn:<partition>:sagemaker:<region>:<account>:human-task-ui/<name>`.
   */
  public static fromHumanTaskUiArn(scope: Construct, id: string, humanTaskUiArn: string): IHumanTaskUi {
    const validator = new Validator();
    const humanTaskUiName = nameOfArn(humanTaskUiArn, 'human-task-ui', 'humanTaskUiArn', validator);
    validator.string('humanTaskUiArn (name)', humanTaskUiName, HUMAN_TASK_UI_NAME);
    validator.throwIfInvalid('HumanTaskUi', `${scope.node.path}/${id}`);
    class Import extends HumanTaskUiBase {
      public readonly humanTaskUiName = humanTaskUiName;
      public readonly humanTaskUiArn = humanTaskUiArn;
    }
    return new Import(scope, id, { environmentFromArn: humanTaskUiArn });
  }

  /**
   * The ARN of the human task UI.
   *
   * @attribute
   */
  public readonly humanTaskUiArn: string;

  /**
   * The name of the human task UI.
   *
   * @attribute
   */
  public readonly humanTaskUiName: string;

  private readonly resource: CfnHumanTaskUi;

  constructor(scope: Construct, id: string, props: HumanTaskUiProps) {
    // The template is read before the name, which follows it; a placeholder at the path names it in errors.
    const { content } = props.template.bind(new Construct(scope, id));
    scope.node.tryRemoveChild(id);
    super(scope, id, {
      physicalName: props.humanTaskUiName ?? generateLowerCaseName(scope, id, templateDigestInput(scope, content)),
    });

    const validator = new Validator();
    validator.string('humanTaskUiName', this.physicalName, HUMAN_TASK_UI_NAME);
    validator.string('template', content, HUMAN_TASK_TEMPLATE);
    validator.throwIfInvalid('HumanTaskUi', this.node.path);

    this.resource = new CfnHumanTaskUi(this, 'Resource', {
      humanTaskUiName: this.physicalName,
      uiTemplate: { content },
      tags: Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value })),
    });
    this.humanTaskUiName = this.physicalName;
    this.humanTaskUiArn = this.getResourceArnAttribute(this.resource.attrHumanTaskUiArn, humanTaskUiArnComponents(this.physicalName));
    this.node.addValidation({
      validate: () => validateTags(new Validator(), this.resource.cdkTagManager.tagValues()).errors,
    });
  }
}

/**
 * What a generated name follows: the template's text, or, for a template that holds tokens, what CloudFormation gets
 * for it (token numbers change between runs; their CloudFormation form does not).
 */
function templateDigestInput(scope: Construct, content: string): string {
  return Token.isUnresolved(content) ? JSON.stringify(Stack.of(scope).resolve(content)) : content;
}

/** `arn:<partition>:sagemaker:<region>:<account>:human-task-ui/<name>` */
function humanTaskUiArnComponents(humanTaskUiName: string) {
  return { service: 'sagemaker', resource: 'human-task-ui', resourceName: humanTaskUiName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME };
}
