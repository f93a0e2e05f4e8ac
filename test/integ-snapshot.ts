import * as fs from 'fs';
import * as path from 'path';
import { readJson, REPO_ROOT } from './integ-apps';

/*
 * The snapshot of an integration app `test/integ.<name>.ts`, `test/integ.<name>.ts.snapshot/`: the template of every
 * stack (the app's and the assertion stack of integ-tests-alpha) and the integ manifest (`integ.json`).
 * test/integ-snapshots.test.ts compares apps with their snapshots; test/update-integ-snapshots.ts
 * (`npx projen integ:update`) rewrites them.
 *
 * Not kept: staged assets (`asset.*`, copies of handler code from node_modules whose content hash the templates
 * hold), `tree.json`, `manifest.json`, `*.assets.json` and `*.metadata.json` (construct tree, stack traces and
 * template hashes: nothing CloudFormation deploys that the templates do not already say).
 */

export const HOW_TO_UPDATE = 'If the change is intended, review it, then run `npx projen integ:update` and commit the snapshot.';

/** The files of a cloud assembly that make up a snapshot, by name, normalized. */
export function snapshotContent(outdir: string): Map<string, unknown> {
  const files = fs
    .readdirSync(outdir)
    .filter((name) => name.endsWith('.template.json') || name === 'integ.json')
    .sort();
  return new Map(files.map((name) => [name, normalize(name, readJson(path.join(outdir, name)))]));
}

/**
 * What differs between two syntheses on any machine, and only that: integ-tests-alpha gives each assertion
 * custom resource (`Custom::DeployAssert@...`) a `salt` of `Date.now()` at synth, so that it runs at every
 * deployment. Asset hashes are content hashes of pinned packages and stay as they are.
 */
const SALT_PLACEHOLDER = '<Date.now() at synth>';
function normalize(name: string, content: unknown): unknown {
  if (!name.endsWith('.template.json')) {
    return content;
  }
  const template = content as { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };
  for (const resource of Object.values(template.Resources ?? {})) {
    if (resource.Type?.startsWith('Custom::DeployAssert@') && resource.Properties && 'salt' in resource.Properties) {
      resource.Properties.salt = SALT_PLACEHOLDER;
    }
  }
  return template;
}

function serialize(content: unknown): string {
  return `${JSON.stringify(content, undefined, 1)}\n`;
}

export function readSnapshot(dir: string): Map<string, unknown> {
  if (!fs.existsSync(dir)) {
    return new Map();
  }
  return new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, readJson(path.join(dir, name))]),
  );
}

export function writeSnapshot(dir: string, content: Map<string, unknown>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, value] of content) {
    fs.writeFileSync(path.join(dir, name), serialize(value));
  }
}

/** One JSON path at which a synthesized file differs from its snapshot. */
export interface Difference {
  readonly at: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** The JSON paths at which two values differ. */
function differences(expected: unknown, actual: unknown, at = ''): Difference[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const lines: Difference[] = [];
    for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
      lines.push(...differences(expected[index], actual[index], `${at}[${index}]`));
    }
    return lines;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => differences(expected[key], actual[key], at ? `${at}.${key}` : key));
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) {
    return [];
  }
  return [{ at: at || '(whole file)', expected, actual }];
}

function describeDifference({ at, expected, actual }: Difference): string {
  return `${at}: snapshot ${show(expected)}, synthesized ${show(actual)}`;
}

/**
 * The snapshots are aws-cdk-lib's output at the pinned devDependency. Against another release (`npx projen
 * test:newest-cdk`), what aws-cdk-lib itself writes may differ: the cloud assembly schema and CLI versions of
 * `integ.json`, and the asset hashes of its own handler code (custom-resource framework). Such differences are
 * reported, not failed; any other difference, this library's own assets' hashes among them, fails.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const INSTALLED_CDK: string = require('aws-cdk-lib/package.json').version;
export const PINNED_CDK = (readJson(path.join(REPO_ROOT, 'package.json')) as { devDependencies: Record<string, string> }).devDependencies['aws-cdk-lib'];
const CDK_OWNED_MANIFEST_KEYS = new Set(['version', 'minimumCliVersion']);
const ASSET_HASH = /^[0-9a-f]{64}(\.[a-z]+)?$/;

/**
 * The hashes of the assets of a cloud assembly that are this library's own handler bundles (`assets/`): a staged
 * asset folder whose every file has the content of a file of `assets/`.
 */
function ownAssetHashes(outdir: string): Set<string> {
  const filesUnder = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(file) : [file];
    });
  const ownContents = new Set(filesUnder(path.join(REPO_ROOT, 'assets')).map((file) => fs.readFileSync(file, 'utf-8')));
  const hashes = new Set<string>();
  for (const entry of fs.readdirSync(outdir, { withFileTypes: true })) {
    // Staged as `asset.<hash>` or, for a folder whose name has an extension, `asset.<hash>.<extension>`.
    const hash = /^asset\.([0-9a-f]{64})(\.[\w-]+)?$/.exec(entry.name)?.[1];
    const files = hash && entry.isDirectory() ? filesUnder(path.join(outdir, entry.name)) : [];
    if (hash && files.length > 0 && files.every((file) => ownContents.has(fs.readFileSync(file, 'utf-8')))) {
      hashes.add(hash);
    }
  }
  return hashes;
}

/**
 * Whether a difference is aws-cdk-lib's own output, when aws-cdk-lib is not the pinned release: a schema or CLI
 * version of integ.json, or the hash of an asset that is not one of this library's handler bundles.
 */
export function cdkOwnedDifference(outdir: string): (file: string, difference: Difference) => boolean {
  if (INSTALLED_CDK === PINNED_CDK) {
    return () => false;
  }
  const ownAssets = ownAssetHashes(outdir);
  return (file, { at, expected, actual }) => {
    if (file === 'integ.json') {
      return CDK_OWNED_MANIFEST_KEYS.has(at);
    }
    return typeof expected === 'string' && typeof actual === 'string' && ASSET_HASH.test(expected) && ASSET_HASH.test(actual)
      && ![expected, actual].some((hash) => ownAssets.has(hash.split('.')[0]));
  };
}

function show(value: unknown): string {
  if (value === undefined) {
    return '(absent)';
  }
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * A summary of how a synthesized app differs from its snapshot (empty when it does not), and, apart, the
 * differences that are aws-cdk-lib's own output when `cdkOwned` tells them (against a release other than the pinned).
 */
export function diffSummary(
  snapshot: Map<string, unknown>,
  synthesized: Map<string, unknown>,
  cdkOwned: (file: string, difference: Difference) => boolean = () => false,
): { lines: string[]; cdkOwnedLines: string[] } {
  const lines: string[] = [];
  const cdkOwnedLines: string[] = [];
  const names = [...new Set([...snapshot.keys(), ...synthesized.keys()])].sort();
  for (const name of names) {
    if (!synthesized.has(name)) {
      lines.push(`  ${name}: in the snapshot, no longer synthesized`);
    } else if (!snapshot.has(name)) {
      lines.push(`  ${name}: synthesized, not in the snapshot`);
    } else {
      const all = differences(snapshot.get(name), synthesized.get(name));
      cdkOwnedLines.push(...all.filter((difference) => cdkOwned(name, difference)).map((difference) => `  ${name}: ${describeDifference(difference)}`));
      const found = all.filter((difference) => !cdkOwned(name, difference)).map(describeDifference);
      if (found.length > 0) {
        const shown = found.slice(0, 25).map((line) => `      ${line}`);
        const more = found.length > shown.length ? [`      ... and ${found.length - shown.length} more`] : [];
        lines.push(`  ${name}: ${found.length} difference(s)`, ...shown, ...more);
      }
    }
  }
  return { lines, cdkOwnedLines };
}
