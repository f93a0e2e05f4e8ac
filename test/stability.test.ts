import * as fs from 'fs';
import * as path from 'path';
import { AssemblyStack, assemblyStacks, cleanUpSyntheses, EXAMPLE_APP, integAppFiles, readJson, repoRelative, synthApp } from './integ-apps';

/**
 * The logical ids and names of the work teams and workforces of the example app and of every integration app,
 * and of the resources around them whose replacement breaks them, stay what test/stability/pinned-ids.json says.
 * A new logical id or name makes CloudFormation replace the resource in every deployed stack: this test fails
 * with what the replacement would do. Only `npx projen stability:update` (STABILITY_UPDATE=1) rewrites the file.
 */

const PINNED_FILE = path.join(__dirname, 'stability', 'pinned-ids.json');
const UPDATE = process.env.STABILITY_UPDATE === '1';
const ACCEPT =
  'If the replacement is intended (no labeling job or human review workflow runs on it, or a new one is wanted), ' +
  'accept it deliberately: run `npx projen stability:update`, which rewrites test/stability/pinned-ids.json, and ' +
  'commit that file with the change, saying so in the release notes.';

/** A pinned resource: its type, construct path and, for the named ones, its physical name. */
interface Pin {
  readonly type: string;
  readonly path: string;
  readonly name?: unknown;
}
/** App file (relative to the repository) -> stack (artifact id) -> logical id -> pin. */
type Pins = Record<string, Record<string, Record<string, Pin>>>;

interface PinnedType {
  readonly what: string;
  readonly nameProperty?: string;
  /** What CloudFormation does when the logical id or the name changes. */
  readonly onReplace: string;
  /** What else happens when only the logical id changes. */
  readonly keptName?: string;
}

const WORKTEAM: PinnedType = {
  what: 'work team',
  nameProperty: 'WorkteamName',
  onReplace:
    'CloudFormation would REPLACE the work team: it creates a new team (a new ARN) and deletes the old one, detaching ' +
    'it from the labeling jobs and human review workflows running on it.',
  keptName: 'Keeping the name does not help: the creation then fails, the old team holding the name.',
};
const WORKFORCE: PinnedType = {
  what: 'workforce',
  nameProperty: 'WorkforceName',
  onReplace:
    'CloudFormation would REPLACE the private workforce: it creates a new one, then deletes the old one; SageMaker ' +
    'allows one workforce per account and region, so the creation fails while the old one exists. Were it to ' +
    'succeed, the worker portal URL would change and the work teams of the old workforce would lose it.',
};
const TOPIC_POLICY: PinnedType = {
  what: 'notification topic policy',
  onReplace:
    'CloudFormation would create the topic policy of the new logical id, then delete the old one, and deleting an ' +
    'AWS::SNS::TopicPolicy can reset the policy of its topic: SageMaker could no longer publish worker notifications.',
};
const WORKER_ACCESS: PinnedType = {
  what: 'worker access custom resource',
  onReplace:
    'CloudFormation would create the custom resource of the new logical id (applying the setting), then delete the ' +
    'old one, whose Delete sets the worker access limits back to Disabled: the team would end up without them.',
};
const PINNED_TYPES: Record<string, PinnedType> = {
  'AWS::SageMaker::Workteam': WORKTEAM,
  'AWS::SageMaker::Workforce': WORKFORCE,
  'AWS::SNS::TopicPolicy': TOPIC_POLICY,
  'Custom::SageMakerWorkteamWorkerAccess': WORKER_ACCESS,
};

afterAll(cleanUpSyntheses);

/**
 * The pins of a stack: every work team, workforce and worker access custom resource, and the policies of the
 * topics that notify a work team.
 */
function pinsOfStack(stack: AssemblyStack): Record<string, Pin> {
  const resources = stack.template.Resources ?? {};
  const notificationTopics = new Set(
    Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::SageMaker::Workteam')
      .map((resource) => resource.Properties?.NotificationConfiguration as { NotificationTopicArn?: unknown } | undefined)
      .map((notification) => JSON.stringify(notification?.NotificationTopicArn))
      .filter((topic) => topic !== undefined),
  );
  const pins: Record<string, Pin> = {};
  for (const [logicalId, resource] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
    const pinnedType = PINNED_TYPES[resource.Type];
    if (!pinnedType) {
      continue;
    }
    if (pinnedType === TOPIC_POLICY) {
      const topics = (resource.Properties?.Topics as unknown[] | undefined) ?? [];
      if (!topics.some((topic) => notificationTopics.has(JSON.stringify(topic)))) {
        continue;
      }
    }
    pins[logicalId] = {
      type: resource.Type,
      path: stack.pathOfLogicalId.get(logicalId) ?? '(unknown)',
      ...(pinnedType.nameProperty ? { name: resource.Properties?.[pinnedType.nameProperty] } : {}),
    };
  }
  return pins;
}

/** The pins of an app, synthesized now, by stack. */
function pinsOfApp(appFile: string): Record<string, Record<string, Pin>> {
  const pins: Record<string, Record<string, Pin>> = {};
  for (const stack of assemblyStacks(synthApp(appFile, { validate: false }))) {
    const stackPins = pinsOfStack(stack);
    if (Object.keys(stackPins).length > 0) {
      pins[stack.artifactId] = stackPins;
    }
  }
  return pins;
}

function readPins(): Pins {
  return fs.existsSync(PINNED_FILE) ? (readJson(PINNED_FILE) as { apps: Pins }).apps : {};
}

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

  if (UPDATE) {
    test('rewrite test/stability/pinned-ids.json', () => {
      const pins: Pins = {};
      for (const app of apps) {
        pins[repoRelative(app)] = pinsOfApp(app);
      }
      const content = {
        '//': [
          'Logical ids and names that deployed stacks depend on: a change makes CloudFormation replace the resource.',
          'Checked by test/stability.test.ts; rewrite only to accept a replacement deliberately: npx projen stability:update',
        ],
        'apps': pins,
      };
      fs.mkdirSync(path.dirname(PINNED_FILE), { recursive: true });
      fs.writeFileSync(PINNED_FILE, `${JSON.stringify(content, undefined, 2)}\n`);
    });
    return;
  }

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
