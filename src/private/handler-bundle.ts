import * as fs from 'fs';
import * as path from 'path';

/** Where projen's `bundle` task writes the library's Lambda handlers, beside `lib/` (and `src/`). */
const ASSETS = path.join(__dirname, '..', '..', 'assets');

/**
 * Fails, saying how to build it, when a Lambda handler of the library has no bundle in `assets/`: aws-cdk-lib would
 * only say `CannotFindAsset` at synth. A published package always has its bundles; a checkout of the repository has
 * them once a projen task that loads or packs the library has run (`npx projen compile`, `npm run synth:example`).
 *
 * @param handler the handler's source under `src/`, without its extension, such as `private/provider.lambda`
 * @param assets the folder of the bundles
 */
export function assertHandlerBundled(handler: string, assets: string = ASSETS): void {
  const bundle = path.join(assets, handler, 'index.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `cdk-sagemaker-workteam: the bundle of its Lambda handler src/${handler}.ts is missing (${bundle}). ` +
        'In a checkout of the library, build it with `npx projen bundle` (every projen task that loads or packs the library does so first).',
    );
  }
}
