import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TWINS } from './index';
import { LabelingTeamStack } from '../../examples/labeling-team-stack';

/**
 * Synthesizes every TypeScript twin app into `<outdir>/<name>.template.json`, the templates the Python, Java and
 * Go tests compare their own apps with, and the example app's `example-app.template.json`: the templates
 * cfn-lint lints besides the integration snapshots. Usage: `ts-node test/twins/synth.ts <outdir>`.
 */
const outdir = path.resolve(process.argv[2] ?? 'test-reports/twins');
const context = JSON.parse(fs.readFileSync(path.join(__dirname, 'context.json'), 'utf-8'));
fs.mkdirSync(outdir, { recursive: true });
const assemblies = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-twins-'));
try {
  const apps: Record<string, (app: App) => Stack> = {
    ...TWINS,
    'example-app': (app) => new LabelingTeamStack(app, 'SageMakerWorkteamExample'),
  };
  for (const [name, build] of Object.entries(apps)) {
    const app = new App({ outdir: path.join(assemblies, name), context });
    const stack: Stack = build(app);
    const file = path.join(outdir, `${name}.template.json`);
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON(), undefined, 1) + '\n');
    console.log(`twin ${name}: ${path.relative(process.cwd(), file)}`);
  }
} finally {
  fs.rmSync(assemblies, { recursive: true, force: true });
}
