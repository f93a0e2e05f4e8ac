import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { API_MODELS_DIRECTORY } from './api-model';

/*
 * A cache on disk for the character sets of the property tests: each takes seconds to find (every code point is
 * tried, and the sets the registry schema takes need the CloudFormation engine), and every test file, every run
 * and every mutant of `npm run mutation` would find them again. An entry is found by its key and the text of the
 * function that computes it; the folder by all that the results depend on besides: Node's Unicode version,
 * aws-cdk-lib's version (its schema engine), the committed API models, and the source of the property tests.
 */

const REPOSITORY = path.resolve(__dirname, '..', '..');

let folder: string | undefined;

function cacheFolder(): string {
  if (folder === undefined) {
    const hash = createHash('sha256');
    hash.update(`unicode ${process.versions.unicode}\0`);
    hash.update(`aws-cdk-lib ${JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version}\0`);
    for (const model of fs.readdirSync(API_MODELS_DIRECTORY).sort()) {
      hash.update(`model ${model}\0`).update(fs.readFileSync(path.join(API_MODELS_DIRECTORY, model))).update('\0');
    }
    const sources = [
      ...fs.readdirSync(path.join(REPOSITORY, 'test', 'deploy-truth')).map((name) => path.join('test', 'deploy-truth', name)),
      ...fs.readdirSync(path.join(REPOSITORY, 'test')).filter((name) => name.startsWith('deploy-truth')).map((name) => path.join('test', name)),
    ].filter((file) => file.endsWith('.ts')).sort();
    for (const source of sources) {
      hash.update(`${source}\0`).update(fs.readFileSync(path.join(REPOSITORY, source))).update('\0');
    }
    folder = path.join(REPOSITORY, 'node_modules', '.cache', 'cdk-sagemaker-workteam-deploy-truth', hash.digest('hex').slice(0, 16));
  }
  return folder;
}

/**
 * The value `compute` returns, from the disk when an earlier process computed it for the same key and function.
 * `encode` and `decode` turn the value into JSON data and back.
 */
export function cachedOnDisk<T>(key: string, compute: () => T, encode: (value: T) => unknown, decode: (data: any) => T): T {
  const file = path.join(cacheFolder(), `${createHash('sha256').update(key).update('\0').update(compute.toString()).digest('hex').slice(0, 32)}.json`);
  if (fs.existsSync(file)) {
    try {
      return decode(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      // A damaged entry is computed again.
    }
  }
  const value = compute();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Two processes may write the same entry: each writes its own file, then renames it into place.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(encode(value)));
  fs.renameSync(partial, file);
  return value;
}
