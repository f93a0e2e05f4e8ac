import { awscdk, javascript, JsonFile } from 'projen';

/**
 * The oldest aws-cdk-lib that ships `CfnWorkforce`, `CfnWorkteam.attrWorkteamArn` and `IWorkteamRef`
 * (checked in the typings of 2.270.0, 2.271.0 and 2.273.0: `attrWorkteamArn` first appears in 2.273.0).
 */
const MIN_CDK_VERSION = '2.273.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-sagemaker-workteam',
  description:
    'AWS CDK L2 constructs for Amazon SageMaker Ground Truth and Augmented AI private work teams and workforces, validated at synth.',
  author: 'cdk-sagemaker-workteam maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam.git',
  homepage: 'https://github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam#readme',
  license: 'Apache-2.0',
  stability: 'experimental',
  keywords: ['aws-cdk', 'awscdk', 'cdk', 'sagemaker', 'ground-truth', 'workteam', 'workforce', 'augmented-ai', 'a2i'],

  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // The repository's CI is `.ci/run`; GitHub workflows would be configuration nothing here runs.
  github: false,

  cdkVersion: MIN_CDK_VERSION,
  constructsVersion: '10.5.0',
  jsiiVersion: '~6.0.0',
  minNodeVersion: '20.0.0',

  devDeps: ['aws-cdk@^2.1100.0', 'fast-check@^4'],

  // Configured for Construct Hub; their builds need PyPI, Maven, NuGet and the Go proxy, so the default
  // `package` task below builds only the npm tarball (see README, "Releasing").
  publishToPypi: {
    distName: 'cdk-sagemaker-workteam',
    module: 'cdk_sagemaker_workteam',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk_sagemaker_workteam',
    mavenGroupId: 'io.github.cdk-sagemaker-workteam',
    mavenArtifactId: 'cdk-sagemaker-workteam',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkSagemakerWorkteam',
    packageId: 'CdkSagemakerWorkteam',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-sagemaker-workteam/cdk-sagemaker-workteam-go',
  },

  jestOptions: {
    // A test never rewrites a committed snapshot: a changed snapshot fails the run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      collectCoverageFrom: ['src/**/*.ts'],
      coverageThreshold: { statements: 95, branches: 90, functions: 95, lines: 95 },
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: { include: ['examples/**/*.ts'] },
  gitignore: ['cdk.out/', '*.tgz', '.verify/'],
});

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');
// Lint every TypeScript file with the dev tsconfig (src, test, examples, scripts, projenrc) rather than the
// project service, which only finds the nearest tsconfig.json (src only).
const eslintrc = project.tryFindObjectFile('.eslintrc.json')!;
eslintrc.addDeletionOverride('parserOptions.projectService');
eslintrc.addOverride('parserOptions.project', './tsconfig.dev.json');
eslintrc.addOverride('settings.import/resolver.typescript.project', './tsconfig.dev.json');
project.tsconfigDev.file.addOverride('include', [
  'src/**/*.ts',
  'test/**/*.ts',
  'examples/**/*.ts',
  'scripts/**/*.ts',
  'projenrc/**/*.ts',
  '.projenrc.ts',
]);
// jsii prints a banner on Node 20 (end of life): the build supports Node 20 on purpose.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Packaging for PyPI, Maven, NuGet and Go needs registries this build must not reach: `build` packages npm only,
// and the per-language tasks (`package:python`, `package:java`, ...) stay for a release machine.
const packageTask = project.tasks.tryFind('package');
packageTask?.reset();
packageTask?.spawn(project.tasks.tryFind('package:js')!);

// The example CDK app: `npx cdk synth` synthesizes it without touching the network.
new JsonFile(project, 'cdk.json', {
  obj: {
    app: 'npx ts-node --prefer-ts-exts examples/app.ts',
    notices: false,
    output: 'cdk.out',
    context: {
      'cli-telemetry': false,
    },
  },
});
project.addTask('synth:example', {
  description: 'Synthesize the example app in examples/app.ts into cdk.out/',
  // No notices, no telemetry, no instance-metadata credential probe: synth stays offline.
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
  exec: 'cdk synth --no-notices --quiet && ls cdk.out/*.template.json',
});

// `npm run bench`: the synth benchmark of scripts/bench (README, "Performance"): the Workteam L2 against the L1
// CfnWorkteam, in fresh processes, and the library's load time. It measures the jsii-compiled lib/ that users
// get, so it compiles first; the benchmark itself compiles to .bench/. Options go after `--` (see main.ts).
const bench = project.addTask('bench', {
  description: 'Synth benchmark: Workteam L2 against CfnWorkteam at 10, 40 and 160 stacks x 25 teams, and load time',
});
bench.spawn(project.compileTask);
bench.exec('tsc -p scripts/bench/tsconfig.json');
bench.exec('node .bench/build/scripts/bench/main.js', { receiveArgs: true });
project.gitignore.exclude('/.bench/');
project.addPackageIgnore('/.bench/');
project.addPackageIgnore('/scripts/bench/');

// What CI runs and what the README calls "run the tests": the whole build (projen synth, jsii, API.md,
// jest with coverage, eslint, npm tarball), failing if it changed a committed file, then the test totals.
project.addTask('verify', {
  description: 'Build, test and lint; fail if the build changed a committed (generated) file',
  exec: 'bash scripts/verify.sh',
});

project.synth();
