import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, LegacyStackSynthesizer, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { apiModelReport } from './api-model';
import { validateAgainstCfnSchema } from './cfn-schema';

/** One output folder per test file, removed when the file's tests end. */
let outdir: string | undefined;

/**
 * Where to make it: in memory (/dev/shm) when there is one, else in the temporary folder. Each synth rewrites the
 * same few files, and rewriting a file on a disk file system (ext4 flushes a truncated file) costs milliseconds.
 */
function tempRoot(): string {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

function testOutdir(): string {
  if (!outdir) {
    outdir = fs.mkdtempSync(path.join(tempRoot(), 'cdk-sagemaker-workteam-deploy-truth-'));
  }
  return outdir;
}

if (typeof afterAll === 'function') {
  afterAll(() => {
    if (outdir) {
      fs.rmSync(outdir, { recursive: true, force: true });
      outdir = undefined;
    }
  });
}

/**
 * A new app that writes into this test file's temporary folder. It records no stack traces, neither in metadata
 * (`stackTraces: false`) nor where each L1 resource is created (each capture costs more than the rest of the
 * resource), and writes no tree.json.
 *
 * It also turns off, for this test file (Jest gives each its own `process.env`), the template validation that
 * aws-cdk-lib runs at every synth (`CDK_VALIDATION=false`): that is the same @aws/cloudformation-validate engine
 * (plus one GameLift rule), which takes seconds to build and would check every template a second time. Tests
 * check the templates of these apps with `validateAgainstCfnSchema` instead.
 */
export function deployTruthApp(): App {
  process.env.CDK_VALIDATION = 'false';
  return new App({
    outdir: testOutdir(),
    stackTraces: false,
    analyticsReporting: false,
    treeMetadata: false,
    context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true },
  });
}

/** The account and region of the stacks of `deployTruthStack`. */
export const DEPLOY_TRUTH_ENV: Environment = { account: '123456789012', region: 'us-east-1' };

/**
 * A stack in a new `deployTruthApp`. Its synthesizer writes no bootstrap parameter, rule or asset manifest, which
 * halves the time of a synth; the resources of the template are the same as with the default synthesizer.
 */
export function deployTruthStack(env: Environment = DEPLOY_TRUTH_ENV): Stack {
  return new Stack(deployTruthApp(), 'Stack', { env, synthesizer: new LegacyStackSynthesizer() });
}

/** Synthesizes the app of `stack` and returns the stack's template. */
export function synthTemplate(stack: Stack): Record<string, any> {
  const assembly = stack.node.root instanceof App ? stack.node.root.synth() : undefined;
  if (!assembly) {
    throw new Error(`the stack ${stack.node.path} is not in an App`);
  }
  return assembly.getStackArtifact(stack.artifactId).template;
}

export interface DeployTruth {
  /** Registry-schema violations (validateAgainstCfnSchema). */
  readonly cfnSchema: string[];
  /** SageMaker API model violations (validateAgainstApiModel). */
  readonly apiModel: string[];
  /** Request members the API model does not know: reported, not failures. */
  readonly notInModel: string[];
}

/** Both checks of a template. */
export function deployTruth(template: object): DeployTruth {
  const api = apiModelReport(template);
  return { cfnSchema: validateAgainstCfnSchema(template), apiModel: api.errors, notInModel: api.notInModel };
}
