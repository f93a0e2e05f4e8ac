import * as fs from 'fs';
import { cleanUpSyntheses, integAppFiles, orphanSnapshotDirs, repoRelative, snapshotDirOf, synthApp } from './integ-apps';
import { cdkOwnedDifference, diffSummary, HOW_TO_UPDATE, INSTALLED_CDK, PINNED_CDK, readSnapshot, snapshotContent } from './integ-snapshot';

/**
 * Each integration app `test/integ.<name>.ts` synthesizes, offline, to what its committed snapshot
 * `test/integ.<name>.ts.snapshot/` holds (test/integ-snapshot.ts). This test never writes a snapshot; only
 * `npx projen integ:update` (test/update-integ-snapshots.ts) does.
 */

afterAll(cleanUpSyntheses);

describe('integration app snapshots', () => {
  const apps = integAppFiles();

  test('there are integration apps', () => {
    expect(apps.map(repoRelative)).toEqual(
      expect.arrayContaining(['test/integ.cognito-workteam.ts', 'test/integ.oidc-workteam.ts', 'test/integ.vpc-workforce.ts']),
    );
  });

  test.each(apps.map((file) => [repoRelative(file), file]))('%s synthesizes to its committed snapshot', (name, file) => {
    const dir = snapshotDirOf(file);
    const outdir = synthApp(file);
    const synthesized = snapshotContent(outdir);
    expect([...synthesized.keys()]).toContain('integ.json');

    if (!fs.existsSync(dir)) {
      throw new Error(`${name} has no snapshot ${repoRelative(dir)}/. ${HOW_TO_UPDATE}`);
    }
    const { lines: summary, cdkOwnedLines } = diffSummary(readSnapshot(dir), synthesized, cdkOwnedDifference(outdir));
    if (cdkOwnedLines.length > 0) {
      console.warn([
        `${name} differs from its snapshot ${repoRelative(dir)}/ only by aws-cdk-lib's own output at aws-cdk-lib ${INSTALLED_CDK} (the snapshot is ${PINNED_CDK}'s):`,
        ...cdkOwnedLines,
      ].join('\n'));
    }
    if (summary.length > 0) {
      throw new Error(
        [`${name} no longer synthesizes to its snapshot ${repoRelative(dir)}/ (what CloudFormation would deploy changed):`, ...summary, HOW_TO_UPDATE].join('\n'),
      );
    }
  });

  test('every snapshot has its integration app', () => {
    expect(orphanSnapshotDirs().map(repoRelative)).toEqual([]);
  });
});
