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

/** Where the resources of one stack deploy, as far as synth knows it, and the slots that index them. */
interface Place {
  /** The stack CloudFormation deploys: a nested stack's top-level parent, which has its environment. */
  readonly deployment: Stack;
  /** Whether both the account and the region are concrete. */
  readonly concrete: boolean;
  /** How messages name the place: `aws://<account>/<region>`, or `the stack '<path>'`. */
  readonly where: string;
  /** The slots an entry is counted in; the first is that of what is certainly in its account and region. */
  readonly slotKeys: readonly string[];
  /** The disjoint slots whose entries may share its account and region (itself included). */
  readonly compatibleKeys: readonly string[];
  /** Those of `compatibleKeys` whose entries may, but need not, share them. */
  readonly possibleKeys: readonly string[];
}

/** One resource in the registry. */
interface Entry {
  readonly construct: IConstruct;
  readonly place: Place;
  /** What must be equal in one account and region (the user pool and app client ids), if anything. */
  readonly values?: readonly string[];
}

/** The entries of one rule and key in one set of environments: the first, the first of another stack, how many. */
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
 * (`MAY_SHARE_ENVIRONMENT_WARNING`), never errors. Entries are indexed by environment and by each part of it
 * (account, region, all), so that every operation costs O(1) and an app with thousands of work teams stays linear;
 * a resource that breaks no rule costs no validation of its own.
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

  /** Per rule and key, the slots by their key. */
  private readonly slots = new Map<string, Map<string, Slot>>();
  private readonly places = new WeakMap<Stack, Place>();
  private readonly warned = new Set<string>();
  private readonly workforces = new WeakMap<Stack, IConstruct & { readonly workforceName: string }>();
  private readonly teamsWithoutWorkforce = new WeakMap<Stack, CfnWorkteam[]>();

  private constructor() {}

  /**
   * Counts a new resource against `limit` in its account and region: beyond `limit.max` it fails at synth; in a
   * stack whose account or region is a token, it warns when the stacks that may share them hold more.
   */
  public count(limit: RegionalLimit, scope: IConstruct): void {
    const entry = this.entryOf(scope);
    const slots = this.slotsOf(limit.kind, '');
    const certain = add(slots, entry);
    if (certain.count > limit.max) {
      const message = limit.excess(scope, certain.count, certain.first.construct, entry.place.where);
      scope.node.addValidation({ validate: () => [message] });
      return;
    }
    const possible = entry.place.compatibleKeys.reduce((sum, key) => sum + (slots.get(key)?.count ?? 0), 0);
    if (possible <= limit.max) {
      return;
    }
    const other = possibleOther(slots, entry)!;
    // Only stacks whose environment is a token are warned: the entry's own, or the other's.
    const warned = entry.place.concrete ? other.place.deployment : entry.place.deployment;
    if (this.once(`${limit.kind}|${warned.node.addr}`)) {
      const shown = warned === entry.place.deployment ? other : entry;
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
    this.check(rule, '', { construct: scope, place: this.placeOf(Stack.of(scope)), values }, differing);
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
    const slots = this.slotsOf(rule.kind, key);
    return (slots.get(entry.place.slotKeys[0])?.first ?? possibleOther(slots, entry))?.construct;
  }

  /** `collision` says what collides between two entries (the key of the rule's messages), or undefined. */
  private check(rule: RegionalRule, key: string, entry: Entry, collision: (a: Entry, b: Entry) => string | undefined): void {
    const slots = this.slotsOf(rule.kind, key);
    const certain = add(slots, entry);
    const certainCollision = certain.first !== entry ? collision(entry, certain.first) : undefined;
    if (certainCollision !== undefined) {
      const message = rule.collision(entry.construct, certain.first.construct, certainCollision, entry.place.where);
      entry.construct.node.addValidation({ validate: () => [message] });
      return;
    }
    const other = possibleOther(slots, entry);
    const possibleCollision = other && collision(entry, other);
    if (possibleCollision !== undefined) {
      // The warning goes to the resource whose stack has a token environment, once per stack, rule and key.
      const [warned, shown] = entry.place.concrete ? [other!, entry] : [entry, other!];
      if (this.once(`${rule.kind}|${key}|${warned.place.deployment.node.addr}`)) {
        const message = rule.possibleCollision(warned.construct, shown.construct, possibleCollision);
        Annotations.of(warned.construct).addWarningV2(MAY_SHARE_ENVIRONMENT_WARNING, message);
      }
    }
  }

  /** Whether `key` is seen for the first time. */
  private once(key: string): boolean {
    const first = !this.warned.has(key);
    this.warned.add(key);
    return first;
  }

  private slotsOf(kind: string, key: string): Map<string, Slot> {
    const group = `${kind}|${key}`;
    let slots = this.slots.get(group);
    if (!slots) {
      slots = new Map();
      this.slots.set(group, slots);
    }
    return slots;
  }

  private entryOf(scope: IConstruct): Entry {
    return { construct: scope, place: this.placeOf(Stack.of(scope)) };
  }

  /** The place of a stack's resources, computed once per stack. */
  private placeOf(stack: Stack): Place {
    let place = this.places.get(stack);
    if (!place) {
      const deployment = deploymentStackOf(stack);
      place = stack === deployment ? newPlace(deployment) : this.placeOf(deployment);
      this.places.set(stack, place);
    }
    return place;
  }
}

const REGISTRIES = new WeakMap<IConstruct, RegionalRegistry>();

function deploymentStackOf(stack: Stack): Stack {
  let deployment = stack;
  while (deployment.nestedStackParent) {
    deployment = deployment.nestedStackParent;
  }
  return deployment;
}

/**
 * The slots of a stack: its exact environment (a token part written `*`), its account, its region, all; and, first,
 * for a stack whose environment is a token, the stack itself, the only place certainly in its account and region.
 */
function newPlace(deployment: Stack): Place {
  const account = Token.isUnresolved(deployment.account) ? undefined : deployment.account;
  const region = Token.isUnresolved(deployment.region) ? undefined : deployment.region;
  const exact = (a: string | undefined, r: string | undefined) => `env:${a ?? '*'}/${r ?? '*'}`;
  const projections = [exact(account, region), `account:${account ?? '*'}`, `region:${region ?? '*'}`, 'all'];
  if (account !== undefined && region !== undefined) {
    const compatibleKeys = [exact(account, region), exact(account, undefined), exact(undefined, region), exact(undefined, undefined)];
    return {
      deployment,
      concrete: true,
      where: `aws://${account}/${region}`,
      slotKeys: projections,
      compatibleKeys,
      possibleKeys: compatibleKeys.slice(1),
    };
  }
  let compatibleKeys = ['all'];
  if (account !== undefined) {
    compatibleKeys = [`account:${account}`, 'account:*'];
  } else if (region !== undefined) {
    compatibleKeys = [`region:${region}`, 'region:*'];
  }
  return {
    deployment,
    concrete: false,
    where: `the stack '${deployment.node.path}'`,
    slotKeys: [`stack:${deployment.node.addr}`, ...projections],
    compatibleKeys,
    possibleKeys: compatibleKeys,
  };
}

/** Adds an entry to its slots; returns the slot of what is certainly in its account and region. */
function add(slots: Map<string, Slot>, entry: Entry): Slot {
  let certain: Slot | undefined;
  for (const key of entry.place.slotKeys) {
    let slot = slots.get(key);
    if (!slot) {
      slot = { first: entry, count: 0 };
      slots.set(key, slot);
    } else if (!slot.other && slot.first.place.deployment !== entry.place.deployment) {
      slot.other = entry;
    }
    slot.count++;
    certain ??= slot;
  }
  return certain!;
}

/** An entry in another stack that may, but need not, share the account and region of `entry`. */
function possibleOther(slots: Map<string, Slot>, entry: Entry): Entry | undefined {
  for (const key of entry.place.possibleKeys) {
    const slot = slots.get(key);
    const other = slot && (slot.first.place.deployment !== entry.place.deployment ? slot.first : slot.other);
    if (other) {
      return other;
    }
  }
  return undefined;
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
