import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertHandlerBundled } from '../../src/private/handler-bundle';

describe('assertHandlerBundled', () => {
  test('passes for every handler of src/ (the test task bundles them first)', () => {
    const handlers = fs.readdirSync(path.join(__dirname, '..', '..', 'src', 'private'))
      .filter((file) => file.endsWith('.lambda.ts'))
      .map((file) => `private/${file.replace(/\.ts$/, '')}`);
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) {
      expect(() => assertHandlerBundled(handler)).not.toThrow();
    }
  });

  test('fails with the way to build a bundle that is missing', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-assets-'));
    try {
      expect(() => assertHandlerBundled('private/provider.lambda', empty)).toThrow(
        /the bundle of its Lambda handler src\/private\/provider\.lambda\.ts is missing \(.*index\.js\)\. In a checkout of the library, build it with `npx projen bundle`/,
      );
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});
