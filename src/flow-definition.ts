import { ArnFormat, Duration, IResource, ITaggableV2, Lazy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FlowDefinitionGrants } from './flow-definition-grants';
import { HumanLoopSource } from './human-loop-source';
import { nameOfArn } from './private/arns';
import { generateLowerCaseName } from './private/names';
import { LibraryProvider } from './private/provider';
import { RESOURCE_TYPES } from './private/provider-protocol';
import {
  FLOW_DEFINITION_NAME,
  S3_OUTPUT_PATH,
  TASK_AVAILABILITY_LIFETIME_SECONDS,
  TASK_COUNT,
  TASK_DESCRIPTION,
  TASK_KEYWORD,
  TASK_KEYWORDS,
  TASK_TIME_LIMIT_SECONDS,
  TASK_TITLE,
} from './private/rules';
import { certainlyDifferent } from './private/same-value';
import { validateTags } from './private/tags';
import { quote, Validator } from './private/validation';
import { IWorkteam } from './workteam';

/**
 * A SageMaker flow definition (human review workflow): where human loops send their tasks, what workers see, and
 * where their answers go.
 */
export interface IFlowDefinition extends IResource {
  /**
   * The ARN of the flow definition.
   *
   * @attribute
   */
  readonly flowDefinitionArn: string;

  /**
   * The name of the flow definition.
   *
   * @attribute
   */
  readonly flowDefinitionName: string;

  /**
   * Permissions on this flow definition.
   */
  readonly grants: FlowDefinitionGrants;
}

abstract class FlowDefinitionBase extends Resource implements IFlowDefinition {
  public abstract readonly flowDefinitionArn: string;
  public abstract readonly flowDefinitionName: string;

  /** Permissions on this flow definition. */
  public get grants(): FlowDefinitionGrants {
    return FlowDefinitionGrants.fromFlowDefinition(this);
  }
}

/**
 * Properties of a new flow definition.
 */
export interface FlowDefinitionProps {
  /**
   * What starts the human loops, and the worker task UI: a Bedrock model evaluation, Amazon Rekognition, Amazon
   * Textract, or your own StartHumanLoop calls.
   */
  readonly source: HumanLoopSource;

  /**
   * The private work team that gets the tasks, in the flow definition's account and region. The public workforce
   * (Amazon Mechanical Turk) closed on 2026-09-30: a `public-crowd` team fails, as does a vendor team.
   */
  readonly workteam: IWorkteam;

  /**
   * The task's title, as workers see it: 1 to 128 characters.
   */
  readonly taskTitle: string;

  /**
   * The task's description, as workers see it: 1 to 255 characters on one line.
   */
  readonly taskDescription: string;

  /**
   * 1 to 5 keywords that help workers find the task, each 1 to 30 ASCII letters and digits in words.
   *
   * @default - none
   */
  readonly taskKeywords?: string[];

  /**
   * How many workers work on each object: 1 to 3.
   *
   * @default 1
   */
  readonly workersPerObject?: number;

  /**
   * How long a worker has for a task: at least 30 seconds, in whole seconds.
   *
   * @default - SageMaker's default
   */
  readonly taskTimeLimit?: Duration;

  /**
   * How long a task stays available to workers: at least 1 second, in whole seconds.
   *
   * @default - SageMaker's default
   */
  readonly taskAvailabilityLifetime?: Duration;

  /**
   * The bucket of the workers' answers.
   */
  readonly outputBucket: s3.IBucket;

  /**
   * The prefix of the answers' keys in `outputBucket`, such as `reviews/`.
   *
   * @default - the bucket's root
   */
  readonly outputPrefix?: string;

  /**
   * The KMS key SageMaker encrypts the answers with.
   *
   * @default - the bucket's `encryptionKey`, if any
   */
  readonly outputEncryptionKey?: kms.IKey;

  /**
   * The role SageMaker assumes to write the answers. Give it what the source needs besides (for a Bedrock model
   * evaluation, reading the prompt dataset: `datasetBucket.grantRead(flow.role)`).
   *
   * @default - a new role that SageMaker may assume, allowed to write objects under the output prefix and to use the
   * output key, nothing else
   */
  readonly role?: iam.IRole;

  /**
   * The name of the flow definition: 1 to 63 lower-case ASCII letters, digits and hyphens.
   *
   * SageMaker cannot update a flow definition: every change creates a new one. With a fixed name, a change fails
   * to deploy (the old one still holds the name), as it does for CloudFormation resources of a custom name that
   * need replacement; leave it out to have two generated names taken in turn.
   *
   * @default - two names generated from the construct path, such as `mystack-review-1a2b3c4d-a` and
   * `mystack-review-1a2b3c4d-b`: the first is taken on create, and any change of a property as CloudFormation
   * resolves it (including a replaced role or bucket) deploys a new flow definition under the other name, after which
   * CloudFormation deletes the old one
   */
  readonly flowDefinitionName?: string;

  /**
   * Tags of the flow definition. `Tags.of(scope).add(...)` on any parent reaches it too. A change of tags only is
   * made in place (AddTags and DeleteTags): the flow definition keeps its name and ARN.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A flow definition of Amazon SageMaker (Amazon Augmented AI human review workflow, or the human workflow of an
 * Amazon Bedrock model evaluation).
 *
 * CloudFormation has no type for flow definitions: the library's custom resource (one provider per stack) creates
 * it with CreateFlowDefinition and waits until it is active; as SageMaker has no update call, every change creates a
 * new one (see `flowDefinitionName`) and CloudFormation deletes the old one.
 *
 * @resource Custom::SageMakerFlowDefinition
 */
export class FlowDefinition extends FlowDefinitionBase implements ITaggableV2 {
  /**
   * Refers to an existing flow definition of this stack's account and region by its name.
   */
  public static fromFlowDefinitionName(scope: Construct, id: string, flowDefinitionName: string): IFlowDefinition {
    const validator = new Validator();
    validator.string('flowDefinitionName', flowDefinitionName, FLOW_DEFINITION_NAME);
    validator.throwIfInvalid('FlowDefinition', `${scope.node.path}/${id}`);
    class Import extends FlowDefinitionBase {
      public readonly flowDefinitionName = flowDefinitionName;
      public readonly flowDefinitionArn = Stack.of(this).formatArn(flowDefinitionArnComponents(flowDefinitionName));
    }
    return new Import(scope, id);
  }

  /**
   * Refers to an existing flow definition by its ARN, `arn:<partition>:sagemaker:<region>:<account>:flow-definition/<name>`.
   */
  public static fromFlowDefinitionArn(scope: Construct, id: string, flowDefinitionArn: string): IFlowDefinition {
    const validator = new Validator();
    const flowDefinitionName = nameOfArn(flowDefinitionArn, 'flow-definition', 'flowDefinitionArn', validator);
    validator.string('flowDefinitionArn (name)', flowDefinitionName, FLOW_DEFINITION_NAME);
    validator.throwIfInvalid('FlowDefinition', `${scope.node.path}/${id}`);
    class Import extends FlowDefinitionBase {
      public readonly flowDefinitionName = flowDefinitionName;
      public readonly flowDefinitionArn = flowDefinitionArn;
    }
    return new Import(scope, id, { environmentFromArn: flowDefinitionArn });
  }

  /**
   * The ARN of the flow definition.
   *
   * @attribute
   */
  public readonly flowDefinitionArn: string;

  /**
   * The name of the flow definition.
   *
   * @attribute
   */
  public readonly flowDefinitionName: string;

  /** The role SageMaker assumes to write the answers. */
  public readonly role: iam.IRole;

  /** The bucket of the answers. */
  public readonly outputBucket: s3.IBucket;

  /** The prefix of the answers' keys. */
  public readonly outputPrefix: string;

  /**
   * The key of the answers.
   *
   * @default - none
   */
  public readonly outputEncryptionKey?: kms.IKey;

  /** The tags of the flow definition. */
  public readonly cdkTagManager: TagManager;

  constructor(scope: Construct, id: string, props: FlowDefinitionProps) {
    // Without a fixed name, two names from the path that the flow definition takes in turn, one per change.
    const namePrefix = generateLowerCaseName(scope, id, '', 61);
    const alternateNames = props.flowDefinitionName === undefined ? [`${namePrefix}-a`, `${namePrefix}-b`] : undefined;
    super(scope, id);
    this.outputBucket = props.outputBucket;
    this.outputPrefix = props.outputPrefix ?? '';
    this.outputEncryptionKey = props.outputEncryptionKey ?? props.outputBucket.encryptionKey;
    this.cdkTagManager = new TagManager(TagType.KEY_VALUE, RESOURCE_TYPES.FLOW_DEFINITION, props.tags);

    const validator = new Validator();
    validator.string('flowDefinitionName', props.flowDefinitionName, FLOW_DEFINITION_NAME);
    validator.string('taskTitle', props.taskTitle, TASK_TITLE);
    validator.string('taskDescription', props.taskDescription, TASK_DESCRIPTION);
    if (validator.count('taskKeywords', props.taskKeywords, TASK_KEYWORDS)) {
      props.taskKeywords?.forEach((keyword, index) => validator.string(`taskKeywords[${index}]`, keyword, TASK_KEYWORD));
    }
    validator.number('workersPerObject', props.workersPerObject, TASK_COUNT);
    const timeLimit = seconds(props.taskTimeLimit);
    const lifetime = seconds(props.taskAvailabilityLifetime);
    validator.number('taskTimeLimit', timeLimit, TASK_TIME_LIMIT_SECONDS, 'seconds');
    validator.number('taskAvailabilityLifetime', lifetime, TASK_AVAILABILITY_LIFETIME_SECONDS, 'seconds');
    if (!Token.isUnresolved(this.outputPrefix) && this.outputPrefix.startsWith('/')) {
      validator.fail('outputPrefix', `${quote(this.outputPrefix)} is not allowed; it must not start with /`);
    }
    const s3OutputPath = `s3://${props.outputBucket.bucketName}/${this.outputPrefix}`;
    validator.string('outputPrefix (S3 output path)', s3OutputPath, S3_OUTPUT_PATH);
    this.validateWorkteam(props.workteam, validator);
    const source = props.source._bind(this, validator);
    validator.throwIfInvalid('FlowDefinition', this.node.path);

    this.role = props.role ?? this.createRole();

    const resource = LibraryProvider.of(this).addResource(this, 'Resource', {
      resourceType: RESOURCE_TYPES.FLOW_DEFINITION,
      properties: {
        FlowDefinitionName: props.flowDefinitionName,
        AlternateNames: alternateNames,
        RoleArn: this.role.roleArn,
        OutputConfig: { S3OutputPath: s3OutputPath, KmsKeyId: this.outputEncryptionKey?.keyArn },
        HumanLoopConfig: {
          WorkteamArn: props.workteam.workteamArn,
          HumanTaskUiArn: source.humanTaskUiArn,
          TaskTitle: props.taskTitle,
          TaskDescription: props.taskDescription,
          TaskCount: props.workersPerObject ?? 1,
          TaskAvailabilityLifetimeInSeconds: lifetime,
          TaskTimeLimitInSeconds: timeLimit,
          TaskKeywords: props.taskKeywords,
        },
        HumanLoopRequestSource: source.awsManagedRequestSource ? { AwsManagedHumanLoopRequestSource: source.awsManagedRequestSource } : undefined,
        HumanLoopActivationConfig: source.activationConditions
          ? { HumanLoopActivationConditionsConfig: { HumanLoopActivationConditions: source.activationConditions } }
          : undefined,
        // Without tags, renderTags() gives undefined: the property is left out.
        Tags: Lazy.any({ produce: () => this.cdkTagManager.renderTags() }),
      },
      statements: this.handlerStatements(alternateNames ?? [props.flowDefinitionName!], props.workteam),
    });
    // SageMaker checks the role's permissions when it creates the flow definition: the role's policy comes first.
    resource.node.addDependency(this.role);

    this.flowDefinitionArn = resource.getAttString('FlowDefinitionArn');
    this.flowDefinitionName = resource.getAttString('FlowDefinitionName');
    this.node.addValidation({ validate: () => validateTags(new Validator(), this.cdkTagManager.tagValues()).errors });
  }

  /**
   * Grants the service role of an Amazon Bedrock model evaluation job what it needs to use this flow definition:
   * running its human loops (see `FlowDefinitionGrants.bedrockEvaluation`) and reading and writing its output
   * (the Bedrock user guide: "The Amazon Bedrock service role must also have permissions to access the output bucket
   * of the flow definition"), with the output key.
   */
  public grantBedrockEvaluation(grantee: iam.IGrantable): iam.Grant {
    const grant = this.grants.bedrockEvaluation(grantee);
    const objects = this.outputBucket.arnForObjects(`${this.outputPrefix}*`);
    const output = iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:PutObject'],
      resourceArns: [objects],
    }).combine(iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket', 's3:GetBucketLocation'],
      resourceArns: [this.outputBucket.bucketArn],
    }));
    const key = this.outputEncryptionKey?.grant(grantee, 'kms:Decrypt', 'kms:GenerateDataKey');
    return key ? grant.combine(output).combine(key) : grant.combine(output);
  }

  /** A role SageMaker may assume, allowed to write objects under the output prefix and to use the output key. */
  private createRole(): iam.IRole {
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'Writes the answers of a SageMaker flow definition\'s human loops to its output',
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [this.outputBucket.arnForObjects(`${this.outputPrefix}*`)],
    }));
    this.outputEncryptionKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    return role;
  }

  /**
   * What the provider's handler may do for this flow definition: create, describe, tag and delete the flow definitions
   * of its names (the fixed name, or the two alternate names; every one known at synth) on this team only, and pass
   * the role to SageMaker. SageMaker authorizes the tags of a create call as AddTags.
   */
  private handlerStatements(names: string[], workteam: IWorkteam): iam.PolicyStatement[] {
    const arns = names.map((name) => Stack.of(this).formatArn(flowDefinitionArnComponents(name)));
    return [
      new iam.PolicyStatement({
        actions: ['sagemaker:CreateFlowDefinition'],
        resources: arns,
        conditions: { ArnEquals: { 'sagemaker:WorkteamArn': workteam.workteamArn } },
      }),
      new iam.PolicyStatement({
        actions: ['sagemaker:DescribeFlowDefinition', 'sagemaker:DeleteFlowDefinition', 'sagemaker:AddTags', 'sagemaker:DeleteTags', 'sagemaker:ListTags'],
        resources: arns,
      }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    ];
  }

  /** A private team of the flow definition's account and region. */
  private validateWorkteam(workteam: IWorkteam, validator: Validator): void {
    const arn = workteam.workteamArn;
    if (!Token.isUnresolved(arn)) {
      if (/:workteam\/public-crowd\//.test(arn)) {
        validator.fail('workteam', `${quote(arn)} is the public workforce (Amazon Mechanical Turk, closed on 2026-09-30); flow definitions of this library take private teams only`);
      } else if (/:workteam\/vendor-crowd\//.test(arn)) {
        validator.fail('workteam', `${quote(arn)} is a vendor team; give a private team (workteam/private-crowd/...)`);
      }
    }
    const { account, region } = workteam.env;
    if (certainlyDifferent(account, this.env.account) || certainlyDifferent(region, this.env.region)) {
      validator.fail('workteam', `'${workteam.node.path}' is in ${account}/${region}, not in the flow definition's ${this.env.account}/${this.env.region}`);
    }
  }
}

/** A duration in seconds, fractions kept so that a rule can reject them. */
function seconds(duration: Duration | undefined): number | undefined {
  return duration === undefined ? undefined : duration.toSeconds({ integral: false });
}

/** `arn:<partition>:sagemaker:<region>:<account>:flow-definition/<name>` */
function flowDefinitionArnComponents(flowDefinitionName: string) {
  return { service: 'sagemaker', resource: 'flow-definition', resourceName: flowDefinitionName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME };
}
