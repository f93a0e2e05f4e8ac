import * as path from 'path';

/** The repository root: the nearest parent directory with this package's package.json. */
export function repositoryRoot(): string {
  let dir = __dirname;
  for (;;) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (require(path.join(dir, 'package.json')).name === 'cdk-sagemaker-workteam') {
        return dir;
      }
    } catch {
      // no package.json here
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no cdk-sagemaker-workteam package.json above ${__dirname}`);
    }
    dir = parent;
  }
}

/**
 * The compiled library (jsii's output), as `require('cdk-sagemaker-workteam')` loads it; `BENCH_LIBRARY`
 * names another build of it (an absolute path), to compare two builds.
 */
export function libraryEntryPoint(): string {
  return process.env.BENCH_LIBRARY ?? path.join(repositoryRoot(), 'lib', 'index.js');
}
