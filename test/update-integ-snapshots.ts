import * as fs from 'fs';
import { cleanUpSyntheses, integAppFiles, orphanSnapshotDirs, repoRelative, snapshotDirOf, synthApp } from './integ-apps';
import { snapshotContent, writeSnapshot } from './integ-snapshot';

/*
 * `npx projen integ:update`: rewrites the committed snapshot of every integration app `test/integ.<name>.ts`
 * (test/integ-snapshot.ts) and removes the snapshots whose app is gone. Review the diff before committing it.
 */
try {
  for (const app of integAppFiles()) {
    const dir = snapshotDirOf(app);
    writeSnapshot(dir, snapshotContent(synthApp(app)));
    console.log(`${repoRelative(dir)}/ written`);
  }
  for (const dir of orphanSnapshotDirs()) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`${repoRelative(dir)}/ removed: its app is gone`);
  }
} finally {
  cleanUpSyntheses();
}
