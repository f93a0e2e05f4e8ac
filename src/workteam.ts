import { ArnFormat, Fn, IResource, Names, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { RegionalRegistry } from './private/regional-registry';
import { DESCRIPTION, MAX_WORKTEAMS_PER_REGION, SNS_TOPIC_ARN, WORKTEAM_NAME } from './private/rules';
import { certainlyDifferent } from './private/same-value';
import { validateTags } from './private/tags';
import { quote, Validator } from './private/validation';
import { IWorkforce } from './workforce';
import { WorkteamMembers } from './workteam-members';

/**
 * A SageMaker work team: a group of workers of a private workforce that labeling jobs (Ground Truth)
 * and human review workflows (Augmented AI) send tasks to.
 */
export interface IWorkteam extends IResource, sagemakerRefs.IWorkteamRef {
  /**
   * The ARN of the work team.
   *
   * @attribute
   */
  readonly workteamArn: string;

  /**
   * The name of the work team.
   *
   * @attribute
   */
  readonly workteamName: string;
}

/**
 * What identifies a work team defined outside this app. Give at least one of them.
 */
export interface WorkteamAttributes {
  /**
   * The ARN of the work team.
   *
   * @default - built from `workteamName`, as a private team of this stack's account and region
   */
  readonly workteamArn?: string;

  /**
   * The name of the work team.
   *
   * @default - read from `workteamArn`
   */
  readonly workteamName?: string;
}

/**
 * What every work team offers, whether defined in this app or imported.
 */
export abstract class WorkteamBase extends Resource implements IWorkteam {
  public abstract readonly workteamArn: string;
  public abstract readonly workteamName: string;

  /** A reference to this work team, for aws-cdk-lib's L1 constructs. */
  public get workteamRef(): sagemakerRefs.WorkteamReference {
    return { workteamArn: this.workteamArn };
  }
}

/**
 * Options of every new work team, whatever its members.
 */
export interface WorkteamOptions {
  /**
   * The name of the work team: 1 to 63 ASCII letters, digits and hyphens, starting and ending with a
   * letter or digit, unique in the account and region. Changing it replaces the work team.
   *
   * @default - a name generated from the construct path, such as `MyStack-Labelers-1A2B3C4D`
   */
  readonly workteamName?: string;

  /**
   * A description of the work team, 1 to 200 characters on one line.
   *
   * @default - "Private work team <construct path>"
   */
  readonly description?: string;

  /**
   * The private workforce the work team belongs to.
   *
   * @default - the private workforce of the account in the region
   */
  readonly workforce?: IWorkforce;

  /**
   * The SNS topic that tells the workers about new tasks. Workers are subscribed to it only when the
   * team is created with it.
   *
   * @default - workers get no notifications
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * Tags of the work team. `Tags.of(scope).add(...)` on any parent reaches the team too.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a new work team.
 */
export interface WorkteamProps extends WorkteamOptions {
  /**
   * The workers of the team: Cognito user groups of one user pool, or OIDC groups.
   */
  readonly members: WorkteamMembers;
}

/**
 * Properties of a new work team made of one Amazon Cognito user group.
 */
export interface CognitoGroupWorkteamProps extends WorkteamOptions {
  /**
   * The user pool of the private workforce.
   */
  readonly userPool: cognito.IUserPool;

  /**
   * The app client of the workforce's worker portal.
   */
  readonly userPoolClient: cognito.IUserPoolClient;

  /**
   * The user group whose users are the team's workers.
   */
  readonly group: cognito.IUserPoolGroup;
}

/**
 * Properties of a new work team made of groups of an OIDC identity provider.
 */
export interface OidcGroupsWorkteamProps extends WorkteamOptions {
  /**
   * 1 to 10 group names, as the identity provider sends them in the `sagemaker:groups` claim.
   */
  readonly groups: string[];
}

/**
 * A private work team of Amazon SageMaker Ground Truth and Amazon Augmented AI.
 *
 * Every input that SageMaker would reject fails at synth, with the construct path and the property.
 *
 * @resource AWS::SageMaker::Workteam
 */
export class Workteam extends WorkteamBase {
  /**
   * Defines a work team whose workers are the users of one Amazon Cognito user group.
   */
  public static fromCognitoGroup(scope: Construct, id: string, props: CognitoGroupWorkteamProps): Workteam {
    const { userPool, userPoolClient, group, ...options } = props;
    return new Workteam(scope, id, {
      ...options,
      members: WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, [group]),
    });
  }

  /**
   * Defines a work team whose workers are members of groups of the workforce's OIDC identity provider.
   */
  public static fromOidcGroups(scope: Construct, id: string, props: OidcGroupsWorkteamProps): Workteam {
    const { groups, ...options } = props;
    return new Workteam(scope, id, { ...options, members: WorkteamMembers.fromOidcGroups(groups) });
  }

  /**
   * Refers to an existing work team by its ARN.
   */
  public static fromWorkteamArn(scope: Construct, id: string, workteamArn: string): IWorkteam {
    return Workteam.fromWorkteamAttributes(scope, id, { workteamArn });
  }

  /**
   * Refers to an existing private work team of this stack's account and region by its name.
   */
  public static fromWorkteamName(scope: Construct, id: string, workteamName: string): IWorkteam {
    return Workteam.fromWorkteamAttributes(scope, id, { workteamName });
  }

  /**
   * Refers to an existing work team by its ARN, its name, or both.
   */
  public static fromWorkteamAttributes(scope: Construct, id: string, attrs: WorkteamAttributes): IWorkteam {
    const validator = new Validator();
    if (attrs.workteamArn === undefined && attrs.workteamName === undefined) {
      validator.fail('workteamArn, workteamName', 'give at least one of them');
    }
    validator.string('workteamName', attrs.workteamName, WORKTEAM_NAME);
    const parsed = attrs.workteamArn === undefined ? undefined : parseWorkteamArn(attrs.workteamArn, validator);
    if (parsed && attrs.workteamName !== undefined && certainlyDifferent(parsed.workteamName, attrs.workteamName)) {
      validator.fail('workteamName', `${quote(attrs.workteamName)} is not the name in workteamArn ${quote(attrs.workteamArn!)}`);
    }

    validator.throwIfInvalid('Workteam', `${scope.node.path}/${id}`);

    class Import extends WorkteamBase {
      public readonly workteamName = attrs.workteamName ?? parsed!.workteamName;
      public readonly workteamArn = attrs.workteamArn ?? privateWorkteamArn(this, this.workteamName);
    }
    return new Import(scope, id, { environmentFromArn: attrs.workteamArn });
  }

  // The ARN and name are tokens made on first use, as aws-cdk-lib's own L2s do: most teams are never referenced,
  // and making the four tokens of every team eagerly was most of this construct's synth cost.
  public get workteamArn(): string {
    return this.arn ??= this.getResourceArnAttribute(this.resource.attrWorkteamArn, {
      service: 'sagemaker',
      resource: 'workteam',
      resourceName: `private-crowd/${this.physicalName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  public get workteamName(): string {
    return this.name ??= this.getResourceNameAttribute(this.resource.attrWorkteamName);
  }

  /** The workers of the team. */
  public readonly members: WorkteamMembers;

  /**
   * The private workforce the team belongs to.
   *
   * @default - the private workforce of the account in the region
   */
  public readonly workforce?: IWorkforce;

  /**
   * The topic that tells the workers about new tasks.
   *
   * @default - no notifications
   */
  public readonly notificationTopic?: sns.ITopic;

  private readonly resource: CfnWorkteam;
  private arn?: string;
  private name?: string;

  constructor(scope: Construct, id: string, props: WorkteamProps) {
    super(scope, id, { physicalName: props.workteamName ?? generateWorkteamName(scope, id) });
    const name = this.physicalName;
    this.members = props.members;
    this.workforce = props.workforce;
    this.notificationTopic = props.notificationTopic;

    const validator = new Validator()
      .string('workteamName', name, WORKTEAM_NAME)
      .string('description', props.description, DESCRIPTION)
      .string('notificationTopic ARN', props.notificationTopic?.topicArn, SNS_TOPIC_ARN);
    const memberDefinitions = props.members._render(validator);
    validator.throwIfInvalid('Workteam', this.node.path);

    this.resource = new CfnWorkteam(this, 'Resource', {
      workteamName: name,
      description: props.description ?? defaultDescription(this),
      memberDefinitions,
      workforceName: props.workforce?.workforceName,
      notificationConfiguration: props.notificationTopic
        ? { notificationTopicArn: props.notificationTopic.topicArn }
        : undefined,
      tags: Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value })),
    });

    this.validateRegionalLimits(name);
    this.node.addValidation({ validate: () => validateTags(new Validator(), this.resource.tags.tagValues()).errors });
  }

  /** SageMaker's limits per account and region: 25 work teams, and a name used once. */
  private validateRegionalLimits(name: string): void {
    const registry = RegionalRegistry.of(this);
    const rank = registry.register('workteam', this);
    const owner = registry.claimName('workteam', name, this);
    const environment = RegionalRegistry.environmentOf(this);
    this.node.addValidation({
      validate: () => {
        const errors: string[] = [];
        if (rank > MAX_WORKTEAMS_PER_REGION) {
          errors.push(
            `this is work team number ${rank} in ${environment}; SageMaker allows at most ${MAX_WORKTEAMS_PER_REGION} ` +
            'work teams per account and region (ResourceLimitExceeded): move teams to another region or account',
          );
        }
        if (owner !== this) {
          errors.push(
            `workteamName: ${quote(name)} is already the name of the work team '${owner.node.path}' in ${environment}; ` +
            'work team names must be unique per account and region (ResourceInUse)',
          );
        }
        return errors;
      },
    });
  }
}

/**
 * A deterministic name from the path of the work team `id` in `scope`, matching SageMaker's WorkteamName
 * pattern and length. It is computed before the team exists, so that the team's physical name is a literal
 * (which lets other environments reference the team): a placeholder stands at that path meanwhile.
 */
function generateWorkteamName(scope: Construct, id: string): string {
  const placeholder = new Construct(scope, id);
  const unique = Names.uniqueResourceName(placeholder, { maxLength: 63, separator: '-', allowedSpecialCharacters: '-' });
  scope.node.tryRemoveChild(placeholder.node.id);
  // The path may start with a hyphen; the name must start with a letter or digit (the hash ends it with one).
  return unique.replace(/^-+/, '');
}

function defaultDescription(workteam: Construct): string {
  const text = `Private work team ${workteam.node.path}`.replace(/[\n\r\u0085\u2028\u2029]/g, ' ');
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}

/** The ARN of a private work team of the stack's account and region. */
function privateWorkteamArn(scope: Construct, workteamName: string): string {
  return Stack.of(scope).formatArn({
    service: 'sagemaker',
    resource: 'workteam',
    resourceName: `private-crowd/${workteamName}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

const WORKTEAM_ARN = /^arn:[a-z-]+:sagemaker:[a-z0-9-]+:(\d{12}):workteam\/(private-crowd|vendor-crowd|public-crowd)\/([^/]+)$/;

/** The name in a work team ARN, `arn:<partition>:sagemaker:<region>:<account>:workteam/<crowd>/<name>`. */
function parseWorkteamArn(arn: string, validator: Validator): { workteamName: string } {
  if (Token.isUnresolved(arn)) {
    return { workteamName: Fn.select(2, Fn.split('/', arn)) };
  }
  const match = WORKTEAM_ARN.exec(arn);
  if (!match) {
    validator.fail(
      'workteamArn',
      `${quote(arn)} is not the ARN of a work team; expected arn:<partition>:sagemaker:<region>:<account>:workteam/private-crowd/<name>`,
    );
    return { workteamName: arn };
  }
  validator.string('workteamArn (name)', match[3], WORKTEAM_NAME);
  return { workteamName: match[3] };
}
