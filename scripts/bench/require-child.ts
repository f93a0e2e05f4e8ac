/**
 * One load-time measurement, in a fresh process; prints one JSON line (`RequireResult`).
 * Usage: `node require-child.js <mode>`, where mode is
 *
 * - `sagemaker`: `require('aws-cdk-lib/aws-sagemaker')`, then the first use of `CfnWorkteam`. aws-cdk-lib's
 *   module indexes are lazy: the `require` returns a stub and the module's 1.4 MB of L1 classes (with
 *   aws-cdk-lib's core) load at the first use of a class, so the module's cost is the sum of the two;
 * - `library-total`: `require` of the compiled library (`lib/index.js`) in a fresh process: everything it
 *   loads, aws-cdk-lib's core and L1 modules included;
 * - `library-own`: the same `require`, in a process that has already loaded and used what an app that uses the
 *   library has anyway: aws-cdk-lib's core (`App`, `Stack`, `Resource`), `CfnWorkteam` of aws-sagemaker, the
 *   Cognito and SNS constructs of aws-cdk-lib/aws-cognito and aws-cdk-lib/aws-sns, and constructs. This is the
 *   library's own load time, its incremental cost.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { libraryEntryPoint } from './paths';

export type RequireMode = 'sagemaker' | 'library-total' | 'library-own';

export const REQUIRE_MODES: readonly RequireMode[] = ['sagemaker', 'library-total', 'library-own'];

export interface RequireResult {
  readonly mode: RequireMode;
  /** The measured load, milliseconds. */
  readonly ms: number;
  /** For `sagemaker`: the `require` alone (the lazy stub), milliseconds. */
  readonly requireOnlyMs?: number;
  /** Modules that the measured load added to the require cache. */
  readonly modules: number;
}

export const REQUIRE_RESULT_PREFIX = 'BENCH-REQUIRE ';

function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function preloadWhatAnAppHas(): void {
  const cdk = require('aws-cdk-lib');
  void [cdk.App, cdk.Stack, cdk.Resource, cdk.Names, cdk.Token, cdk.Tokenization, cdk.Fn, cdk.ArnFormat];
  void require('aws-cdk-lib/aws-sagemaker').CfnWorkteam;
  const cognito = require('aws-cdk-lib/aws-cognito');
  void [cognito.UserPool, cognito.UserPoolClient, cognito.UserPoolGroup, cognito.CfnUserPoolGroup];
  void require('aws-cdk-lib/aws-sns').Topic;
  require('constructs');
}

function measure(mode: RequireMode): RequireResult {
  if (mode === 'library-own') {
    preloadWhatAnAppHas();
  }
  // Outside the timed part: finding the repository root requires package.json files (and fails on the way up).
  const entryPoint = mode === 'sagemaker' ? '' : libraryEntryPoint();
  const modulesBefore = Object.keys(require.cache).length;
  const start = process.hrtime.bigint();
  if (mode === 'sagemaker') {
    const sagemaker = require('aws-cdk-lib/aws-sagemaker');
    const requireOnlyMs = elapsedMs(start);
    void sagemaker.CfnWorkteam;
    return { mode, ms: elapsedMs(start), requireOnlyMs, modules: Object.keys(require.cache).length - modulesBefore };
  }
  void require(entryPoint).Workteam;
  return { mode, ms: elapsedMs(start), modules: Object.keys(require.cache).length - modulesBefore };
}


if (require.main === module) {
  const mode = process.argv[2] as RequireMode;
  if (!REQUIRE_MODES.includes(mode)) {
    throw new Error(`usage: require-child <${REQUIRE_MODES.join('|')}>`);
  }
  process.stdout.write(`${REQUIRE_RESULT_PREFIX}${JSON.stringify(measure(mode))}\n`);
}
