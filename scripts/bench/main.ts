/**
 * `npm run bench`: the synth cost of the Workteam L2 against aws-cdk-lib's L1 `CfnWorkteam` writing the same
 * templates (apps.ts), in instructions.
 *
 * 1. Checks that the L1 and L2 apps of every app shape synthesize the same templates (N=2; fails otherwise).
 * 2. Counts, in a fresh process per app and cell, the instructions of building and synthesizing N stacks x 25 teams:
 *    valgrind's cachegrind (`--cache-sim=no`) on `node --single-threaded`, so that V8 compiles on the main thread
 *    and a count repeats to about 1%, whatever else the machine runs. Processes run side by side, one per CPU; one
 *    runs 20 to 30 times slower than without valgrind.
 * 3. Prints per cell L1 and L2, L2/L1, the L2's extra instructions per team, and the target: with aws-cdk-lib's
 *    default validation (CloudFormation Validate at synth), L2/L1 at most 1.05 at N=40 and 160. Validation off
 *    (`CDK_VALIDATION=false`, what `cdk synth --no-validation` sets) shows the library's own cost, undiluted.
 *
 * Options (defaults): --apps own,imported  --validation on,off  --topics with,without  --n 40,160  --runs 1
 * (each cell counted that many times)  --measure instructions (the only measure; accepted for the commands that
 * name it). Example: `npm run bench -- --apps imported --validation on --n 40`.
 */
import { deepStrictEqual } from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_SHAPES, AppShape, LIBRARY_ENTRY_POINT, REPOSITORY_ROOT, TEAMS_PER_STACK, Variant } from './apps';

const TARGET = { maxRatio: 1.05, sizes: [40, 160] };

type Validation = 'on' | 'off';
type Topics = 'with' | 'without';

interface Cell {
  readonly shape: AppShape;
  readonly validation: Validation;
  readonly topics: Topics;
  readonly stacks: number;
}

interface Options {
  readonly cells: Cell[];
  readonly runs: number;
}

function parseOptions(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!/^--(apps|validation|topics|n|runs|measure)$/.test(argv[i]) || i + 1 >= argv.length) {
      throw new Error(`unknown option or missing value: ${argv[i]}; see the comment at the top of scripts/bench/main.ts`);
    }
    values.set(argv[i], argv[i + 1]);
  }
  function list<T extends string>(flag: string, allowed: readonly T[]): T[] {
    const items = (values.get(flag) ?? allowed.join(',')).split(',');
    const wrong = items.filter((item) => !allowed.includes(item as T));
    if (wrong.length > 0) {
      throw new Error(`${flag}: ${wrong.join(', ')} is not one of ${allowed.join(', ')}`);
    }
    return items as T[];
  }
  if ((values.get('--measure') ?? 'instructions') !== 'instructions') {
    throw new Error('--measure: the bench counts instructions only (times on the shared 2-core machines vary by up to 50%)');
  }
  const sizes = (values.get('--n') ?? TARGET.sizes.join(',')).split(',');
  const runs = values.get('--runs') ?? '1';
  if (!sizes.every((n) => /^[1-9]\d*$/.test(n)) || !/^[1-9]\d*$/.test(runs)) {
    throw new Error('--n takes a comma-separated list of stack counts, --runs a count');
  }
  const cells = list<AppShape>('--apps', APP_SHAPES).flatMap((shape) =>
    list<Validation>('--validation', ['on', 'off']).flatMap((validation) =>
      list<Topics>('--topics', ['with', 'without']).flatMap((topics) =>
        sizes.map((n) => ({ shape, validation, topics, stacks: Number(n) })))));
  return { cells, runs: Number(runs) };
}

/** valgrind's count of executed instructions, as cachegrind prints it: `==123== I   refs:      2,248,666,670`. */
const INSTRUCTION_COUNT = /I\s+refs:\s+([\d,]+)/;

/** Synthesizes one app to `outdir` in a fresh process; counted, returns the instructions it executed. */
async function synth(variant: Variant, cell: Cell, outdir: string, counted: boolean): Promise<number | undefined> {
  const env = { ...process.env };
  delete env.CDK_VALIDATION;
  if (cell.validation === 'off') {
    env.CDK_VALIDATION = 'false';
  }
  const args = [variant, cell.shape, String(cell.stacks), cell.topics === 'with' ? 'topics' : 'no-topics', outdir];
  const node = [process.execPath, path.join(__dirname, 'apps.js'), ...args];
  const [command, ...commandArgs] = counted
    ? ['valgrind', '--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${path.join(outdir, 'cachegrind.out')}`,
      process.execPath, '--single-threaded', ...node.slice(1)]
    : node;
  const child = await run(command, commandArgs, env);
  const count = INSTRUCTION_COUNT.exec(child.stderr)?.[1];
  if (child.status !== 0 || (counted && count === undefined)) {
    throw new Error(`apps.js ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}`);
  }
  return count === undefined ? undefined : Number(count.replace(/,/g, ''));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf-8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** Runs `body` with a fresh temporary directory, removed afterwards. */
async function inTemporaryDirectory<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `workteam-bench-${prefix}-`));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Template = { Resources: { [id: string]: { Type: string; Properties?: any; Metadata?: any } } };

/**
 * A template without what legitimately differs: the `AWS::CDK::Metadata` resource (its `Analytics` lists the
 * construct classes used), the logical ids of the work teams (the L2's `Team0/Resource` against the L1's `Team0`;
 * renamed after their WorkteamName) and their `aws:cdk:path` metadata.
 */
function normalize(template: Template): unknown {
  const renames = new Map<string, string>();
  const resources: Template['Resources'] = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::SageMaker::Workteam') {
      renames.set(id, `Workteam[${resource.Properties.WorkteamName}]`);
      const { ['aws:cdk:path']: _, ...metadata } = resource.Metadata ?? {};
      resources[id] = { ...resource, Metadata: metadata };
    } else if (resource.Type !== 'AWS::CDK::Metadata') {
      resources[id] = resource;
    }
  }
  let text = JSON.stringify({ ...template, Resources: resources });
  for (const [from, to] of renames) {
    text = text.split(JSON.stringify(from)).join(JSON.stringify(to));
  }
  return JSON.parse(text);
}

/** Synthesizes the L1 and L2 apps of a shape with N=2 and fails unless their templates are the same; says what they hold. */
async function checkSameTemplates(shape: AppShape, topics: Topics): Promise<string> {
  return inTemporaryDirectory('check', async (root) => {
    const cell: Cell = { shape, validation: 'off', topics, stacks: 2 };
    const templates = async (variant: Variant) => {
      const dir = path.join(root, variant);
      await synth(variant, cell, dir, false);
      const names = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
      return Object.fromEntries(names.map((name) => [name, normalize(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf-8')))]));
    };
    const l1 = await templates('l1');
    deepStrictEqual(await templates('l2'), l1, `the L2 and L1 apps (${shape}, topics ${topics}) write different templates`);
    const types = new Map<string, number>();
    for (const template of Object.values(l1) as Template[]) {
      Object.values(template.Resources).forEach(({ Type }) => types.set(Type, (types.get(Type) ?? 0) + 1));
    }
    return `${shape}, topics ${topics}: ${Object.keys(l1).length} stacks, the same: ${[...types].map(([t, n]) => `${n} ${t}`).join(', ')}`;
  });
}

const billions = (n: number) => (n / 1e9).toFixed(3);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const { cells, runs } = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(LIBRARY_ENTRY_POINT)) {
    throw new Error(`${LIBRARY_ENTRY_POINT} is missing: run 'npx projen compile' first ('npm run bench' does)`);
  }
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    throw new Error('the bench counts instructions with valgrind, which is not installed here (Debian: apt-get install valgrind)');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdkVersion: string = require(path.join(REPOSITORY_ROOT, 'node_modules', 'aws-cdk-lib', 'package.json')).version;
  const machine = `${os.cpus().length} CPUs, Node.js ${process.version}, aws-cdk-lib ${cdkVersion}`;

  const out = [`cdk-sagemaker-workteam synth benchmark (${machine}): instructions per process, L1 = CfnWorkteam, L2 = Workteam`];
  for (const shape of new Set(cells.map((c) => c.shape))) {
    for (const topics of new Set(cells.filter((c) => c.shape === shape).map((c) => c.topics))) {
      out.push(`  ${await checkSameTemplates(shape, topics)}`);
    }
  }
  out.forEach((line) => log(line));

  const jobs = cells.flatMap((cell) => Array.from({ length: runs }, () => cell)).flatMap((cell) =>
    (['l1', 'l2'] as Variant[]).map((variant) => ({ cell, variant, count: 0 })));
  log(`${jobs.length} processes under valgrind, ${os.cpus().length} at a time...`);
  let next = 0;
  await Promise.all(os.cpus().map(async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const jobStarted = Date.now();
      job.count = (await inTemporaryDirectory(job.variant, (dir) => synth(job.variant, job.cell, dir, true)))!;
      const { shape, validation, topics, stacks } = job.cell;
      log(`  ${shape}, validation ${validation}, topics ${topics}, N=${stacks}, ${job.variant}: ` +
        `${billions(job.count)} G instructions (${((Date.now() - jobStarted) / 1000).toFixed(0)} s)`);
    }
  }));

  const rows = [['app', 'validation', 'topics', 'N', 'teams', 'L1 G instr', 'L2 G instr', 'L2/L1', 'L2 extra k instr/team', 'target']];
  const verdicts: boolean[] = [];
  for (let i = 0; i < jobs.length; i += 2) {
    const [l1, l2] = [jobs[i], jobs[i + 1]];
    const { shape, validation, topics, stacks } = l1.cell;
    const ratio = l2.count / l1.count;
    const targeted = validation === 'on' && TARGET.sizes.includes(stacks);
    if (targeted) {
      verdicts.push(ratio <= TARGET.maxRatio);
    }
    rows.push([shape, validation, topics, String(stacks), String(stacks * TEAMS_PER_STACK), billions(l1.count), billions(l2.count),
      ratio.toFixed(3), ((l2.count - l1.count) / (stacks * TEAMS_PER_STACK) / 1000).toFixed(0),
      targeted ? `${ratio <= TARGET.maxRatio ? 'PASS' : 'MISS'} <= ${TARGET.maxRatio}` : '-']);
  }
  out.push('validation on = aws-cdk-lib\'s default (CloudFormation Validate at synth); off = CDK_VALIDATION=false', '', table(rows), '');
  const verdict = verdicts.length === 0 ? 'No cell of the target (validation on, N=40 or 160)'
    : `Target L2/L1 <= ${TARGET.maxRatio}: ${verdicts.filter((pass) => pass).length} of ${verdicts.length} cells pass`;
  out.push(`${verdict}; ${jobs.length} processes in ${((Date.now() - started) / 60000).toFixed(1)} minutes.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
