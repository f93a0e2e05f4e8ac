import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { CfnWorkteam } from 'aws-cdk-lib/aws-sagemaker';
import { IConstruct } from 'constructs';
import { MAX_WORKTEAMS_PER_REGION } from './rules';
import { quote } from './validation';

/**
 * One of SageMaker's limits per account and region, as the registry checks it.
 */
export interface RegionalRule {
  /** Names the rule's entries apart from those of other rules, such as `workteamName`. */
  readonly kind: string;

  /**
   * The error of `entry`, certainly in the account and region of `first` (the same deployed stack, or both
   * stacks with a concrete and equal account and region).
   *
   * @param key the claimed name ('' for a resource of which there is one)
   * @param where `aws://<account>/<region>`, or `the stack '<path>'` for a stack whose environment is a token
   */
  collision(entry: IConstruct, first: IConstruct, key: string, where: string): string;

  /** The warning of `entry`, in a stack whose account or region is a token, that may collide with `other`. */
  possibleCollision(entry: IConstruct, other: IConstruct, key: string): string;
}

/** A rule that counts resources: more than `max` in one account and region break it. */
export interface RegionalLimit {
  /** Names the limit's entries apart from those of other rules, such as `workteam`. */
  readonly kind: string;

  /** The most resources SageMaker allows per account and region. */
  readonly max: number;

  /** The error of `entry`, resource number `rank` certainly in the account and region of `first`. */
  excess(entry: IConstruct, rank: number, first: IConstruct, where: string): string;

  /**
   * The warning of a stack whose account or region is a token, with `count` resources in it and in the stacks
   * that may share its account and region, such as `other`.
   */
  possibleExcess(stack: Stack, count: number, other: IConstruct): string;
}

/** The id of every warning about resources that may share an account and region. */
export const MAY_SHARE_ENVIRONMENT_WARNING = 'cdk-sagemaker-workteam:mayShareAccountAndRegion';

/** Where one resource deploys, as far as synth knows it. */
interface Entry {
  readonly construct: IConstruct;
  /** The stack CloudFormation deploys it with: a nested stack's top-level parent, which has its environment. */
  readonly deployment: Stack;
  /** The account; undefined when it is a token. */
  readonly account?: string;
  /** The region; undefined when it is a token. */
  readonly region?: string;
  /** What must be equal in one account and region (the user pool and app client ids), if anything. */
  readonly values?: readonly string[];
}

/** The entries of one rule in one set of environments: the first, the first of another stack, how many. */
interface Slot {
  readonly first: Entry;
  other?: Entry;
  count: number;
}

/**
 * What one app defines in each account and region, for SageMaker's limits per account and region.
 *
 * Two resources are certainly in one account and region when they deploy with one stack, or when their stacks have
 * a concrete and equal account and region: their collisions fail at synth, naming both. Stacks whose account or
 * region is a token may deploy anywhere: their possible collisions with other stacks are warnings
 * (`MAY_SHARE_ENVIRONMENT_WARNING`), never errors. Entries are indexed by environment and by each part of it, so
 * that every operation costs O(1) and an app with thousands of work teams stays linear; a resource that breaks no
 * rule costs no validation of its own.
 */
export class RegionalRegistry {
  /** The registry of the app (the root construct) that holds `scope`. */
  public static of(scope: IConstruct): RegionalRegistry {
    const root = scope.node.root;
    let registry = REGISTRIES.get(root);
    if (!registry) {
      registry = new RegionalRegistry();
      REGISTRIES.set(root, registry);
    }
    return registry;
  }

  /** The environment of a construct, as written in messages; unresolved parts are 'unknown-...'. */
  public static environmentOf(scope: IConstruct): string {
    const stack = Stack.of(scope);
    const account = Token.isUnresolved(stack.account) ? 'unknown-account' : stack.account;
    const region = Token.isUnresolved(stack.region) ? 'unknown-region' : stack.region;
    return `aws://${account}/${region}`;
  }

  private readonly slots = new Map<string, Slot>();
  private readonly stackIds = new WeakMap<Stack, number>();
  private nextStackId = 0;
  private readonly warnedStacks = new Set<string>();
  private readonly workforces = new WeakMap<Stack, IConstruct & { readonly workforceName: string }>();
  private readonly teamsWithoutWorkforce = new WeakMap<Stack, CfnWorkteam[]>();

  private constructor() {}

  /**
   * Counts a new resource against `limit` in its account and region: beyond `limit.max` it fails at synth; in a
   * stack whose account or region is a token, it warns when the stacks that may share them hold more.
   */
  public count(limit: RegionalLimit, scope: IConstruct): void {
    const entry = this.entryOf(scope);
    const certain = this.add(limit.kind, '', entry);
    if (certain.count > limit.max) {
      const message = limit.excess(scope, certain.count, certain.first.construct, this.placeOf(entry));
      scope.node.addValidation({ validate: () => [message] });
      return;
    }
    const possible = this.possibleCount(limit.kind, '', entry);
    if (possible <= limit.max) {
      return;
    }
    const other = this.possibleOther(limit.kind, '', entry);
    // Only stacks whose environment is a token are warned: the entry's own, or the other's.
    const warned = isConcrete(entry) ? other!.deployment : entry.deployment;
    const key = `${limit.kind}|${this.stackId(warned)}`;
    if (!this.warnedStacks.has(key)) {
      this.warnedStacks.add(key);
      const shown = warned === entry.deployment ? other! : entry;
      Annotations.of(warned).addWarningV2(MAY_SHARE_ENVIRONMENT_WARNING, limit.possibleExcess(warned, possible, shown.construct));
    }
  }

  /**
   * Claims `key` (a name, or '' for a resource of which there is one) for `scope` in its account and region: a
   * second claim there fails at synth; a claim that may share them with another stack's warns.
   */
  public claim(rule: RegionalRule, key: string, scope: IConstruct): void {
    this.check(rule, key, this.entryOf(scope), () => key);
  }

  /**
   * Records `values` of `scope` that one account and region can have only one of (such as the user pool and app
   * client of its one workforce): values certainly different from the first's there fail at synth; those that
   * may share them with another stack's warn. The rule's messages get, as key, the labels of the values that differ.
   */
  public claimValues(
    rule: RegionalRule,
    values: readonly string[],
    labels: readonly string[],
    scope: IConstruct,
    certainlyDifferent: (a: string, b: string) => boolean,
  ): void {
    const differing = (a: Entry, b: Entry) => {
      const differ = labels.filter((_label, index) => certainlyDifferent(a.values![index], b.values![index]));
      return differ.length > 0 ? differ.join(' and ') : undefined;
    };
    this.check(rule, '', { ...this.entryOf(scope), values }, differing);
  }

  /**
   * Records the workforce that a stack defines, and gives it to the work teams of the stack that were given none.
   * A second workforce of one stack breaks the one-per-region rule and is not recorded.
   */
  public addWorkforce(workforce: IConstruct & { readonly workforceName: string }): void {
    const stack = Stack.of(workforce);
    if (this.workforces.has(stack)) {
      return;
    }
    this.workforces.set(stack, workforce);
    for (const team of this.teamsWithoutWorkforce.get(stack) ?? []) {
      team.workforceName = workforce.workforceName;
    }
    this.teamsWithoutWorkforce.delete(stack);
  }

  /** The workforce that the stack of `scope` defines, if any: the one a team given no workforce joins. */
  public workforceOfStack(scope: IConstruct): IConstruct | undefined {
    return this.workforces.get(Stack.of(scope));
  }

  /**
   * Makes a work team given no workforce join the workforce of its stack: now if the stack has one, else when it
   * is defined. Never one of another stack: that would be a reference across stacks the user did not write.
   */
  public joinWorkforceOfStack(team: CfnWorkteam): void {
    const stack = Stack.of(team);
    const workforce = this.workforces.get(stack);
    if (workforce) {
      team.workforceName = workforce.workforceName;
      return;
    }
    let teams = this.teamsWithoutWorkforce.get(stack);
    if (!teams) {
      teams = [];
      this.teamsWithoutWorkforce.set(stack, teams);
    }
    teams.push(team);
  }

  /**
   * The first resource claimed for `rule` and `key` in the account and region of `scope`, or else one of another
   * stack that may be in them, if any. (For a scope whose own stack has none: the workforce a team may end up in.)
   */
  public claimedElsewhere(rule: RegionalRule, key: string, scope: IConstruct): IConstruct | undefined {
    const entry = this.entryOf(scope);
    const certain = this.slots.get(`${rule.kind}|${key}|${certainKey(entry, this.stackId(entry.deployment))}`);
    return (certain?.first ?? this.possibleOther(rule.kind, key, entry))?.construct;
  }

  /** `collision` says what collides between two entries (the key of the rule's messages), or undefined. */
  private check(rule: RegionalRule, key: string, entry: Entry, collision: (a: Entry, b: Entry) => string | undefined): void {
    const certain = this.add(rule.kind, key, entry);
    const certainCollision = certain.first !== entry ? collision(entry, certain.first) : undefined;
    if (certainCollision !== undefined) {
      const message = rule.collision(entry.construct, certain.first.construct, certainCollision, this.placeOf(entry));
      entry.construct.node.addValidation({ validate: () => [message] });
      return;
    }
    const other = this.possibleOther(rule.kind, key, entry);
    const possibleCollision = other && collision(entry, other);
    if (possibleCollision !== undefined) {
      // The warning goes to the resource whose stack has a token environment, once per stack, rule and key.
      const [warned, shown] = isConcrete(entry) ? [other!, entry] : [entry, other!];
      const once = `${rule.kind}|${key}|${this.stackId(warned.deployment)}`;
      if (this.warnedStacks.has(once)) {
        return;
      }
      this.warnedStacks.add(once);
      const message = rule.possibleCollision(warned.construct, shown.construct, possibleCollision);
      Annotations.of(warned.construct).addWarningV2(MAY_SHARE_ENVIRONMENT_WARNING, message);
    }
  }

  /** Adds an entry to its slots; returns the slot of the environment it is certainly in. */
  private add(kind: string, key: string, entry: Entry): Slot {
    const prefix = `${kind}|${key}|`;
    const stackId = this.stackId(entry.deployment);
    const keys = [certainKey(entry, stackId), ...projectionKeys(entry)];
    // A concrete environment's certain key is also its exact pattern: count it once.
    const unique = isConcrete(entry) ? keys.slice(1) : keys;
    let certain: Slot | undefined;
    for (const slotKey of unique) {
      const full = prefix + slotKey;
      let slot = this.slots.get(full);
      if (!slot) {
        slot = { first: entry, count: 0 };
        this.slots.set(full, slot);
      } else if (!slot.other && slot.first.deployment !== entry.deployment) {
        slot.other = entry;
      }
      slot.count++;
      certain ??= slot;
    }
    return certain!;
  }

  /** How many entries of `kind` and `key` may share the account and region of `entry` (itself included). */
  private possibleCount(kind: string, key: string, entry: Entry): number {
    const prefix = `${kind}|${key}|`;
    return compatibleKeys(entry).reduce((sum, slotKey) => sum + (this.slots.get(prefix + slotKey)?.count ?? 0), 0);
  }

  /** An entry of `kind` and `key` in another stack that may, but need not, share the account and region of `entry`. */
  private possibleOther(kind: string, key: string, entry: Entry): Entry | undefined {
    const prefix = `${kind}|${key}|`;
    // A concrete environment's own exact pattern holds what certainly shares it: skip it.
    const candidates = isConcrete(entry) ? compatibleKeys(entry).slice(1) : compatibleKeys(entry);
    for (const slotKey of candidates) {
      const slot = this.slots.get(prefix + slotKey);
      const other = slot && otherThan(slot, entry.deployment);
      if (other) {
        return other;
      }
    }
    return undefined;
  }

  private entryOf(scope: IConstruct): Entry {
    const deployment = deploymentStackOf(Stack.of(scope));
    return {
      construct: scope,
      deployment,
      account: Token.isUnresolved(deployment.account) ? undefined : deployment.account,
      region: Token.isUnresolved(deployment.region) ? undefined : deployment.region,
    };
  }

  private placeOf(entry: Entry): string {
    return isConcrete(entry) ? `aws://${entry.account}/${entry.region}` : `the stack '${entry.deployment.node.path}'`;
  }

  private stackId(stack: Stack): number {
    let id = this.stackIds.get(stack);
    if (id === undefined) {
      id = this.nextStackId++;
      this.stackIds.set(stack, id);
    }
    return id;
  }
}

const REGISTRIES = new WeakMap<IConstruct, RegionalRegistry>();

function isConcrete(entry: Entry): boolean {
  return entry.account !== undefined && entry.region !== undefined;
}

function deploymentStackOf(stack: Stack): Stack {
  let deployment = stack;
  while (deployment.nestedStackParent) {
    deployment = deployment.nestedStackParent;
  }
  return deployment;
}

/** The slot of what is certainly in the account and region of `entry`: its environment, or its deployed stack. */
function certainKey(entry: Entry, stackId: number): string {
  return isConcrete(entry) ? exactKey(entry.account, entry.region) : `stack:${stackId}`;
}

/** The slots every entry is counted in: its exact pattern, its account, its region, all. */
function projectionKeys(entry: Entry): string[] {
  return [exactKey(entry.account, entry.region), `account:${entry.account ?? '*'}`, `region:${entry.region ?? '*'}`, 'all'];
}

function exactKey(account: string | undefined, region: string | undefined): string {
  return `env:${account ?? '*'}/${region ?? '*'}`;
}

/**
 * The disjoint slots whose entries may share the account and region of `entry`, a token part matching anything;
 * for a concrete environment its own exact pattern comes first.
 */
function compatibleKeys(entry: Entry): string[] {
  const { account, region } = entry;
  if (account !== undefined && region !== undefined) {
    return [exactKey(account, region), exactKey(account, undefined), exactKey(undefined, region), exactKey(undefined, undefined)];
  }
  if (account !== undefined) {
    return [`account:${account}`, 'account:*'];
  }
  if (region !== undefined) {
    return [`region:${region}`, 'region:*'];
  }
  return ['all'];
}

/** The slot's first entry of a stack other than `stack`, if any. */
function otherThan(slot: Slot, stack: Stack): Entry | undefined {
  return slot.first.deployment !== stack ? slot.first : slot.other;
}

/** What turns a warning about stacks that may share an account and region into a check. */
const EXPLICIT_ENV = 'give the stacks an explicit env (account and region) to check this at synth';

/** SageMaker's 25 work teams per account and region (ResourceLimitExceeded). */
export const WORKTEAM_LIMIT: RegionalLimit = {
  kind: 'workteam',
  max: MAX_WORKTEAMS_PER_REGION,
  excess: (_entry, rank, first, where) =>
    `this is work team number ${rank} in ${where}, whose first is '${first.node.path}'; SageMaker allows at most ` +
    `${MAX_WORKTEAMS_PER_REGION} work teams per account and region (ResourceLimitExceeded): move teams to another region or account`,
  possibleExcess: (_stack, count, other) =>
    "the stack's account or region is a token: with the stacks that may deploy to the same account and region (such as " +
    `the stack of '${other.node.path}'), they would have ${count} work teams, and SageMaker allows at most ` +
    `${MAX_WORKTEAMS_PER_REGION} per account and region; ${EXPLICIT_ENV}`,
};

/** A work team's name is unique per account and region (ResourceInUse). */
export const WORKTEAM_NAME_RULE: RegionalRule = {
  kind: 'workteamName',
  collision: (_entry, first, name, where) =>
    `workteamName: ${quote(name)} is already the name of the work team '${first.node.path}' in ${where}; ` +
    'work team names must be unique per account and region (ResourceInUse)',
  possibleCollision: (_entry, other, name) =>
    `workteamName: ${quote(name)} is also the name of the work team '${other.node.path}', whose stack may deploy to the ` +
    `same account and region (this stack's account or region is a token); work team names must be unique per account and region: ${EXPLICIT_ENV}`,
};

/** One private workforce per account and region. */
export const WORKFORCE_RULE: RegionalRule = {
  kind: 'workforce',
  collision: (_entry, first, _key, where) =>
    `the workforce '${first.node.path}' is already the private workforce of ${where}; SageMaker allows one ` +
    'workforce per account and region: give its work teams that workforce',
  possibleCollision: (_entry, other) =>
    `the workforce '${other.node.path}' is in a stack that may deploy to the same account and region (this stack's account ` +
    `or region is a token), and SageMaker allows one workforce per account and region: ${EXPLICIT_ENV}`,
};

/** The labels of the values of `COGNITO_IDENTITY_RULE`: the user pool id and the app client id. */
export const COGNITO_LABELS = ['user pool', 'app client'];

/** The one workforce of an account and region has one Cognito user pool and app client, for all its teams. */
export const COGNITO_IDENTITY_RULE: RegionalRule = {
  kind: 'cognito',
  collision: (_entry, first, what, where) =>
    `the Cognito ${notThatOf(what)} '${first.node.path}' in ${where}; an account and region have one ` +
    'private workforce, and its work teams all sign in with its one user pool and app client',
  possibleCollision: (_entry, other, what) =>
    `the Cognito ${notThatOf(what)} '${other.node.path}', whose stack may deploy to the same account ` +
    `and region (this stack's account or region is a token), where one workforce has one user pool and app client: ${EXPLICIT_ENV}`,
};

/** `user pool is not that of`, `user pool and app client are not those of` */
function notThatOf(what: string): string {
  return what.includes(' and ') ? `${what} are not those of` : `${what} is not that of`;
}
