import { Annotations, Resource, Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { MAX_WORKTEAMS_PER_REGION } from './rules';
import { certainlyDifferent } from './same-value';
import { quote } from './validation';

/** The id of every warning about resources that may share an account and region. */
export const MAY_SHARE_ENVIRONMENT_WARNING = 'cdk-sagemaker-workteam:mayShareAccountAndRegion';

/** The kinds of resources SageMaker limits per account and region. */
export enum RegionalKind {
  WORKFORCE = 'workforce',
  WORKTEAM = 'workteam',
}

/**
 * What a workforce or work team of the library, defined in the app or imported, counts for in the limits of its
 * account and region.
 */
export interface RegionalClaim {
  readonly kind: RegionalKind;
  /** An imported resource exists already: it takes its place in the limits, and is never created. */
  readonly imported: boolean;
  /** The resource's name (a token is not compared). */
  readonly name: string;
  /**
   * The user pool id and app client id of the account and region's one workforce that the resource claims: those of
   * a Cognito workforce, or of a Cognito team that is not checked against a `Workforce` of this app.
   */
  readonly cognito?: readonly [string, string];
}

/**
 * Marks `resource` as one of the library's resources limited per account and region. The app's one check of these
 * limits (`RegionalLimits`) finds it when it walks the app at synth.
 */
export function claimInRegion(resource: Resource, claim: RegionalClaim): void {
  const order = RegionalLimits.of(resource).defined();
  Object.defineProperty(resource, CLAIM, { value: { claim, order }, enumerable: false });
}

/** What a lookup of a resource claimed in an account and region found. */
export interface FoundResource {
  readonly construct: IConstruct;
  readonly imported: boolean;
  /** Whether it is certainly in the account and region (else: it may be). */
  readonly certain: boolean;
}

/**
 * SageMaker's limits per account and region over one app: one private workforce (and so one Cognito user pool and
 * app client), 25 work teams, unique work team names.
 *
 * One construct per app, at its root, holds the check. At synth it walks the app once, takes the library's
 * workforces and work teams (imported ones too) and groups them by where they deploy. Two resources are certainly
 * in one account and region when they deploy with one stack (nested stacks deploy with their parent), or when their
 * account and region are concrete and equal: their collisions fail at synth, naming both, on the resource that
 * the app creates. Where an account or region is a token, resources may share them: their possible collisions are
 * warnings (`MAY_SHARE_ENVIRONMENT_WARNING`) on the stack whose environment is a token, never errors.
 *
 * The result is computed once and kept until one more resource of the library is defined. Each resource's own
 * validation reads its errors; the first one adds the app's warnings.
 */
export class RegionalLimits extends Construct {
  /** The check of the app that holds `scope`. */
  public static of(scope: IConstruct): RegionalLimits {
    const root = scope.node.root;
    return (root.node.tryFindChild(LIMITS_ID) as RegionalLimits | undefined) ?? new RegionalLimits(root, LIMITS_ID);
  }

  private findings?: Findings;
  /** How many resources of the library the app defined: their order decides which is first. */
  private definedCount = 0;
  /** The warnings added, so that a second synth does not add them again. */
  private readonly warned = new Set<string>();

  private constructor(scope: IConstruct, id: string) {
    super(scope, id);
  }

  /** Forgets the result, as a resource was defined; returns its rank among the resources of the library. */
  public defined(): number {
    this.findings = undefined;
    return this.definedCount++;
  }

  /** The errors of one resource; adds the app's warnings, once. */
  public errorsOf(scope: IConstruct): string[] {
    const findings = this.current();
    for (const { scope: warned, message } of findings.warnings) {
      const key = `${warned.node.path}\0${message}`;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        Annotations.of(warned).addWarningV2(MAY_SHARE_ENVIRONMENT_WARNING, message);
      }
    }
    return findings.errors.get(scope) ?? [];
  }

  /**
   * The first `Workforce` the app defines in the stack of `scope` (not a nested or parent stack): the one that a work
   * team given no workforce joins.
   */
  public workforceOfStack(scope: IConstruct): IConstruct | undefined {
    return this.current().workforcesOfStacks.get(Stack.of(scope));
  }

  /**
   * The first resource of `kind` (with `cognito` values: of those that claim a Cognito user pool) certainly in the
   * account and region of `scope`, else the first that may be in them, outside the stack of `scope`.
   */
  public foundInRegion(kind: RegionalKind, scope: IConstruct, cognito = false): FoundResource | undefined {
    return this.current().tally.find(cognito ? COGNITO_IDENTITY_RULE.kind : kind, scope);
  }

  private current(): Findings {
    return (this.findings ??= tallyApp(this.node.root));
  }
}

/** The environment of a construct (an imported resource's own), as written in messages; unresolved parts are 'unknown-...'. */
export function environmentOf(scope: IConstruct): string {
  const env = Resource.isResource(scope) ? scope.env : Stack.of(scope);
  const account = Token.isUnresolved(env.account) ? 'unknown-account' : env.account;
  const region = Token.isUnresolved(env.region) ? 'unknown-region' : env.region;
  return `aws://${account}/${region}`;
}

const CLAIM = Symbol.for('cdk-sagemaker-workteam.RegionalClaim');
const LIMITS_ID = 'cdk-sagemaker-workteam.RegionalLimits';

interface Claimed {
  readonly claim: RegionalClaim;
  readonly order: number;
}

function claimOf(construct: IConstruct): Claimed | undefined {
  return (construct as unknown as { [CLAIM]?: Claimed })[CLAIM];
}

interface Findings {
  readonly errors: Map<IConstruct, string[]>;
  readonly warnings: { readonly scope: IConstruct; readonly message: string }[];
  readonly workforcesOfStacks: Map<Stack, IConstruct>;
  readonly tally: Tally;
}

/**
 * Walks the app once: imported resources first (they exist already), then those the app creates, each in the order
 * the app defined them (what is defined later is what collides with what is there already).
 */
function tallyApp(root: IConstruct): Findings {
  const claimed: { construct: IConstruct; claim: RegionalClaim; order: number }[] = [];
  for (const construct of root.node.findAll()) {
    const found = claimOf(construct);
    if (found) {
      claimed.push({ construct, ...found });
    }
  }
  claimed.sort((a, b) => Number(b.claim.imported) - Number(a.claim.imported) || a.order - b.order);
  const tally = new Tally();
  const workforcesOfStacks = new Map<Stack, IConstruct>();
  for (const { construct, claim } of claimed) {
    if (claim.kind === RegionalKind.WORKFORCE && !claim.imported && !workforcesOfStacks.has(Stack.of(construct))) {
      workforcesOfStacks.set(Stack.of(construct), construct);
    }
    tally.add(construct, claim);
  }
  return { errors: tally.errors, warnings: tally.warnings, workforcesOfStacks, tally };
}

/** Where the resources of one stack (or one imported resource) deploy, as far as synth knows it, and the slots that index them. */
interface Place {
  /** What deploys them: a stack (a nested stack's top-level parent), or an imported resource of its own environment. */
  readonly deployment: IConstruct;
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

/** One resource in the tally. */
interface Entry {
  readonly construct: IConstruct;
  readonly claim: RegionalClaim;
  readonly place: Place;
}

/** The entries of one rule and key in one set of environments: the first, the first of another deployment, how many. */
interface Slot {
  readonly first: Entry;
  other?: Entry;
  count: number;
}

/** One of SageMaker's rules of uniqueness per account and region. */
interface RegionalRule {
  /** Names the rule's entries apart from those of other rules. */
  readonly kind: string;
  /** What collides between two entries certainly or possibly in one account and region (the messages' key), if anything. */
  collides(entry: Entry, first: Entry, key: string): string | undefined;
  /** The error of `entry`, certainly in the account and region of `first`. */
  collision(entry: Entry, first: Entry, what: string, where: string): string;
  /** The warning of `entry`, in a place whose account or region is a token, that may collide with `other`. */
  possibleCollision(entry: Entry, other: Entry, what: string): string;
}

/**
 * The entries of an app per rule, indexed by environment and by each part of it (account, region, all), so that
 * adding one costs O(1) and an app with thousands of work teams stays linear.
 */
class Tally {
  public readonly errors = new Map<IConstruct, string[]>();
  public readonly warnings: { scope: IConstruct; message: string }[] = [];
  /** Per rule and key, the slots by their key. */
  private readonly slots = new Map<string, Map<string, Slot>>();
  private readonly places = new Map<IConstruct, Place>();
  private readonly warned = new Set<string>();
  /** The names of imported teams counted, per certain slot: an import of one team twice counts once. */
  private readonly importedTeams = new Set<string>();

  public add(construct: IConstruct, claim: RegionalClaim): void {
    const entry: Entry = { construct, claim, place: this.placeOf(construct) };
    if (claim.kind === RegionalKind.WORKFORCE) {
      this.check(WORKFORCE_RULE, '', entry);
    } else {
      const named = !Token.isUnresolved(claim.name);
      const importKey = `${entry.place.slotKeys[0]}|${claim.name}`;
      if (!claim.imported || !named || !this.importedTeams.has(importKey)) {
        this.importedTeams.add(importKey);
        this.count(entry);
      }
      if (named) {
        this.check(WORKTEAM_NAME_RULE, claim.name, entry);
      }
    }
    if (claim.cognito) {
      this.check(COGNITO_IDENTITY_RULE, '', entry);
    }
  }

  /** The first entry of `kind` certainly in the account and region of `scope`, else one of another deployment that may be. */
  public find(kind: string, scope: IConstruct): FoundResource | undefined {
    const place = this.placeOf(Stack.of(scope));
    const slots = this.slotsOf(kind, '');
    const certain = slots.get(place.slotKeys[0])?.first;
    if (certain) {
      return { construct: certain.construct, imported: certain.claim.imported, certain: true };
    }
    const other = possibleOther(slots, place);
    return other && { construct: other.construct, imported: other.claim.imported, certain: false };
  }

  /** SageMaker's 25 work teams: beyond them an error; where a token may hide the environment, a warning on that stack. */
  private count(entry: Entry): void {
    const slots = this.slotsOf(RegionalKind.WORKTEAM, '');
    const certain = add(slots, entry);
    if (certain.count > MAX_WORKTEAMS_PER_REGION) {
      if (!entry.claim.imported) {
        this.error(entry.construct, workteamLimitExceeded(certain.count, certain.first, entry.place.where));
      }
      return;
    }
    const possible = entry.place.compatibleKeys.reduce((sum, key) => sum + (slots.get(key)?.count ?? 0), 0);
    if (possible <= MAX_WORKTEAMS_PER_REGION) {
      return;
    }
    const other = possibleOther(slots, entry.place)!;
    // Only places whose environment is a token are warned: the entry's own, or the other's.
    const warned = entry.place.concrete ? other.place.deployment : entry.place.deployment;
    if (this.once(`${RegionalKind.WORKTEAM}|${warned.node.addr}`)) {
      const shown = warned === entry.place.deployment ? other : entry;
      this.warnings.push({ scope: warned, message: workteamLimitPossiblyExceeded(possible, shown) });
    }
  }

  private check(rule: RegionalRule, key: string, entry: Entry): void {
    const slots = this.slotsOf(rule.kind, key);
    const certain = add(slots, entry);
    const certainCollision = certain.first !== entry ? rule.collides(entry, certain.first, key) : undefined;
    if (certainCollision !== undefined) {
      // The error goes to the resource the app creates: an imported one exists already.
      const [failed, named] = entry.claim.imported && !certain.first.claim.imported ? [certain.first, entry] : [entry, certain.first];
      this.error(failed.construct, rule.collision(failed, named, certainCollision, entry.place.where));
      return;
    }
    const other = possibleOther(slots, entry.place);
    const possibleCollision = other && rule.collides(entry, other, key);
    if (possibleCollision !== undefined) {
      // The warning goes to the resource whose place has a token environment, once per place, rule and key.
      const [warned, shown] = entry.place.concrete ? [other!, entry] : [entry, other!];
      if (this.once(`${rule.kind}|${key}|${warned.place.deployment.node.addr}`)) {
        this.warnings.push({ scope: warned.construct, message: rule.possibleCollision(warned, shown, possibleCollision) });
      }
    }
  }

  private error(construct: IConstruct, message: string): void {
    const errors = this.errors.get(construct);
    if (errors) {
      errors.push(message);
    } else {
      this.errors.set(construct, [message]);
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

  /**
   * The place of a construct: that of its stack, computed once per stack; an imported resource whose environment
   * is not its stack's (an ARN of another account or region) has a place of its own.
   */
  private placeOf(scope: IConstruct): Place {
    const stack = Stack.of(scope);
    if (scope !== stack && Resource.isResource(scope) && (scope.env.account !== stack.account || scope.env.region !== stack.region)) {
      return newPlace(scope, scope.env.account, scope.env.region);
    }
    let place = this.places.get(stack);
    if (!place) {
      const deployment = deploymentStackOf(stack);
      place = stack === deployment ? newPlace(deployment, deployment.account, deployment.region) : this.placeOf(deployment);
      this.places.set(stack, place);
    }
    return place;
  }
}

function deploymentStackOf(stack: Stack): Stack {
  let deployment = stack;
  while (deployment.nestedStackParent) {
    deployment = deployment.nestedStackParent;
  }
  return deployment;
}

/**
 * The slots of a place: its exact environment (a token part written `*`), its account, its region, all; and, first,
 * for a place whose environment is a token, the place itself, the only one certainly in its account and region.
 */
function newPlace(deployment: IConstruct, anyAccount: string, anyRegion: string): Place {
  const account = Token.isUnresolved(anyAccount) ? undefined : anyAccount;
  const region = Token.isUnresolved(anyRegion) ? undefined : anyRegion;
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
    where: Stack.isStack(deployment) ? `the stack '${deployment.node.path}'` : environmentOf(deployment),
    slotKeys: [`place:${deployment.node.addr}`, ...projections],
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

/** An entry of another deployment that may, but need not, share the account and region of `place`. */
function possibleOther(slots: Map<string, Slot>, place: Place): Entry | undefined {
  for (const key of place.possibleKeys) {
    const slot = slots.get(key);
    const other = slot && (slot.first.place.deployment !== place.deployment ? slot.first : slot.other);
    if (other) {
      return other;
    }
  }
  return undefined;
}

/** What turns a warning about stacks that may share an account and region into a check. */
const EXPLICIT_ENV = 'give the stacks an explicit env (account and region) to check this at synth';

/** `the workforce 'A/Workforce'`, `the imported work team 'A/Team' ("labelers")` */
function described(entry: Entry, noun: string): string {
  return entry.claim.imported
    ? `the imported ${noun} '${entry.construct.node.path}' (${quote(entry.claim.name)})`
    : `the ${noun} '${entry.construct.node.path}'`;
}

function workteamLimitExceeded(rank: number, first: Entry, where: string): string {
  return `this is work team number ${rank} in ${where}, whose first is '${first.construct.node.path}'; SageMaker allows at most ` +
    `${MAX_WORKTEAMS_PER_REGION} work teams per account and region (ResourceLimitExceeded): move teams to another region or account`;
}

function workteamLimitPossiblyExceeded(count: number, other: Entry): string {
  return "the stack's account or region is a token: with the stacks that may deploy to the same account and region (such as " +
    `the stack of '${other.construct.node.path}'), they would have ${count} work teams, and SageMaker allows at most ` +
    `${MAX_WORKTEAMS_PER_REGION} per account and region; ${EXPLICIT_ENV}`;
}

/** What an import of a resource says, and what to do when it names one of this app. */
const IMPORT_EXISTS = 'an imported resource exists already';

/** A work team's name is unique per account and region (ResourceInUse); two imports of one name are one team. */
const WORKTEAM_NAME_RULE: RegionalRule = {
  kind: 'workteamName',
  collides: (entry, first, name) => (entry.claim.imported && first.claim.imported ? undefined : name),
  collision: (_entry, first, name, where) =>
    first.claim.imported
      ? `workteamName: ${quote(name)} is the name of ${described(first, 'work team')} in ${where}, and ${IMPORT_EXISTS}: ` +
        'work team names must be unique per account and region (ResourceInUse); to use a team of this app in another stack, ' +
        'pass the team itself (its workteamArn and workteamName need no import)'
      : `workteamName: ${quote(name)} is already the name of the work team '${first.construct.node.path}' in ${where}; ` +
        'work team names must be unique per account and region (ResourceInUse)',
  possibleCollision: (_entry, other, name) =>
    `workteamName: ${quote(name)} is also the name of ${described(other, 'work team')}, whose stack may deploy to the ` +
    `same account and region (this stack's account or region is a token); work team names must be unique per account and region: ${EXPLICIT_ENV}`,
};

/**
 * One private workforce per account and region: two of this app collide, and one of this app collides with an
 * imported one; two imports collide only when their names differ.
 */
const WORKFORCE_RULE: RegionalRule = {
  kind: RegionalKind.WORKFORCE,
  collides: (entry, first) =>
    !entry.claim.imported || !first.claim.imported || certainlyDifferent(entry.claim.name, first.claim.name) ? '' : undefined,
  collision: (entry, first, _key, where) => {
    if (!first.claim.imported) {
      return `the workforce '${first.construct.node.path}' is already the private workforce of ${where}; SageMaker allows one ` +
        'workforce per account and region: give its work teams that workforce';
    }
    return entry.claim.imported
      ? `${described(entry, 'workforce')} and ${described(first, 'workforce')} are both in ${where}, which has one private ` +
        'workforce: import it once, by its name'
      : `${described(first, 'workforce')} is already the private workforce of ${where} (${IMPORT_EXISTS}); SageMaker allows ` +
        'one workforce per account and region (the one it creates with the first Cognito work team is "default"): give the ' +
        'work teams the imported workforce instead of creating one, or create this one in another account or region';
  },
  possibleCollision: (_entry, other) =>
    `${described(other, 'workforce')} is in a stack that may deploy to the same account and region (this stack's account ` +
    `or region is a token), and SageMaker allows one workforce per account and region: ${EXPLICIT_ENV}`,
};

/** The labels of the values of `COGNITO_IDENTITY_RULE`: the user pool id and the app client id. */
const COGNITO_LABELS = ['user pool', 'app client'];

/** The one workforce of an account and region has one Cognito user pool and app client, for all its teams. */
const COGNITO_IDENTITY_RULE: RegionalRule = {
  kind: 'cognito',
  collides: (entry, first) => {
    const differ = COGNITO_LABELS.filter((_label, index) => certainlyDifferent(entry.claim.cognito![index], first.claim.cognito![index]));
    return differ.length > 0 ? differ.join(' and ') : undefined;
  },
  collision: (_entry, first, what, where) =>
    `the Cognito ${notThatOf(what)} '${first.construct.node.path}' in ${where}; an account and region have one ` +
    'private workforce, and its work teams all sign in with its one user pool and app client',
  possibleCollision: (_entry, other, what) =>
    `the Cognito ${notThatOf(what)} '${other.construct.node.path}', whose stack may deploy to the same account ` +
    `and region (this stack's account or region is a token), where one workforce has one user pool and app client: ${EXPLICIT_ENV}`,
};

/** `user pool is not that of`, `user pool and app client are not those of` */
function notThatOf(what: string): string {
  return what.includes(' and ') ? `${what} are not those of` : `${what} is not that of`;
}
