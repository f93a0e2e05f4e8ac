import { cleanUpSyntheses, EXAMPLE_APP, integAppFiles, repoRelative } from './integ-apps';
import { ACCEPT, Pin, PINNED_TYPES, pinsOfApp, readPins } from './stability/pins';

/**
 * The logical ids and names of the work teams and workforces of the example app and of every integration app,
 * and of the resources around them whose replacement breaks them, stay what test/stability/pinned-ids.json says.
 * A new logical id or name makes CloudFormation replace the resource in every deployed stack: this test fails
 * with what the replacement would do. Only `npx projen stability:update` (test/update-pinned-ids.ts) rewrites the file.
 */

afterAll(cleanUpSyntheses);

/** Why the pins of one app no longer hold, one message a resource. */
function violations(appName: string, pinned: Record<string, Record<string, Pin>>, current: Record<string, Record<string, Pin>>): string[] {
  const messages: string[] = [];
  const stacks = [...new Set([...Object.keys(pinned), ...Object.keys(current)])].sort();
  for (const stackId of stacks) {
    const before = pinned[stackId] ?? {};
    const after = current[stackId] ?? {};
    const where = `${appName}, stack ${stackId}`;
    // A pinned resource whose logical id is gone is followed by the new resource of its type with its name (for
    // the named ones) or its construct path, if any.
    const successors = new Map<string, string>();
    for (const [logicalId, pin] of Object.entries(before)) {
      if (after[logicalId]?.type === pin.type) {
        continue;
      }
      const candidates = Object.entries(after).filter(([id, candidate]) => !before[id] && candidate.type === pin.type);
      const successor =
        candidates.find(([, candidate]) => pin.name !== undefined && JSON.stringify(candidate.name) === JSON.stringify(pin.name)) ??
        candidates.find(([, candidate]) => candidate.path === pin.path);
      if (successor) {
        successors.set(logicalId, successor[0]);
      }
    }
    for (const [logicalId, pin] of Object.entries(before)) {
      const type = PINNED_TYPES[pin.type] ?? { what: pin.type, onReplace: 'CloudFormation would REPLACE it.' };
      const now = after[logicalId];
      const label = `the ${type.what} ${pin.path}${pin.name !== undefined ? ` (name ${JSON.stringify(pin.name)})` : ''}`;
      if (!now || now.type !== pin.type) {
        const successor = successors.get(logicalId);
        const change = successor
          ? `its logical id changes from ${logicalId} to ${successor} (${after[successor].path})`
          : `its logical id ${logicalId} is no longer in the template`;
        const keptName = successor && type.keptName && JSON.stringify(after[successor].name) === JSON.stringify(pin.name) ? ` ${type.keptName}` : '';
        messages.push(`${where}: ${label}: ${change}. ${type.onReplace}${keptName}`);
      } else if (JSON.stringify(now.name) !== JSON.stringify(pin.name)) {
        messages.push(
          `${where}: ${label}, logical id ${logicalId}: its ${type.nameProperty} changes from ${JSON.stringify(pin.name)} to ` +
            `${JSON.stringify(now.name)}, which CloudFormation cannot update in place. ${type.onReplace}`,
        );
      } else if (now.path !== pin.path) {
        messages.push(
          `${where}: logical id ${logicalId} moved from ${pin.path} to ${now.path} (no replacement: the logical id is kept); ` +
            'run `npx projen stability:update` to record it.',
        );
      }
    }
    const followers = new Set(successors.values());
    for (const [logicalId, pin] of Object.entries(after)) {
      if (!before[logicalId] && !followers.has(logicalId)) {
        messages.push(
          `${where}: the ${PINNED_TYPES[pin.type].what} ${pin.path} (logical id ${logicalId}) is new and not pinned; ` +
            'run `npx projen stability:update` to pin it.',
        );
      }
    }
  }
  return messages;
}

describe('stable logical ids and names of work teams and workforces', () => {
  const apps = [EXAMPLE_APP, ...integAppFiles()];

  const pinned = readPins();

  test.each(apps.map((app) => [repoRelative(app), app]))('%s keeps its pinned logical ids and names', (name, app) => {
    const current = pinsOfApp(app);
    expect(Object.keys(current).length).toBeGreaterThan(0);
    if (!pinned[name]) {
      throw new Error(`${name} is not in test/stability/pinned-ids.json; run \`npx projen stability:update\` to pin its ids.`);
    }
    const messages = violations(name, pinned[name], current);
    if (messages.length > 0) {
      throw new Error([...messages.map((message) => `- ${message}`), ACCEPT].join('\n'));
    }
  });

  test('every pinned app still exists', () => {
    const names = new Set(apps.map(repoRelative));
    const gone = Object.keys(pinned).filter((name) => !names.has(name));
    if (gone.length > 0) {
      throw new Error(
        `pinned apps that no longer exist: ${gone.join(', ')}. If they were deployed, their stacks keep their resources ` +
          'until deleted; run `npx projen stability:update` to unpin them.',
      );
    }
  });

  test('the pins cover work teams, workforces, a topic policy and a worker access custom resource', () => {
    const types = new Set(
      Object.values(pinned).flatMap((stacks) => Object.values(stacks).flatMap((pins) => Object.values(pins).map((pin) => pin.type))),
    );
    expect([...types].sort()).toEqual(Object.keys(PINNED_TYPES).sort());
  });
});
