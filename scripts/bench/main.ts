/**
 * `npm run bench`: the synth cost of the Workteam L2 against the L1 floor, and the library's load time.
 *
 * 1. Checks that both variants synthesize the same CloudFormation resources (fails the run otherwise).
 * 2. Load time: `require` of the compiled library against `require('aws-cdk-lib/aws-sagemaker')`, each in
 *    fresh processes (see require-child.ts for exactly what is timed).
 * 3. Synth: for each size N, fresh processes build and synthesize N stacks x 25 work teams, alternating
 *    L1, L2, L1, L2, ...; first with CloudFormation Validate off (`CDK_VALIDATION=false`, what
 *    `cdk synth --no-validation` does: the construct library's own cost, undiluted), then with it on
 *    (aws-cdk-lib's default, what users get; seconds of WASM schema validation, the same for both variants).
 * 4. Prints the medians, the ratios L2/L1, the growth from N to 4N and the targets.
 *
 * Options (defaults): --sizes 10,40,160  --reps 5  --validate-sizes 10,40  --validate-reps 5  --require-reps 15;
 * `--validate-sizes none` skips the runs with CloudFormation Validate, `--validate-sizes 10,40,160` adds N=160
 * (5 to 6 more minutes on 2 cores: CloudFormation Validate takes 25 to 40 s per run there); --strict exits 1
 * when a target is missed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { TEAMS_PER_STACK, Variant, VARIANTS } from './apps';
import { libraryEntryPoint, repositoryRoot } from './paths';
import { REQUIRE_MODES, REQUIRE_RESULT_PREFIX, RequireMode, RequireResult } from './require-child';
import { RESULT_PREFIX, SynthResult } from './synth-child';

const TARGETS = {
  /** L2/L1 at N = 40, time and peak memory. */
  ratioAt: 40,
  maxRatio: 1.1,
  /** L2 time growth from N to 4N. */
  maxGrowth: 4.4,
  /** Library's own load time / sagemaker module load time. */
  maxLoadShare: 0.1,
};

interface Options {
  readonly sizes: number[];
  readonly reps: number;
  readonly validateSizes: number[];
  readonly validateReps: number;
  readonly requireReps: number;
  readonly strict: boolean;
}

function parseOptions(argv: string[]): Options {
  const values = new Map<string, string>();
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--strict') {
      strict = true;
    } else if (/^--(sizes|reps|validate-sizes|validate-reps|require-reps)$/.test(argv[i]) && i + 1 < argv.length) {
      values.set(argv[i], argv[++i]);
    } else {
      throw new Error(`unknown option ${argv[i]}; see the comment at the top of scripts/bench/main.ts`);
    }
  }
  const list = (flag: string, fallback: number[]): number[] => {
    const value = values.get(flag);
    if (value === undefined) {
      return fallback;
    }
    if (value === 'none') {
      return [];
    }
    if (!/^\d+(,\d+)*$/.test(value)) {
      throw new Error(`${flag} needs a comma-separated list of numbers, or none`);
    }
    return value.split(',').map(Number);
  };
  const count = (flag: string, fallback: number): number => list(flag, [fallback])[0] ?? 0;
  return {
    sizes: list('--sizes', [10, 40, 160]),
    reps: count('--reps', 5),
    validateSizes: list('--validate-sizes', [10, 40]),
    validateReps: count('--validate-reps', 5),
    requireReps: count('--require-reps', 15),
    strict,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

const CHILD_DIR = __dirname;

function runChild<T>(script: string, args: string[], prefix: string, env: NodeJS.ProcessEnv): T {
  const child = spawnSync(process.execPath, [path.join(CHILD_DIR, script), ...args], {
    env,
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith(prefix));
  if (child.status !== 0 || !line) {
    throw new Error(`${script} ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}\n${child.stdout}`);
  }
  return JSON.parse(line.slice(prefix.length)) as T;
}

function synthEnv(validate: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (validate) {
    delete env.CDK_VALIDATION;
  } else {
    env.CDK_VALIDATION = 'false';
  }
  return env;
}

/** A synth measurement, with the wall time of the whole child process as the parent saw it. */
interface Measurement extends SynthResult {
  /** From spawning the process to its exit: `totalMs` plus process start-up and exit. */
  readonly wallMs: number;
}

function synthOnce(variant: Variant, stacks: number, validate: boolean, keepIn?: string): Measurement {
  const outdir = keepIn ?? fs.mkdtempSync(path.join(os.tmpdir(), `workteam-bench-${variant}-`));
  try {
    const started = performance.now();
    const result = runChild<SynthResult>('synth-child.js', [variant, String(stacks), outdir], RESULT_PREFIX, synthEnv(validate));
    return { ...result, wallMs: performance.now() - started };
  } finally {
    if (!keepIn) {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 1. Same resources

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A template with what legitimately differs removed: the `AWS::CDK::Metadata` resource (its `Analytics`
 * lists the construct classes used), the logical ids of the work teams (the L2's `Team0/Resource` against
 * the L1's `Team0`; renamed after their WorkteamName) and their `aws:cdk:path` metadata.
 */
function normalizeTemplate(template: { [key: string]: Json }): { [key: string]: Json } {
  const resources = template.Resources as { [id: string]: { [key: string]: Json } };
  const renames = new Map<string, string>();
  const kept: { [id: string]: Json } = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::CDK::Metadata') {
      continue;
    }
    if (resource.Type === 'AWS::SageMaker::Workteam') {
      const name = (resource.Properties as { [key: string]: Json }).WorkteamName;
      renames.set(id, `Workteam[${JSON.stringify(name)}]`);
      const metadata = { ...(resource.Metadata as { [key: string]: Json } | undefined) };
      delete metadata['aws:cdk:path'];
      kept[id] = { ...resource, Metadata: metadata };
    } else {
      kept[id] = resource;
    }
  }
  let text = JSON.stringify({ ...template, Resources: kept });
  for (const [from, to] of renames) {
    text = text.split(JSON.stringify(from)).join(JSON.stringify(to));
  }
  return JSON.parse(text);
}

/** The first path where two JSON values differ, or undefined when they are equal (object key order ignored). */
function firstDifference(a: Json, b: Json, at = '$'): string | undefined {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      return `${at}: ${a.length} items != ${b.length} items`;
    }
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) {
        return d;
      }
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ao = a as { [key: string]: Json };
    const bo = b as { [key: string]: Json };
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
    for (const key of keys) {
      if (!(key in ao) || !(key in bo)) {
        return `${at}.${key}: only in the ${key in ao ? 'L1' : 'L2'} template`;
      }
      const d = firstDifference(ao[key], bo[key], `${at}.${key}`);
      if (d) {
        return d;
      }
    }
    return undefined;
  }
  return a === b ? undefined : `${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}

function checkSameResources(stacks: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'workteam-bench-check-'));
  try {
    const dirs = Object.fromEntries(VARIANTS.map((v) => [v, path.join(root, v)])) as Record<Variant, string>;
    for (const variant of VARIANTS) {
      synthOnce(variant, stacks, false, dirs[variant]);
    }
    const templates = (variant: Variant) =>
      fs.readdirSync(dirs[variant]).filter((f) => f.endsWith('.template.json')).sort();
    const names = templates('l1');
    const d = firstDifference(names, templates('l2'), 'templates');
    if (d) {
      throw new Error(`the L1 and L2 apps synthesize different stacks: ${d}`);
    }
    const types = new Map<string, number>();
    for (const name of names) {
      const [l1, l2] = VARIANTS.map((v) => normalizeTemplate(JSON.parse(fs.readFileSync(path.join(dirs[v], name), 'utf-8'))));
      const difference = firstDifference(l1, l2, name);
      if (difference) {
        throw new Error(`the L1 and L2 apps synthesize different resources (after normalization): ${difference}`);
      }
      for (const resource of Object.values(l1.Resources as { [id: string]: { Type: string } })) {
        types.set(resource.Type, (types.get(resource.Type) ?? 0) + 1);
      }
    }
    const counts = [...types].map(([type, count]) => `${count} ${type}`).join(', ');
    return `${names.length} stacks, identical after normalization: ${counts}`;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and printing

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(rows: string[][], rightAligned: (column: number) => boolean = (c) => c > 0): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
    .join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mebibytes = (kib: number) => (kib / 1024).toFixed(0);
const times = (ratio: number) => `${ratio.toFixed(2)}x`;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface SynthSeries {
  readonly validate: boolean;
  readonly reps: number;
  readonly results: Map<string, Measurement[]>;
}

const key = (stacks: number, variant: Variant) => `${stacks}/${variant}`;

function runSynthSeries(sizes: number[], reps: number, validate: boolean): SynthSeries {
  const results = new Map<string, Measurement[]>();
  for (const stacks of sizes) {
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of VARIANTS) {
        const result = synthOnce(variant, stacks, validate);
        results.set(key(stacks, variant), [...(results.get(key(stacks, variant)) ?? []), result]);
        log(
          `  validate ${validate ? 'on ' : 'off'}  N=${String(stacks).padStart(3)}  run ${rep + 1}/${reps}  ${variant}: ` +
          `${seconds(result.wallMs)} s, ${mebibytes(result.maxRssKiB)} MiB (build ${seconds(result.buildMs)} s, ` +
          `synth ${seconds(result.synthMs)} s, CPU ${seconds(result.cpuMs)} s)`,
        );
      }
    }
  }
  return { validate, reps, results };
}

interface Medians {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly maxRssKiB: number;
}

function medians(series: SynthSeries, stacks: number, variant: Variant): Medians {
  const runs = series.results.get(key(stacks, variant)) ?? [];
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    buildMs: median(runs.map((r) => r.buildMs)),
    synthMs: median(runs.map((r) => r.synthMs)),
    maxRssKiB: median(runs.map((r) => r.maxRssKiB)),
  };
}

function synthTable(series: SynthSeries, sizes: number[]): string {
  const rows: string[][] = [['N stacks', 'teams', 'variant', 'wall s', '(build s', 'synth s)', 'peak RSS MiB', 'CPU s', 'wall range s']];
  for (const stacks of sizes) {
    const m = Object.fromEntries(VARIANTS.map((v) => [v, medians(series, stacks, v)])) as Record<Variant, Medians>;
    for (const variant of VARIANTS) {
      const runs = series.results.get(key(stacks, variant))!.map((r) => r.wallMs);
      rows.push([
        String(stacks),
        String(stacks * TEAMS_PER_STACK),
        variant.toUpperCase(),
        seconds(m[variant].wallMs),
        seconds(m[variant].buildMs),
        seconds(m[variant].synthMs),
        mebibytes(m[variant].maxRssKiB),
        seconds(m[variant].cpuMs),
        `${seconds(Math.min(...runs))}-${seconds(Math.max(...runs))}`,
      ]);
    }
    rows.push([
      '', '', 'L2/L1',
      (m.l2.wallMs / m.l1.wallMs).toFixed(3),
      (m.l2.buildMs / m.l1.buildMs).toFixed(3),
      (m.l2.synthMs / m.l1.synthMs).toFixed(3),
      (m.l2.maxRssKiB / m.l1.maxRssKiB).toFixed(3),
      (m.l2.cpuMs / m.l1.cpuMs).toFixed(3),
      '',
    ]);
  }
  return table(rows, (c) => c !== 2);
}

function growthTable(series: SynthSeries, sizes: number[]): string {
  const rows: string[][] = [['growth', 'L1 time', 'L2 time', 'L1 peak RSS', 'L2 peak RSS']];
  for (const stacks of sizes) {
    if (!sizes.includes(stacks * 4)) {
      continue;
    }
    const [a1, a2, b1, b2] = [
      medians(series, stacks, 'l1'), medians(series, stacks, 'l2'),
      medians(series, stacks * 4, 'l1'), medians(series, stacks * 4, 'l2'),
    ];
    rows.push([
      `N=${stacks} -> ${stacks * 4}`,
      times(b1.wallMs / a1.wallMs),
      times(b2.wallMs / a2.wallMs),
      times(b1.maxRssKiB / a1.maxRssKiB),
      times(b2.maxRssKiB / a2.maxRssKiB),
    ]);
  }
  return table(rows, (c) => c > 0);
}

interface TargetCheck {
  readonly what: string;
  readonly value: string;
  readonly pass: boolean;
}

function synthTargets(series: SynthSeries, sizes: number[]): TargetCheck[] {
  const label = `validate ${series.validate ? 'on' : 'off'}`;
  const checks: TargetCheck[] = [];
  if (sizes.includes(TARGETS.ratioAt)) {
    const l1 = medians(series, TARGETS.ratioAt, 'l1');
    const l2 = medians(series, TARGETS.ratioAt, 'l2');
    const time = l2.wallMs / l1.wallMs;
    const memory = l2.maxRssKiB / l1.maxRssKiB;
    checks.push({ what: `L2/L1 time at N=${TARGETS.ratioAt} <= ${TARGETS.maxRatio} (${label})`, value: time.toFixed(3), pass: time <= TARGETS.maxRatio });
    checks.push({ what: `L2/L1 peak memory at N=${TARGETS.ratioAt} <= ${TARGETS.maxRatio} (${label})`, value: memory.toFixed(3), pass: memory <= TARGETS.maxRatio });
  }
  for (const stacks of sizes) {
    if (sizes.includes(stacks * 4)) {
      const growth = medians(series, stacks * 4, 'l2').wallMs / medians(series, stacks, 'l2').wallMs;
      checks.push({ what: `L2 time growth N=${stacks} -> ${stacks * 4} <= ${TARGETS.maxGrowth}x (${label})`, value: times(growth), pass: growth <= TARGETS.maxGrowth });
    }
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------------------
// 2. Load time

function runRequireSeries(reps: number): Map<RequireMode, RequireResult[]> {
  const results = new Map<RequireMode, RequireResult[]>(REQUIRE_MODES.map((m) => [m, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const mode of REQUIRE_MODES) {
      results.get(mode)!.push(runChild<RequireResult>('require-child.js', [mode], REQUIRE_RESULT_PREFIX, process.env));
    }
  }
  return results;
}

function requireTable(results: Map<RequireMode, RequireResult[]>): { text: string; check: TargetCheck } {
  const ms = (mode: RequireMode) => median(results.get(mode)!.map((r) => r.ms));
  const sagemaker = ms('sagemaker');
  const stub = median(results.get('sagemaker')!.map((r) => r.requireOnlyMs ?? 0));
  const own = ms('library-own');
  const total = ms('library-total');
  const modules = (mode: RequireMode) => String(results.get(mode)![0].modules);
  const rows = [
    ['load (fresh processes, medians)', 'ms', 'modules', 'share of aws-sagemaker'],
    ["require('aws-cdk-lib/aws-sagemaker') + first use of CfnWorkteam", sagemaker.toFixed(1), modules('sagemaker'), '100%'],
    ["  of which the require alone (aws-cdk-lib's lazy index stub)", stub.toFixed(1), '', ''],
    ['library, own load (aws-cdk-lib, sagemaker, cognito, sns already loaded)', own.toFixed(1), modules('library-own'), `${(100 * own / sagemaker).toFixed(1)}%`],
    ['library, total load in a fresh process (aws-cdk-lib core included)', total.toFixed(1), modules('library-total'), `${(100 * total / sagemaker).toFixed(1)}%`],
  ];
  const share = own / sagemaker;
  return {
    text: table(rows, (c) => c > 0),
    check: {
      what: `library's own load < ${100 * TARGETS.maxLoadShare}% of aws-cdk-lib/aws-sagemaker's`,
      value: `${(100 * share).toFixed(1)}% (${own.toFixed(1)} / ${sagemaker.toFixed(1)} ms)`,
      pass: share < TARGETS.maxLoadShare,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

function main(): void {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(libraryEntryPoint())) {
    throw new Error(`${libraryEntryPoint()} is missing: run 'npx projen compile' first ('npm run bench' does)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdkVersion: string = require(path.join(repositoryRoot(), 'node_modules', 'aws-cdk-lib', 'package.json')).version;
  const cpus = os.cpus();
  const machine = `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node.js ${process.version}, aws-cdk-lib ${cdkVersion}`;
  log(`machine: ${machine}`);
  const loadBefore = os.loadavg()[0];

  log('checking that the L1 and L2 apps synthesize the same resources (N=2)...');
  const same = checkSameResources(2);
  log(`  ${same}`);

  log(`load time: ${options.requireReps} fresh processes per measurement...`);
  const load = requireTable(runRequireSeries(options.requireReps));

  log(`synth, CloudFormation Validate off: N = ${options.sizes.join(', ')}, ${options.reps} runs per variant...`);
  const off = runSynthSeries(options.sizes, options.reps, false);
  let on: SynthSeries | undefined;
  if (options.validateSizes.length > 0 && options.validateReps > 0) {
    log(`synth, CloudFormation Validate on: N = ${options.validateSizes.join(', ')}, ${options.validateReps} runs per variant...`);
    on = runSynthSeries(options.validateSizes, options.validateReps, true);
  }
  const loadAfter = os.loadavg()[0];

  const out: string[] = [];
  out.push('', `cdk-sagemaker-workteam synth benchmark (${machine})`);
  out.push(`Each app: N stacks (one account each) x ${TEAMS_PER_STACK} work teams; per team a Cognito user group, an SNS topic,`);
  out.push('three tags; per stack a user pool and app client. L1 = CfnWorkteam, L2 = Workteam.fromCognitoGroup.');
  out.push(`Same resources: ${same}.`);
  out.push('wall = one fresh `node` process, spawn to exit: start, loading aws-cdk-lib (and the library), build the');
  out.push('construct tree (build), app.synth() writing the cloud assembly (synth), exit. peak RSS = the process\'s maxRSS;');
  out.push('CPU = its user + system time (all threads) until the assembly is written, less sensitive to other load.');
  out.push('Medians over the runs; the processes run one at a time, alternately L1, L2, L1, L2, ...');
  out.push(`Load average (1 min) at start and end: ${loadBefore.toFixed(1)} and ${loadAfter.toFixed(1)} on ${cpus.length} CPUs ` +
    '(above 1, other processes competed for the CPUs and wall times are noisier than CPU times).');
  out.push('', `Synth, CloudFormation Validate OFF (CDK_VALIDATION=false), ${off.reps} runs per cell:`, synthTable(off, options.sizes));
  out.push('', growthTable(off, options.sizes));
  if (on) {
    out.push('', `Synth, CloudFormation Validate ON (aws-cdk-lib's default), ${on.reps} runs per cell:`, synthTable(on, options.validateSizes));
    out.push('', growthTable(on, options.validateSizes));
  }
  out.push('', load.text);
  const checks = [...synthTargets(off, options.sizes), ...(on ? synthTargets(on, options.validateSizes) : []), load.check];
  out.push('', 'Targets:', table(checks.map((c) => [c.pass ? 'PASS' : 'MISS', c.what, c.value]), () => false));
  out.push('', `Bench duration: ${seconds(performance.now() - started)} s (after compilation).`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (options.strict && checks.some((c) => !c.pass)) {
    process.exitCode = 1;
  }
}

main();
