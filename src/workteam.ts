import { Annotations, Arn, ArnComponents, ArnFormat, Fn, IResource, Lazy, Resource, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { aws_sagemaker as sagemakerRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { IdentityProviderType } from './identity-provider-type';
import { generateName } from './private/names';
import { allowSageMakerToNotify } from './private/notifications';
import { claimInRegion, environmentOf, RegionalKind, RegionalLimits } from './private/regional-limits';
import { checkResourceTypeInRegion } from './private/regions';
import { DESCRIPTION, SNS_TOPIC_ARN, WORKTEAM_NAME } from './private/rules';
import { certainlyDifferent } from './private/same-value';
import { stackLocalAttribute } from './private/stack-local-attribute';
import { validateTags } from './private/tags';
import { quote, Validator } from './private/validation';
import { addWorkerAccess, validateWorkerAccess } from './private/worker-access-setting';
import { TIME_SPENT_OPTIONS, workteamMetric } from './private/workteam-metrics';
import { workteamArnAttribute, workteamReference } from './private/workteam-reference';
import { WorkerAccessConfiguration } from './worker-access';
import { IWorkforce, Workforce } from './workforce';
import { WorkteamGrants } from './workteam-grants';
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

  /**
   * Permissions on this work team.
   */
  readonly grants: WorkteamGrants;

  /**
   * A metric of the `AWS/SageMaker/Workteam` namespace, with the dimensions the caller gives.
   *
   * AWS documents the metric names of work teams but no dimension that names a team, so this metric is not this
   * team's: without `dimensionsMap` it matches only data published without any dimension.
   *
   * @param metricName a Ground Truth work team metric, such as `TasksSubmitted`
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAll(metricName, props)`, with the dimensions CloudWatch
   * lists for your team
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of workers who worked on tasks (`ActiveWorkers`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAllActiveWorkers(props)`
   */
  metricActiveWorkers(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of tasks workers accepted (`TasksAccepted`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAllTasksAccepted(props)`
   */
  metricTasksAccepted(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of tasks workers declined (`TasksDeclined`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAllTasksDeclined(props)`
   */
  metricTasksDeclined(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of tasks workers returned (`TasksReturned`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAllTasksReturned(props)`
   */
  metricTasksReturned(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of tasks workers submitted (`TasksSubmitted`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes
   * @deprecated not scoped to this team: use `Workteam.metricAllTasksSubmitted(props)`
   */
  metricTasksSubmitted(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The time workers spent on tasks, in seconds (`TimeSpent`), not scoped to this team (see `metric`).
   *
   * @default - the sum over 5 minutes, in seconds
   * @deprecated not scoped to this team: use `Workteam.metricAllTimeSpent(props)`
   */
  metricTimeSpent(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
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
abstract class WorkteamBase extends Resource implements IWorkteam {
  public abstract readonly workteamArn: string;
  public abstract readonly workteamName: string;

  /** A reference to this work team, for aws-cdk-lib's L1 constructs. */
  public get workteamRef(): sagemakerRefs.WorkteamReference {
    return workteamReference(this.workteamArn, this.workteamName);
  }

  /** Permissions on this work team. */
  public readonly grants: WorkteamGrants = WorkteamGrants.fromWorkteam(this);

  /** @deprecated use `Workteam.metricAll(metricName, props)` */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric(metricName, props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllActiveWorkers(props)` */
  public metricActiveWorkers(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('ActiveWorkers', props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllTasksAccepted(props)` */
  public metricTasksAccepted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksAccepted', props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllTasksDeclined(props)` */
  public metricTasksDeclined(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksDeclined', props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllTasksReturned(props)` */
  public metricTasksReturned(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksReturned', props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllTasksSubmitted(props)` */
  public metricTasksSubmitted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksSubmitted', props).attachTo(this);
  }

  /** @deprecated use `Workteam.metricAllTimeSpent(props)` */
  public metricTimeSpent(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TimeSpent', { ...TIME_SPENT_OPTIONS, ...props }).attachTo(this);
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
   * @default - "Private work team " followed by the construct path of the team
   */
  readonly description?: string;

  /**
   * The private workforce the work team belongs to.
   *
   * A workforce of this app in another stack is used only when given here: the team then refers to it by its
   * name, and the team's stack deploys after the workforce's.
   *
   * @default - the `Workforce` this app defines in the team's own stack, if any (the team refers to it, so
   * CloudFormation creates the workforce first); otherwise none is named and SageMaker uses the private workforce
   * of the account and region, which must exist for an OIDC team
   */
  readonly workforce?: IWorkforce;

  /**
   * The SNS topic that tells the workers about new Ground Truth tasks (Augmented AI sends none).
   *
   * Workers of a Cognito team are subscribed to it only when the team is created with it. The team lets
   * SageMaker publish to a topic of this app, and to its KMS key, for this team only; for an imported
   * topic it warns with the policy statement the topic's owner must add.
   *
   * @default - workers get no notifications
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * Limits on the S3 presigned URLs workers get. CloudFormation does not support them: a custom resource
   * applies them with SageMaker's UpdateWorkteam, with permission on this team only.
   *
   * @default - SageMaker's defaults: no limits
   */
  readonly workerAccess?: WorkerAccessConfiguration;

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
   *
   * @default - the user pool of `workforce`
   */
  readonly userPool?: cognito.IUserPool;

  /**
   * The app client of the workforce's worker portal.
   *
   * @default - the app client of `workforce`
   */
  readonly userPoolClient?: cognito.IUserPoolClient;

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
   * Defines a work team whose workers are the users of one Amazon Cognito user group. Given a Cognito `workforce`,
   * the team takes its user pool and app client.
   */
  public static fromCognitoGroup(scope: Construct, id: string, props: CognitoGroupWorkteamProps): Workteam {
    const { userPool, userPoolClient, group, ...options } = props;
    if ((userPool === undefined) !== (userPoolClient === undefined)) {
      new Validator()
        .fail('userPool, userPoolClient', "give both, or neither to take those of the team's workforce")
        .throwIfInvalid('Workteam', `${scope.node.path}/${id}`);
    }
    return new Workteam(scope, id, {
      ...options,
      members: userPool && userPoolClient
        ? WorkteamMembers.fromCognitoGroups(userPool, userPoolClient, [group])
        : WorkteamMembers.fromWorkforceUserGroups([group]),
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
    if (parsed && attrs.workteamName !== undefined && Token.compareStrings(parsed.workteamName, attrs.workteamName) === TokenComparison.DIFFERENT) {
      validator.fail('workteamName', `${quote(attrs.workteamName)} is not the name in workteamArn ${quote(attrs.workteamArn!)}`);
    }

    validator.throwIfInvalid('Workteam', `${scope.node.path}/${id}`);

    class Import extends WorkteamBase {
      public readonly workteamName = attrs.workteamName ?? parsed!.workteamName;
      public readonly workteamArn = attrs.workteamArn ?? privateWorkteamArn(this, this.workteamName);
    }
    const imported = new Import(scope, id, { environmentFromArn: attrs.workteamArn });
    // A private team that exists takes its place in the limits of its account and region.
    if (parsed?.crowd === undefined || parsed.crowd === 'private-crowd') {
      claimInRegion(imported, { kind: RegionalKind.WORKTEAM, imported: true, name: imported.workteamName });
      imported.node.addValidation({ validate: () => RegionalLimits.of(imported).errorsOf(imported) });
    }
    return imported;
  }

  /**
   * A metric of the `AWS/SageMaker/Workteam` namespace, not scoped to a team.
   *
   * AWS documents the metric names of work teams but no dimension that names a team (the SageMaker Developer Guide,
   * "SageMaker Ground Truth Metrics"): pass `dimensionsMap` as CloudWatch lists them for your team (in the console's
   * metric browser). Without dimensions the metric matches only data published without any.
   *
   * @param metricName a Ground Truth work team metric, such as `TasksSubmitted`
   * @default - the sum over 5 minutes
   */
  public static metricAll(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric(metricName, props);
  }

  /**
   * The number of workers who worked on tasks (`ActiveWorkers`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes
   */
  public static metricAllActiveWorkers(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('ActiveWorkers', props);
  }

  /**
   * The number of tasks workers accepted (`TasksAccepted`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes
   */
  public static metricAllTasksAccepted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksAccepted', props);
  }

  /**
   * The number of tasks workers declined (`TasksDeclined`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes
   */
  public static metricAllTasksDeclined(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksDeclined', props);
  }

  /**
   * The number of tasks workers returned (`TasksReturned`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes
   */
  public static metricAllTasksReturned(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksReturned', props);
  }

  /**
   * The number of tasks workers submitted (`TasksSubmitted`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes
   */
  public static metricAllTasksSubmitted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TasksSubmitted', props);
  }

  /**
   * The time workers spent on tasks, in seconds (`TimeSpent`), not scoped to a team. See `metricAll` for dimensions.
   *
   * @default - the sum over 5 minutes, in seconds
   */
  public static metricAllTimeSpent(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return workteamMetric('TimeSpent', { ...TIME_SPENT_OPTIONS, ...props });
  }

  // The ARN and name are tokens made on first use, as aws-cdk-lib's own L2s do: most teams are never referenced,
  // and making the four tokens of every team eagerly was most of this construct's synth cost.
  /**
   * The ARN of the work team.
   *
   * In the team's own stack it is the `Fn::GetAtt` of the team (CloudFormation creates the team first). In other
   * stacks, when the name is known at synth (given, or generated), it is built from the name, with no export, no
   * `Fn::ImportValue` and no dependency between the stacks: a platform stack can grant access to the teams of team
   * stacks that use its workforce and topic. Order such stacks with `stack.addDependency(...)` where needed.
   *
   * @attribute
   */
  public get workteamArn(): string {
    return this.arn ??= stackLocalAttribute(
      this,
      this.physicalName,
      workteamArnAttribute(this.resource),
      () => privateWorkteamArn(this, this.physicalName),
      () => this.getResourceArnAttribute(workteamArnAttribute(this.resource), workteamArnComponents(this.physicalName)),
    );
  }

  /**
   * The name of the work team: in the team's own stack its `Fn::GetAtt`, in other stacks (when known at synth) the
   * name itself. See `workteamArn`.
   *
   * @attribute
   */
  public get workteamName(): string {
    return this.name ??= stackLocalAttribute(
      this,
      this.physicalName,
      this.resource.attrWorkteamName,
      () => this.physicalName,
      () => this.getResourceNameAttribute(this.resource.attrWorkteamName),
    );
  }

  /** The workers of the team. */
  public readonly members: WorkteamMembers;

  /**
   * The private workforce the team was given.
   *
   * @default - the workforce of the team's stack, if any (see `WorkteamOptions.workforce`)
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
    super(scope, id, { physicalName: props.workteamName ?? generateName(scope, id) });
    const name = this.physicalName;
    this.members = props.members;
    this.workforce = props.workforce;
    this.notificationTopic = props.notificationTopic;

    const validator = new Validator();
    validator.string('workteamName', name, WORKTEAM_NAME);
    validator.string('description', props.description, DESCRIPTION);
    const memberDefinitions = props.members._render(validator, this.env.region, props.workforce);
    if (props.workerAccess) {
      validateWorkerAccess(props.workerAccess, validator);
    }
    checkResourceTypeInRegion(this, CfnWorkteam.CFN_RESOURCE_TYPE_NAME, validator);
    if (props.notificationTopic) {
      // Of a topic that is not one, its region and account say nothing more.
      if (validator.string('notificationTopic ARN', props.notificationTopic.topicArn, SNS_TOPIC_ARN)) {
        allowSageMakerToNotify(this, name, props.notificationTopic, validator);
      }
    }
    validator.throwIfInvalid('Workteam', this.node.path);

    this.resource = new CfnWorkteam(this, 'Resource', {
      workteamName: name,
      description: props.description ?? defaultDescription(this),
      memberDefinitions,
      // A team given no workforce joins the first workforce of its own stack, wherever it is defined.
      workforceName: props.workforce?.workforceName ?? Lazy.string({ produce: () => this.workforceOfStack()?.workforceName }),
      notificationConfiguration: props.notificationTopic
        ? { notificationTopicArn: props.notificationTopic.topicArn }
        : undefined,
      tags: Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value })),
    });

    if (props.notificationTopic) {
      // SageMaker subscribes the workers when it creates the team: the topic's policy must exist by then.
      this.resource.node.addDependency(props.notificationTopic);
    }
    if (props.workerAccess) {
      // Served by the stack's one provider: a new id, as CloudFormation cannot move a custom resource to another provider.
      addWorkerAccess(this, 'WorkerAccessConfiguration', this.resource, this.workteamArn, props.workerAccess, () => {
        const workforce = this.workforce ?? this.workforceOfStack();
        return workforce instanceof Workforce && !workforce.vpc ? workforce.node.path : undefined;
      });
    }

    if (props.workforce instanceof Workforce && props.workforce.stack !== this.stack) {
      // The workforce's name is a literal in this stack: the dependency keeps the team after its workforce.
      this.resource.node.addDependency(props.workforce);
    }
    // SageMaker's limits per account and region: 25 work teams, a name used once, and the one user pool and app
    // client of the one workforce (a team on a `Workforce` of this app is checked against it instead).
    const { userPool, userPoolClient } = this.members;
    const claimsCognito = userPool && userPoolClient && !(props.workforce instanceof Workforce);
    claimInRegion(this, {
      kind: RegionalKind.WORKTEAM,
      imported: false,
      name,
      cognito: claimsCognito ? [userPool.userPoolId, userPoolClient.userPoolClientId] : undefined,
    });
    // One validation for what is known only at synth (a workforce defined later, tags added with Tags.of, the app's
    // other resources in the account and region).
    this.node.addValidation({
      validate: () => [
        ...this.validateWorkforce(),
        ...validateTags(new Validator(), this.resource.tags.tagValues()).errors,
        ...RegionalLimits.of(this).errorsOf(this),
      ],
    });
  }

  /** The workforce of this app that the team's stack defines, if any: the one the team joins when given none. */
  private workforceOfStack(): Workforce | undefined {
    return RegionalLimits.of(this).workforceOfStack(this) as Workforce | undefined;
  }

  /** The team's workforce: in its account and region, and one its members sign in with (WorkteamMembers). */
  private validateWorkforce(): string[] {
    const workforce = this.workforce ?? this.workforceOfStack();
    const members = this.members;
    if (!workforce) {
      this.warnWithoutWorkforce();
      return [];
    }
    const errors: string[] = [];
    const where = `'${workforce.node.path}'`;
    if (this.workforce && differentEnvironments(this, workforce)) {
      errors.push(`workforce: ${where} is in ${environmentOf(workforce)}, not in the team's ${environmentOf(this)}`);
    }
    // The members sign in like the workforce, with its user pool and client.
    errors.push(...members._validateWorkforce(workforce, workforce === this.workforce));
    return errors;
  }

  /**
   * A team given no workforce, in a stack that defines none, goes into the workforce of its account and region: say
   * what SageMaker will do with it, and never advise a workforce that the limits of that account and region reject.
   */
  private warnWithoutWorkforce(): void {
    const limits = RegionalLimits.of(this);
    const elsewhere = limits.foundInRegion(RegionalKind.WORKFORCE, this);
    if (elsewhere) {
      // An imported workforce exists already: SageMaker puts the team in it, and nothing waits for anything.
      if (!elsewhere.imported) {
        Annotations.of(this).addWarningV2(
          'cdk-sagemaker-workteam:workforceInOtherStack',
          `the team is given no workforce, and the workforce '${elsewhere.construct.node.path}' of another stack ` +
            `${elsewhere.certain ? 'is' : 'may be'} in its account and region: SageMaker would put the team in it without ` +
            'CloudFormation waiting for it; give it as workforce, so that this stack deploys after it',
        );
      }
      return;
    }
    if (this.members.identityProviderType !== IdentityProviderType.OIDC) {
      return;
    }
    const cognitoTeam = limits.foundInRegion(RegionalKind.WORKFORCE, this, true);
    Annotations.of(this).addWarningV2(
      'cdk-sagemaker-workteam:oidcWithoutWorkforce',
      cognitoTeam
        ? `the OIDC work team needs an OIDC workforce in ${environmentOf(this)}, and the Cognito work team ` +
          `'${cognitoTeam.construct.node.path}' ${cognitoTeam.certain ? 'in' : 'that may be in'} that account and region makes ` +
          'SageMaker create a Cognito workforce there: an account and region have one workforce, which signs in one way; put ' +
          'the OIDC and the Cognito teams in different accounts or regions'
        : `the OIDC work team needs an OIDC workforce in ${environmentOf(this)}, and the team is given none: ` +
          'create it (Workforce with WorkforceIdentity.oidc) before this team deploys, and give it as workforce',
    );
  }
}

/** Whether two constructs are certainly in different accounts or regions. */
function differentEnvironments(a: IResource, b: IResource): boolean {
  return certainlyDifferent(a.env.account, b.env.account) || certainlyDifferent(a.env.region, b.env.region);
}

function defaultDescription(workteam: Construct): string {
  const text = `Private work team ${workteam.node.path}`.replace(/[\n\r\u0085\u2028\u2029]/g, ' ');
  if (text.length <= 200) {
    return text;
  }
  // Cut at 199 UTF-16 code units without splitting a surrogate pair, then mark the cut.
  const cut = text.slice(0, 199).replace(/[\ud800-\udbff]$/, '');
  return `${cut}…`;
}

/** The ARN of a private work team of the stack's account and region. */
function privateWorkteamArn(scope: Construct, workteamName: string): string {
  return Stack.of(scope).formatArn(workteamArnComponents(workteamName));
}

/** `arn:<partition>:sagemaker:<region>:<account>:workteam/private-crowd/<name>` */
function workteamArnComponents(workteamName: string): ArnComponents {
  return { service: 'sagemaker', resource: 'workteam', resourceName: `private-crowd/${workteamName}`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME };
}

/** The crowd and name of `workteam/<crowd>/<name>`, the resource name of a work team's ARN. */
const CROWD_AND_NAME = /^(private-crowd|vendor-crowd|public-crowd)\/([^/]+)$/;

/** The name in a work team ARN, `arn:<partition>:sagemaker:<region>:<account>:workteam/<crowd>/<name>`. */
function parseWorkteamArn(arn: string, validator: Validator): { workteamName: string; crowd?: string } {
  if (Token.isUnresolved(arn)) {
    return { workteamName: Fn.select(2, Fn.split('/', arn)) };
  }
  const parts = arn.startsWith('arn:') ? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
  const match = parts?.resourceName === undefined ? null : CROWD_AND_NAME.exec(parts.resourceName);
  if (!parts || !match || parts.service !== 'sagemaker' || parts.resource !== 'workteam' || !/^\d{12}$/.test(parts.account ?? '') ||
    !/^[a-z0-9-]+$/.test(parts.region ?? '') || !/^[a-z-]+$/.test(parts.partition ?? '')) {
    validator.fail(
      'workteamArn',
      `${quote(arn)} is not the ARN of a work team; expected arn:<partition>:sagemaker:<region>:<account>:workteam/private-crowd/<name>`,
    );
    return { workteamName: arn };
  }
  validator.string('workteamArn (name)', match[2], WORKTEAM_NAME);
  return { workteamName: match[2], crowd: match[1] };
}
