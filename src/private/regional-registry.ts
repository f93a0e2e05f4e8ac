import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What one app defines in each account and region, for SageMaker's per-region limits: how many
 * resources of a kind, and which names are taken. Every operation costs O(1), so an app with
 * thousands of work teams stays linear.
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

  /** The environment of a construct, as written in errors; unresolved parts are 'unknown-...'. */
  public static environmentOf(scope: IConstruct): string {
    const stack = Stack.of(scope);
    const account = Token.isUnresolved(stack.account) ? 'unknown-account' : stack.account;
    const region = Token.isUnresolved(stack.region) ? 'unknown-region' : stack.region;
    return `aws://${account}/${region}`;
  }

  private readonly counts = new Map<string, number>();
  private readonly firsts = new Map<string, IConstruct>();
  private readonly names = new Map<string, IConstruct>();

  private constructor() {}

  /** Counts a new resource of `kind` in its environment and returns its rank there (1 for the first). */
  public register(kind: string, scope: IConstruct): number {
    const key = `${kind}|${RegionalRegistry.environmentOf(scope)}`;
    const rank = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, rank);
    if (rank === 1) {
      this.firsts.set(key, scope);
    }
    return rank;
  }

  /** The first resource of `kind` registered in the environment of `scope`, if any. */
  public first(kind: string, scope: IConstruct): IConstruct | undefined {
    return this.firsts.get(`${kind}|${RegionalRegistry.environmentOf(scope)}`);
  }

  /** Claims a name of `kind` in the environment of `scope`; returns the construct that claimed it first. */
  public claimName(kind: string, name: string, scope: IConstruct): IConstruct {
    const key = `${kind}|${RegionalRegistry.environmentOf(scope)}|${name}`;
    const owner = this.names.get(key);
    if (owner) {
      return owner;
    }
    this.names.set(key, scope);
    return scope;
  }
}

const REGISTRIES = new WeakMap<IConstruct, RegionalRegistry>();
