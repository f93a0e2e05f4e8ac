/**
 * One measurement, in a fresh process: builds and synthesizes the app of one variant, then prints one JSON
 * line (`SynthResult`). Usage: `node synth-child.js <l1|l2|floor> <stacks> <topics|no-topics> <outdir>`.
 *
 * Times are from `performance.now()`, whose origin is the start of this process: `totalMs` covers Node's
 * start, loading aws-cdk-lib (and the library), building the construct tree and writing the cloud assembly.
 * `maxRssKiB` is the peak resident set size of this process.
 */
import { performance } from 'perf_hooks';
import { buildApp, Variant, VARIANTS } from './apps';

export interface SynthResult {
  readonly variant: Variant;
  readonly stacks: number;
  readonly topics: boolean;
  /** Process start until the construct tree is built (includes loading the modules). */
  readonly buildMs: number;
  /** `app.synth()`: validation, resolution, templates, CloudFormation Validate if on. */
  readonly synthMs: number;
  /** Process start until the cloud assembly is written. */
  readonly totalMs: number;
  /** Peak resident set size of the process, KiB. */
  readonly maxRssKiB: number;
  /** CPU time of the process (user + system, all threads), until the cloud assembly is written. */
  readonly cpuMs: number;
}

export const RESULT_PREFIX = 'BENCH-RESULT ';

function main(): void {
  const [variant, stacksArg, topicsArg, outdir] = process.argv.slice(2);
  if (!VARIANTS.includes(variant as Variant) || !/^\d+$/.test(stacksArg ?? '') || !['topics', 'no-topics'].includes(topicsArg) || !outdir) {
    throw new Error('usage: synth-child <l1|l2|floor> <stacks> <topics|no-topics> <outdir>');
  }
  const stacks = Number(stacksArg);
  const topics = topicsArg === 'topics';
  const app = buildApp(variant as Variant, { stacks, topics, outdir });
  const built = performance.now();
  app.synth();
  const synthesized = performance.now();
  const usage = process.resourceUsage();
  const result: SynthResult = {
    variant: variant as Variant,
    stacks,
    topics,
    buildMs: built,
    synthMs: synthesized - built,
    totalMs: synthesized,
    maxRssKiB: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main();
}
