import * as fs from 'fs';
import * as path from 'path';
import { readJson } from './integ-apps';

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

/** The JSON paths at which two values differ, as lines `path: snapshot ..., synthesized ...`. */
function differences(expected: unknown, actual: unknown, at = ''): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const lines: string[] = [];
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
  return [`${at || '(whole file)'}: snapshot ${show(expected)}, synthesized ${show(actual)}`];
}

function show(value: unknown): string {
  if (value === undefined) {
    return '(absent)';
  }
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** A summary of how a synthesized app differs from its snapshot; empty when it does not. */
export function diffSummary(snapshot: Map<string, unknown>, synthesized: Map<string, unknown>): string[] {
  const lines: string[] = [];
  const names = [...new Set([...snapshot.keys(), ...synthesized.keys()])].sort();
  for (const name of names) {
    if (!synthesized.has(name)) {
      lines.push(`  ${name}: in the snapshot, no longer synthesized`);
    } else if (!snapshot.has(name)) {
      lines.push(`  ${name}: synthesized, not in the snapshot`);
    } else {
      const found = differences(snapshot.get(name), synthesized.get(name));
      if (found.length > 0) {
        const shown = found.slice(0, 25).map((line) => `      ${line}`);
        const more = found.length > shown.length ? [`      ... and ${found.length - shown.length} more`] : [];
        lines.push(`  ${name}: ${found.length} difference(s)`, ...shown, ...more);
      }
    }
  }
  return lines;
}

