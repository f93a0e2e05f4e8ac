import { cleanUpSyntheses, EXAMPLE_APP, integAppFiles } from './integ-apps';
import { writePins } from './stability/pins';

/*
 * `npx projen stability:update`: pins the logical ids and names of the example app and every integration app anew
 * (test/stability/pinned-ids.json), accepting a replacement deliberately. Review the diff before committing it.
 */
try {
  writePins([EXAMPLE_APP, ...integAppFiles()]);
  console.log('test/stability/pinned-ids.json written');
} finally {
  cleanUpSyntheses();
}
