import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The integration apps (`test/integ.*.ts`) and the example app, synthesized in this process, offline, the way
 * `cdk synth` would run them: each file is loaded once (it builds its own `App` and calls `app.synth()`), with the
 * output folder and the context in the environment, as the CDK CLI passes them.
 */

export const REPO_ROOT = path.resolve(__dirname, '..');
const TEST_DIR = path.join(REPO_ROOT, 'test');

/** The example app that `npx projen synth:example` synthesizes. */
export const EXAMPLE_APP = path.join(REPO_ROOT, 'examples', 'app.ts');

/**
 * The context of every synthesis: templates checked against the CloudFormation registry schemas, as the unit
 * tests do (test/util.ts). Nothing else: aws-cdk-lib's default feature flags, and none of the path, asset or
 * version-reporting metadata that `cdk synth` adds to templates.
 */
export const SYNTH_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
};

/** Environment variables of the CDK CLI and of AWS that would change what an app synthesizes. */
const CLEARED_ENV = [
  'CDK_CONTEXT_JSON',
  'CDK_CONTEXT_OVERFLOW_LOCATION',
  'CDK_OUTDIR',
  'CDK_DEFAULT_ACCOUNT',
  'CDK_DEFAULT_REGION',
  'CDK_INTEG_ACCOUNT',
  'CDK_INTEG_REGION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'CDK_VALIDATION',
];

/** Every `test/integ.*.ts`, sorted. */
export function integAppFiles(): string[] {
  return fs
    .readdirSync(TEST_DIR)
    .filter((name) => /^integ\..+\.ts$/.test(name) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(TEST_DIR, name));
}

/** The committed snapshot folder of an integration app: `test/integ.<name>.ts.snapshot/`. */
export function snapshotDirOf(appFile: string): string {
  return `${appFile}.snapshot`;
}

/** Snapshot folders whose integration app is gone. */
export function orphanSnapshotDirs(): string[] {
  const apps = new Set(integAppFiles().map(snapshotDirOf));
  return fs
    .readdirSync(TEST_DIR)
    .filter((name) => /^integ\..+\.snapshot$/.test(name))
    .map((name) => path.join(TEST_DIR, name))
    .filter((dir) => !apps.has(dir));
}

/** A path relative to the repository, with forward slashes, for messages and pinned files. */
export function repoRelative(file: string): string {
  return path.relative(REPO_ROOT, file).split(path.sep).join('/');
}

const synthesized = new Map<string, string>();
let workDir: string | undefined;

/** Options of `synthApp`. */
export interface SynthOptions {
  /**
   * Whether aws-cdk-lib's CloudFormation schema validation runs (failing the synthesis on any finding). It costs
   * some ten seconds of CPU at its first use in a module registry (a WebAssembly module): a test that only reads
   * logical ids turns it off.
   *
   * @default true
   */
  readonly validate?: boolean;
}

/**
 * Synthesizes an app file in this process and returns its cloud assembly folder (a temporary folder, removed
 * by `cleanUpSyntheses`). A file is loaded once per module registry (once per jest test file); later calls
 * return the same assembly.
 */
export function synthApp(appFile: string, options: SynthOptions = {}): string {
  const existing = synthesized.get(appFile);
  if (existing) {
    return existing;
  }
  workDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-integ-'));
  const outdir = fs.mkdtempSync(path.join(workDir, `${path.basename(appFile)}-`));

  const saved = new Map(CLEARED_ENV.map((name) => [name, process.env[name]]));
  CLEARED_ENV.forEach((name) => delete process.env[name]);
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(SYNTH_CONTEXT);
  if (options.validate === false) {
    process.env.CDK_VALIDATION = 'false';
  }
  try {
    // The app runs as a script would: it builds its App (which reads the two variables above) and synthesizes it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(appFile);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    throw new Error(`${repoRelative(appFile)} synthesized nothing: it must end with app.synth()`);
  }
  synthesized.set(appFile, outdir);
  return outdir;
}

/** Removes the temporary folders of `synthApp`. */
export function cleanUpSyntheses(): void {
  if (workDir) {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  workDir = undefined;
  synthesized.clear();
}

/** A CloudFormation stack of a cloud assembly. */
export interface AssemblyStack {
  /** The artifact id, which is the stack name when none is given. */
  readonly artifactId: string;
  /** The stack's template. */
  readonly template: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
  /** The construct path of each logical id, from the construct metadata (`aws:cdk:logicalId`). */
  readonly pathOfLogicalId: Map<string, string>;
}

type MetadataEntries = Record<string, Array<{ type: string; data?: unknown }>>;

/** The stacks of a cloud assembly folder, read from its manifest. */
export function assemblyStacks(outdir: string): AssemblyStack[] {
  const manifest = readJson(path.join(outdir, 'manifest.json')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string }; metadata?: MetadataEntries; additionalMetadataFile?: string }>;
  };
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([artifactId, artifact]) => {
      const metadata: MetadataEntries = {
        ...artifact.metadata,
        ...(artifact.additionalMetadataFile ? (readJson(path.join(outdir, artifact.additionalMetadataFile)) as MetadataEntries) : {}),
      };
      const pathOfLogicalId = new Map<string, string>();
      for (const [constructPath, entries] of Object.entries(metadata)) {
        for (const entry of entries) {
          if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
            pathOfLogicalId.set(entry.data, constructPath);
          }
        }
      }
      return {
        artifactId,
        template: readJson(path.join(outdir, artifact.properties!.templateFile!)) as AssemblyStack['template'],
        pathOfLogicalId,
      };
    });
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}
