import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { apiModelReport } from './api-model';
import { validateAgainstCfnSchema } from './cfn-schema';

/** One output folder per test file, removed when the file's tests end. */
let outdir: string | undefined;

function testOutdir(): string {
  if (!outdir) {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-deploy-truth-'));
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
 * A new app that writes into this test file's temporary folder. It records no stack traces (they make synth
 * several times slower).
 *
 * It also turns off, for this test file (Jest gives each its own `process.env`), the template validation that
 * aws-cdk-lib runs at every synth (`CDK_VALIDATION=false`): that is the same @aws/cloudformation-validate engine
 * (plus one GameLift rule), which takes seconds to build and would check every template a second time. Tests
 * check the templates of these apps with `validateAgainstCfnSchema` instead.
 */
export function deployTruthApp(): App {
  process.env.CDK_VALIDATION = 'false';
  return new App({ outdir: testOutdir(), stackTraces: false, analyticsReporting: false });
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
