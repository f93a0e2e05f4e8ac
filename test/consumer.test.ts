import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';

/*
 * The package as npm publishes it: packed from the compiled library (`npx projen compile` builds it, handlers'
 * bundles included; the build runs this test after compiling), installed into a new CDK app with only its peer dependencies, and
 * used from TypeScript there. A file missing from the package, a broken entry point or incomplete typings
 * fail here.
 */
const root = path.join(__dirname, '..');
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-sagemaker-workteam-consumer-'));
afterAll(() => fs.rmSync(workdir, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (error: any) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

function assertCompiledLibraryIsFresh(): void {
  const newest = (dir: string): number =>
    Math.max(...fs.readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newest(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs));
  const assembly = path.join(root, '.jsii');
  if (!fs.existsSync(assembly) || fs.statSync(assembly).mtimeMs < newest(path.join(root, 'src'))) {
    throw new Error('the compiled library is missing or older than src/: run `npx projen compile` first');
  }
}

/** The bundle that every Lambda handler of src/ (`src/**\/*.lambda.ts`) must have in the package. */
function handlerBundlesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.lambda.ts'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).replace(/\.ts$/, ''))
    .map((handler) => `assets/${handler}/index.js`)
    .sort();
}
const handlerBundles = handlerBundlesOf(path.join(root, 'src'));

describe('the published package', () => {
  let files: string[];
  let templates: Record<string, Template>;
  const app = path.join(workdir, 'app');

  beforeAll(() => {
    assertCompiledLibraryIsFresh();
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workdir], root));
    files = packed.files.map((file: { path: string }) => file.path);

    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: {
        'cdk-sagemaker-workteam': `file:${path.join(workdir, packed.filename)}`,
        'aws-cdk-lib': rootPackage.devDependencies['aws-cdk-lib'],
        'constructs': rootPackage.devDependencies.constructs,
      },
    }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
    fs.copyFileSync(path.join(__dirname, 'consumer', 'app.ts.txt'), path.join(app, 'app.ts'));
    run(process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '--strict', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', '--skipLibCheck', 'app.ts',
    ], app);
    run(process.execPath, ['app.js'], app);
    templates = Object.fromEntries(['CognitoTeams', 'OidcTeams'].map((stack) => [
      stack,
      Template.fromJSON(JSON.parse(fs.readFileSync(path.join(app, 'cdk.out', `${stack}.template.json`), 'utf-8'))),
    ]));
  }, 300_000);

  test('holds the compiled library, its typings, the jsii assembly, README and LICENSE, and no sources', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', '.jsii', 'README.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts', 'lib/workteam.js', 'lib/workteam.d.ts']));
    // Nothing else: no sources, tests, examples, scripts, build output of tools, or local synth output.
    const published = /^(package\.json|\.jsii|README\.md|CHANGELOG\.md|LICENSE|API\.md|lib\/.+\.(js|d\.ts)|assets\/.+\.lambda\/index\.js)$/;
    expect(files.filter((file) => !published.test(file))).toEqual([]);
    // Every handler of src/ ships bundled in assets/, and only those; their sources, compiled into lib/ by jsii, are not needed.
    expect(handlerBundles.length).toBeGreaterThan(0);
    expect(files.filter((file) => file.startsWith('assets/')).sort()).toEqual(handlerBundles);
    expect(files.filter((file) => file.includes('.lambda.') && file.startsWith('lib/'))).toEqual([]);
  });

  test('synthesizes a Cognito team on its workforce in a new app', () => {
    templates.CognitoTeams.hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [{ CognitoMemberDefinition: Match.objectLike({ CognitoUserGroup: { Ref: Match.anyValue() } }) }],
      WorkforceName: Match.anyValue(),
      NotificationConfiguration: { NotificationTopicArn: { Ref: Match.anyValue() } },
    });
    templates.CognitoTeams.resourceCountIs('AWS::SageMaker::Workforce', 1);
    templates.CognitoTeams.resourceCountIs('AWS::SNS::TopicPolicy', 1);
  });

  test("puts the worker portal's URLs on the app client with the handler the package ships", () => {
    templates.CognitoTeams.resourceCountIs('Custom::SageMakerWorkerPortalUrls', 1);
    templates.CognitoTeams.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs24.x' });
    const assets = fs.readdirSync(path.join(app, 'cdk.out')).filter((name) => name.startsWith('asset.'));
    const handler = assets.map((dir) => path.join(app, 'cdk.out', dir, 'index.js')).find((file) => fs.existsSync(file) &&
      fs.readFileSync(file, 'utf-8').includes('DescribeUserPoolClientCommand'));
    expect(handler).toBeDefined();
  });

  test('synthesizes an OIDC team on its workforce in a new app', () => {
    templates.OidcTeams.hasResourceProperties('AWS::SageMaker::Workteam', {
      MemberDefinitions: [{ OidcMemberDefinition: { OidcGroups: ['reviewers'] } }],
    });
    templates.OidcTeams.hasResourceProperties('AWS::SageMaker::Workforce', {
      OidcConfig: Match.objectLike({ ClientSecret: '{{resolve:secretsmanager:labeling/oidc:SecretString:::}}' }),
    });
  });
});
