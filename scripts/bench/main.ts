/**
 * `npm run bench`: the synth cost of the Workteam L2 against the L1 floor (`CfnWorkteam` writing the same template).
 *
 * 1. Checks that both variants synthesize the same templates, with and without topics (fails the run otherwise).
 * 2. For every cell (validation on/off x topics with/without x N stacks), fresh `node` processes build and
 *    synthesize N stacks x 25 work teams, L1 and L2 in turn (L1 first in odd rounds, L2 first in even ones);
 *    one round runs every cell once, so that a busy minute of the machine hits all cells and both variants.
 *    Validation on is aws-cdk-lib's default (CloudFormation Validate at synth); off is `CDK_VALIDATION=false`, what
 *    `cdk synth --no-validation` sets: the construct libraries' own cost, undiluted.
 * 3. Prints per cell the medians (wall time, CPU time, peak RSS), the ratios L2/L1, the L2's extra cost per team,
 *    the spread of the per-round ratios, the load average, and checks the targets (CONTRIBUTING.md, "Performance").
 *
 * Options (defaults): --n 10,40,160  --validation on,off  --topics with,without  --runs 5  --measure time|instructions
 * (time)  --strict (exit 1 when a target is missed)  --cpu-prof DIR (each process writes a V8 CPU profile to DIR; use
 * with --runs 1)  --floor (a third variant: the L1 inside a bare `Resource`, the least any L2 adds: one construct per team, whose `Resource` child gets
 * a hashed logical id; it shows how much of the L2's cost is aws-cdk-lib's for that construct).
 * `--measure instructions` counts the instructions each process executes (valgrind's cachegrind, `--cache-sim=no`;
 * `node --single-threaded`, so that V8 compiles on the main thread and a count repeats to about 1%) instead of timing it:
 * a count does not depend on what else the machine runs, so the processes run side by side (as many as there are
 * CPUs), and one round settles a ratio that timing needs dozens of quiet rounds for (in this mode the peak RSS is
 * valgrind's, and is not shown). A process runs 20 to 30 times slower under valgrind.
 * Example: `npm run bench -- --n 40 --validation on --topics without`. A full run is 60 processes per round; with
 * validation on, N=160 takes 30 to 60 s per process on 2 cores.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { TEAMS_PER_STACK, Variant } from './apps';
import { libraryEntryPoint, repositoryRoot } from './paths';
import { RESULT_PREFIX, SynthResult } from './synth-child';

const TARGETS = {
  /** With validation on: L2/L1 time and peak memory at most this at these sizes. */
  validatedMaxRatio: 1.05,
  validatedSizes: [40, 160],
};

type Validation = 'on' | 'off';
type Topics = 'with' | 'without';
type Measure = 'time' | 'instructions';

interface Options {
  readonly sizes: number[];
  readonly validations: Validation[];
  readonly topics: Topics[];
  readonly runs: number;
  readonly strict: boolean;
  readonly cpuProfileDir?: string;
  readonly variants: Variant[];
  readonly measure: Measure;
}

function parseOptions(argv: string[]): Options {
  const values = new Map<string, string>();
  let strict = false;
  let floor = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--strict') {
      strict = true;
    } else if (argv[i] === '--floor') {
      floor = true;
    } else if (/^--(n|validation|topics|runs|cpu-prof|measure)$/.test(argv[i]) && i + 1 < argv.length) {
      values.set(argv[i], argv[++i]);
    } else {
      throw new Error(`unknown option ${argv[i]}; see the comment at the top of scripts/bench/main.ts`);
    }
  }
  function list<T extends string>(flag: string, allowed: readonly T[], fallback: T[]): T[] {
    const value = values.get(flag);
    if (value === undefined) {
      return fallback;
    }
    const items = value.split(',');
    const wrong = items.filter((item) => !allowed.includes(item as T));
    if (wrong.length > 0) {
      throw new Error(`${flag}: ${wrong.join(', ')} is not one of ${allowed.join(', ')}`);
    }
    return items as T[];
  }
  const sizes = (values.get('--n') ?? '10,40,160').split(',');
  const runs = values.get('--runs') ?? '5';
  if (!sizes.every((n) => /^[1-9]\d*$/.test(n)) || !/^[1-9]\d*$/.test(runs)) {
    throw new Error('--n takes a comma-separated list of stack counts, --runs a count');
  }
  const cpuProfileDir = values.get('--cpu-prof');
  const measure = values.get('--measure') ?? 'time';
  if (measure !== 'time' && measure !== 'instructions') {
    throw new Error(`--measure: ${measure} is not one of time, instructions`);
  }
  return {
    sizes: sizes.map(Number),
    validations: list<Validation>('--validation', ['on', 'off'], ['on', 'off']),
    topics: list<Topics>('--topics', ['with', 'without'], ['with', 'without']),
    runs: Number(runs),
    strict,
    cpuProfileDir: cpuProfileDir === undefined ? undefined : path.resolve(cpuProfileDir),
    variants: floor ? ['l1', 'floor', 'l2'] : ['l1', 'l2'],
    measure,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

interface Cell {
  readonly validation: Validation;
  readonly topics: Topics;
  readonly stacks: number;
}

const cellName = (cell: Cell) => `validation ${cell.validation}, topics ${cell.topics}, N=${cell.stacks}`;

/** A synth measurement, with the wall time of the whole child process as the parent saw it. */
interface Measurement extends SynthResult {
  /** From spawning the process to its exit: `totalMs` plus process start-up and exit. */
  readonly wallMs: number;
  /** The 1-minute load average when the process started. */
  readonly load: number;
  /** With `--measure instructions`: the instructions the process executed (its times are valgrind's then). */
  readonly instructions?: number;
}

interface SynthOptions {
  readonly measure: Measure;
  readonly cpuProfileDir?: string;
  /** Writes the cloud assembly there and keeps it (else a temporary directory, removed). */
  readonly keepIn?: string;
}

/** valgrind's count of executed instructions, as cachegrind prints it: `==123== I   refs:      2,248,666,670`. */
const INSTRUCTION_COUNT = /I\s+refs:\s+([\d,]+)/;

async function synthOnce(variant: Variant, cell: Cell, options: SynthOptions): Promise<Measurement> {
  const outdir = options.keepIn ?? fs.mkdtempSync(path.join(os.tmpdir(), `workteam-bench-${variant}-`));
  const env = { ...process.env };
  if (cell.validation === 'on') {
    delete env.CDK_VALIDATION;
  } else {
    env.CDK_VALIDATION = 'false';
  }
  const nodeOptions = options.cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '--cpu-prof-name', `${variant}-validation-${cell.validation}-topics-${cell.topics}-n${cell.stacks}-${Date.now()}.cpuprofile`]
    : [];
  const args = [variant, String(cell.stacks), cell.topics === 'with' ? 'topics' : 'no-topics', outdir];
  const script = [path.join(__dirname, 'synth-child.js'), ...args];
  // Counted: V8 compiles on the main thread (--single-threaded), so that the same process executes about the same
  // instructions on every run (to 1%); with its background threads, the count moves by 1 to 2% between identical runs.
  const [command, ...commandArgs] = options.measure === 'instructions'
    ? ['valgrind', '--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${path.join(outdir, 'cachegrind.out')}`,
      process.execPath, '--single-threaded', ...nodeOptions, ...script]
    : [process.execPath, ...nodeOptions, ...script];
  try {
    const load = os.loadavg()[0];
    const started = performance.now();
    const child = await run(command, commandArgs, env);
    const wallMs = performance.now() - started;
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    const count = INSTRUCTION_COUNT.exec(child.stderr)?.[1];
    if (child.status !== 0 || !line || (options.measure === 'instructions' && count === undefined)) {
      throw new Error(`synth-child.js ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}\n${child.stdout}`);
    }
    const instructions = count === undefined ? undefined : Number(count.replace(/,/g, ''));
    return { ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as SynthResult), wallMs, load, instructions };
  } finally {
    if (!options.keepIn) {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
}

/** Runs a command to its end, collecting its output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf-8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf-8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// ---------------------------------------------------------------------------------------------------------
// 1. Same templates

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

/** Synthesizes every variant with N=2 stacks and compares their templates with the L1's; returns what they hold. */
async function checkSameTemplates(topics: Topics, variants: Variant[]): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'workteam-bench-check-'));
  try {
    const dirs = Object.fromEntries(variants.map((v) => [v, path.join(root, v)])) as Record<Variant, string>;
    for (const variant of variants) {
      await synthOnce(variant, { validation: 'off', topics, stacks: 2 }, { measure: 'time', keepIn: dirs[variant] });
    }
    const templates = (variant: Variant) =>
      fs.readdirSync(dirs[variant]).filter((f) => f.endsWith('.template.json')).sort();
    const names = templates('l1');
    const types = new Map<string, number>();
    for (const variant of variants.filter((v) => v !== 'l1')) {
      const d = firstDifference(names, templates(variant), 'templates');
      if (d) {
        throw new Error(`the L1 and ${variant} apps synthesize different stacks: ${d}`);
      }
    }
    for (const name of names) {
      const [l1, ...others] = variants.map((v) => normalizeTemplate(JSON.parse(fs.readFileSync(path.join(dirs[v], name), 'utf-8'))));
      others.forEach((other, i) => {
        const difference = firstDifference(l1, other, name);
        if (difference) {
          throw new Error(`the L1 and ${variants[i + 1]} apps synthesize different templates (topics ${topics}, after normalization): ${difference}`);
        }
      });
      for (const resource of Object.values(l1.Resources as { [id: string]: { Type: string } })) {
        types.set(resource.Type, (types.get(resource.Type) ?? 0) + 1);
      }
    }
    const counts = [...types].map(([type, count]) => `${count} ${type}`).join(', ');
    return `topics ${topics}: ${names.length} stacks, identical after normalization: ${counts}`;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. Runs

interface CellRuns {
  readonly cell: Cell;
  readonly runs: Record<Variant, Measurement[]>;
}

/**
 * Runs every cell `rounds` times. Timed processes run one at a time: L1 first in odd rounds, L2 first in even ones.
 * Counted ones (`--measure instructions`) run as many at a time as there are CPUs: a count does not depend on the load.
 */
async function runCells(cells: Cell[], rounds: number, variants: Variant[], options: SynthOptions): Promise<CellRuns[]> {
  const results = cells.map((cell) => ({ cell, runs: { l1: [], l2: [], floor: [] } as Record<Variant, Measurement[]> }));
  const jobs: (() => Promise<void>)[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { cell, runs } of results) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        jobs.push(async () => {
          const m = await synthOnce(variant, cell, options);
          // By round: with parallel processes they end in any order, and each round's L1 and L2 are compared.
          runs[variant][round] = m;
          const what = m.instructions === undefined
            ? `wall ${seconds(m.wallMs)} s, CPU ${seconds(m.cpuMs)} s, ${mebibytes(m.maxRssKiB)} MiB`
            : `${billions(m.instructions)} G instructions (${seconds(m.wallMs)} s under valgrind)`;
          log(`  round ${round + 1}/${rounds}  ${cellName(cell).padEnd(38)} ${variant}: ${what} (load ${m.load.toFixed(1)})`);
        });
      }
    }
  }
  const parallel = options.measure === 'instructions' ? os.cpus().length : 1;
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, async () => {
    while (next < jobs.length) {
      await jobs[next++]();
    }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// 3. Statistics and printing

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(rows: string[][], leftAligned: number): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c >= leftAligned ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
    .join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mebibytes = (kib: number) => (kib / 1024).toFixed(0);
const ratio = (r: number) => r.toFixed(3);
const billions = (n: number) => (n / 1e9).toFixed(3);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface Medians {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssKiB: number;
  /** With `--measure instructions`. */
  readonly instructions?: number;
}

interface Summary {
  readonly cell: Cell;
  readonly l1: Medians;
  readonly l2: Medians;
  /** With --floor. */
  readonly floor?: Medians;
  readonly wall: number;
  readonly cpu: number;
  readonly memory: number;
  /** min and max over the rounds of L2/L1 CPU time (each round's L1 and L2 ran back to back). */
  readonly cpuSpread: [number, number];
  /** The L2's extra CPU time per work team, from the medians. */
  readonly extraCpuMsPerTeam: number;
  readonly maxLoad: number;
  /** With `--measure instructions`: L2/L1 instructions, its spread over the rounds, and the L2's extra per team. */
  readonly counted?: {
    readonly ratio: number;
    readonly spread: [number, number];
    readonly extraPerTeam: number;
  };
}

function summarize({ cell, runs }: CellRuns): Summary {
  const of = (variant: Variant): Medians => ({
    wallMs: median(runs[variant].map((r) => r.wallMs)),
    cpuMs: median(runs[variant].map((r) => r.cpuMs)),
    maxRssKiB: median(runs[variant].map((r) => r.maxRssKiB)),
    instructions: runs[variant][0]?.instructions === undefined ? undefined : median(runs[variant].map((r) => r.instructions!)),
  });
  const l1 = of('l1');
  const l2 = of('l2');
  const perRound = runs.l1.map((r, i) => runs.l2[i].cpuMs / r.cpuMs);
  const countedPerRound = runs.l1.map((r, i) => runs.l2[i].instructions! / r.instructions!);
  return {
    cell,
    l1,
    l2,
    floor: runs.floor.length > 0 ? of('floor') : undefined,
    wall: l2.wallMs / l1.wallMs,
    cpu: l2.cpuMs / l1.cpuMs,
    memory: l2.maxRssKiB / l1.maxRssKiB,
    cpuSpread: [Math.min(...perRound), Math.max(...perRound)],
    extraCpuMsPerTeam: (l2.cpuMs - l1.cpuMs) / (cell.stacks * TEAMS_PER_STACK),
    maxLoad: Math.max(...Object.values(runs).flat().map((r) => r.load)),
    counted: l1.instructions === undefined ? undefined : {
      ratio: l2.instructions! / l1.instructions,
      spread: [Math.min(...countedPerRound), Math.max(...countedPerRound)],
      extraPerTeam: (l2.instructions! - l1.instructions) / (cell.stacks * TEAMS_PER_STACK),
    },
  };
}

/** The table of `--measure instructions`: counts only (times under valgrind and its RSS say nothing of the app). */
function countedTable(summaries: Summary[]): string {
  const floor = summaries.some((s) => s.floor);
  const rows = [[
    'validation', 'topics', 'N', 'teams', 'L1 G instr', 'L2 G instr', 'L2/L1', 'rounds min-max', 'L2 extra k instr/team',
    ...(floor ? ['floor G instr', 'floor/L1'] : []),
  ]];
  for (const s of summaries) {
    const c = s.counted!;
    rows.push([
      s.cell.validation, s.cell.topics, String(s.cell.stacks), String(s.cell.stacks * TEAMS_PER_STACK),
      billions(s.l1.instructions!), billions(s.l2.instructions!), ratio(c.ratio), `${ratio(c.spread[0])}-${ratio(c.spread[1])}`,
      (c.extraPerTeam / 1000).toFixed(0),
      ...(s.floor ? [billions(s.floor.instructions!), ratio(s.floor.instructions! / s.l1.instructions!)] : []),
    ]);
  }
  return table(rows, 2);
}

function summaryTable(summaries: Summary[]): string {
  const floor = summaries.some((s) => s.floor);
  const rows = [[
    'validation', 'topics', 'N', 'teams',
    'L1 wall s', 'L2 wall s', 'L2/L1',
    'L1 CPU s', 'L2 CPU s', 'L2/L1', 'rounds min-max', 'L2 extra ms/team',
    ...(floor ? ['floor CPU s', 'floor/L1'] : []),
    'L1 MiB', 'L2 MiB', 'L2/L1', 'max load',
  ]];
  for (const s of summaries) {
    rows.push([
      s.cell.validation, s.cell.topics, String(s.cell.stacks), String(s.cell.stacks * TEAMS_PER_STACK),
      seconds(s.l1.wallMs), seconds(s.l2.wallMs), ratio(s.wall),
      seconds(s.l1.cpuMs), seconds(s.l2.cpuMs), ratio(s.cpu), `${ratio(s.cpuSpread[0])}-${ratio(s.cpuSpread[1])}`,
      s.extraCpuMsPerTeam.toFixed(3),
      ...(s.floor ? [seconds(s.floor.cpuMs), ratio(s.floor.cpuMs / s.l1.cpuMs)] : []),
      mebibytes(s.l1.maxRssKiB), mebibytes(s.l2.maxRssKiB), ratio(s.memory), s.maxLoad.toFixed(1),
    ]);
  }
  return table(rows, 2);
}

/**
 * What one more team costs, between two sizes of the same cell: the difference of the totals over the difference of
 * the team counts, which leaves out what every process pays once (Node's start, loading the modules, the validation
 * engine's start). The L2's extra at one size includes its share of that once-only part (loading the library).
 */
function marginalTable(summaries: Summary[]): string | undefined {
  const rows = [['validation', 'topics', 'N', 'L1 per team', 'L2 per team', 'L2 extra per team']];
  const counted = summaries.some((s) => s.counted);
  const cost = (m: Medians) => (counted ? m.instructions! : m.cpuMs);
  const shown = (value: number) => (counted ? `${(value / 1000).toFixed(0)}k instr` : `${value.toFixed(3)} ms`);
  for (const validation of ['on', 'off'] as Validation[]) {
    for (const topics of ['with', 'without'] as Topics[]) {
      const cells = summaries
        .filter((s) => s.cell.validation === validation && s.cell.topics === topics)
        .sort((a, b) => a.cell.stacks - b.cell.stacks);
      for (let i = 1; i < cells.length; i++) {
        const [a, b] = [cells[i - 1], cells[i]];
        const teams = (b.cell.stacks - a.cell.stacks) * TEAMS_PER_STACK;
        const l1 = (cost(b.l1) - cost(a.l1)) / teams;
        const l2 = (cost(b.l2) - cost(a.l2)) / teams;
        rows.push([validation, topics, `${a.cell.stacks} to ${b.cell.stacks}`, shown(l1), shown(l2), shown(l2 - l1)]);
      }
    }
  }
  return rows.length > 1 ? table(rows, 3) : undefined;
}

interface TargetCheck {
  readonly what: string;
  readonly value: string;
  readonly pass: boolean;
}

function targets(summaries: Summary[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const max = TARGETS.validatedMaxRatio;
  for (const s of summaries.filter((x) => x.cell.validation === 'on' && TARGETS.validatedSizes.includes(x.cell.stacks))) {
    const where = `validation on, topics ${s.cell.topics}, N=${s.cell.stacks}`;
    if (s.counted) {
      const c = s.counted;
      checks.push({ what: `L2/L1 instructions <= ${max} (${where})`, value: `${ratio(c.ratio)} (rounds ${ratio(c.spread[0])}-${ratio(c.spread[1])})`, pass: c.ratio <= max });
    } else {
      checks.push({ what: `L2/L1 CPU time <= ${max} (${where})`, value: `${ratio(s.cpu)} (wall ${ratio(s.wall)})`, pass: s.cpu <= max });
      checks.push({ what: `L2/L1 peak memory <= ${max} (${where})`, value: ratio(s.memory), pass: s.memory <= max });
    }
  }
  const sizes = [...new Set(summaries.map((s) => s.cell.stacks))].sort((a, b) => a - b);
  for (const topics of ['with', 'without'] as Topics[]) {
    const off = (n: number) => summaries.find((s) => s.cell.validation === 'off' && s.cell.topics === topics && s.cell.stacks === n);
    const small = off(sizes[0]);
    const large = off(sizes[sizes.length - 1]);
    // Per team, not as a ratio: the L1's time includes the process's start, the same at every N, so a constant
    // extra cost per team makes the ratio grow with N.
    if (small?.counted && large?.counted && small !== large) {
      checks.push({
        what: `L2's extra instructions per team at N=${large.cell.stacks} <= at N=${small.cell.stacks} (validation off, topics ${topics})`,
        value: `${(large.counted.extraPerTeam / 1000).toFixed(0)}k against ${(small.counted.extraPerTeam / 1000).toFixed(0)}k ` +
          `(L2/L1 ${ratio(large.counted.ratio)} against ${ratio(small.counted.ratio)})`,
        pass: large.counted.extraPerTeam <= small.counted.extraPerTeam,
      });
    } else if (small && large && small !== large) {
      checks.push({
        what: `L2's extra CPU per team at N=${large.cell.stacks} <= at N=${small.cell.stacks} (validation off, topics ${topics})`,
        value: `${large.extraCpuMsPerTeam.toFixed(3)} against ${small.extraCpuMsPerTeam.toFixed(3)} ms (L2/L1 ${ratio(large.cpu)} against ${ratio(small.cpu)})`,
        pass: large.extraCpuMsPerTeam <= small.extraCpuMsPerTeam,
      });
    }
  }
  return checks;
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(libraryEntryPoint())) {
    throw new Error(`${libraryEntryPoint()} is missing: run 'npx projen compile' first ('npm run bench' does)`);
  }
  if (options.cpuProfileDir) {
    fs.mkdirSync(options.cpuProfileDir, { recursive: true });
  }
  if (options.measure === 'instructions' && spawnSync('valgrind', ['--version']).status !== 0) {
    throw new Error('--measure instructions runs valgrind, which is not installed here (Debian: apt-get install valgrind)');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdkVersion: string = require(path.join(repositoryRoot(), 'node_modules', 'aws-cdk-lib', 'package.json')).version;
  const cpus = os.cpus();
  const machine = `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node.js ${process.version}, aws-cdk-lib ${cdkVersion}`;
  log(`machine: ${machine}`);
  const loadBefore = os.loadavg()[0];

  log('checking that the L1 and L2 apps synthesize the same templates (N=2)...');
  const same: string[] = [];
  for (const topics of options.topics) {
    same.push(await checkSameTemplates(topics, options.variants));
  }
  same.forEach((line) => log(`  ${line}`));

  const cells: Cell[] = options.validations.flatMap((validation) =>
    options.topics.flatMap((topics) => options.sizes.map((stacks) => ({ validation, topics, stacks }))));
  const processes = cells.length * options.runs * options.variants.length;
  log(`${cells.length} cells x ${options.runs} rounds x ${options.variants.length} variants = ${processes} processes...`);
  const summaries = (await runCells(cells, options.runs, options.variants, options)).map(summarize);
  const loadAfter = os.loadavg()[0];

  const out: string[] = [];
  out.push('', `cdk-sagemaker-workteam synth benchmark (${machine})`);
  out.push(`Each app: N stacks (one account each) x ${TEAMS_PER_STACK} work teams; per team a Cognito user group, a name, a description`);
  out.push('and three tags (with topics: an SNS topic and its policy statement); per stack a user pool and app client.');
  out.push(`L1 = CfnWorkteam writing the same templates as L2 = Workteam.fromCognitoGroup${options.variants.includes('floor') ? ' and as floor = the L1 in a bare Resource' : ''}:`);
  same.forEach((line) => out.push(`  ${line}`));
  out.push('validation on = aws-cdk-lib\'s default (CloudFormation Validate at synth); off = CDK_VALIDATION=false.');
  if (options.measure === 'instructions') {
    out.push('Counted: the instructions each process executed, start to exit (valgrind --tool=cachegrind --cache-sim=no,');
    out.push('node --single-threaded); processes ran side by side, the counts do not depend on it. Medians over the rounds; "rounds min-max"');
    out.push('is the spread of L2/L1 over the rounds; "L2 extra" = (L2 - L1) instructions / teams. Memory: see --measure time.');
    out.push('', `${options.runs} rounds:`, countedTable(summaries));
  } else {
    out.push('wall = one fresh `node` process, spawn to exit (start, loading modules, building the tree, app.synth(), exit);');
    out.push('CPU = its user + system time (all threads) until the assembly is written, less sensitive to other load;');
    out.push('MiB = its peak RSS. Medians over the rounds; "rounds min-max" is the spread of L2/L1 CPU time over the rounds');
    out.push('(each round runs L1 and L2 back to back); "L2 extra" = (L2 - L1) CPU time / teams.');
    out.push(`Load average (1 min): ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end, on ${cpus.length} CPUs; above about 1,`);
    out.push('other processes competed for the CPUs and wall times are noisier than CPU times.');
    out.push('', `${options.runs} rounds:`, summaryTable(summaries));
  }
  const marginal = marginalTable(summaries);
  if (marginal) {
    out.push('', `One more team (${options.measure === 'instructions' ? 'instructions' : 'CPU time'}), between two sizes:`, marginal);
  }
  const checks = targets(summaries);
  if (checks.length > 0) {
    out.push('', 'Targets:', table(checks.map((c) => [c.pass ? 'PASS' : 'MISS', c.what, c.value]), 3));
  }
  out.push('', `Bench duration: ${seconds(performance.now() - started)} s (after compilation).`);
  if (options.cpuProfileDir) {
    out.push(`CPU profiles: ${options.cpuProfileDir}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (options.strict && checks.some((c) => !c.pass)) {
    process.exitCode = 1;
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
