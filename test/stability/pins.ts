import * as fs from 'fs';
import * as path from 'path';
import { AssemblyStack, assemblyStacks, readJson, repoRelative, synthApp } from '../integ-apps';

/*
 * The logical ids and names of the work teams and workforces of the example app and of every integration app, and
 * of the resources around them whose replacement breaks them, pinned in test/stability/pinned-ids.json:
 * test/stability.test.ts checks them, test/update-pinned-ids.ts (`npx projen stability:update`) rewrites the file.
 */

export const PINNED_FILE = path.join(__dirname, 'pinned-ids.json');
export const ACCEPT =
  'If the replacement is intended (no labeling job or human review workflow runs on it, or a new one is wanted), ' +
  'accept it deliberately: run `npx projen stability:update`, which rewrites test/stability/pinned-ids.json, and ' +
  'commit that file with the change, saying so in the release notes.';

/** A pinned resource: its type, construct path and, for the named ones, its physical name. */
export interface Pin {
  readonly type: string;
  readonly path: string;
  readonly name?: unknown;
}
/** App file (relative to the repository) -> stack (artifact id) -> logical id -> pin. */
export type Pins = Record<string, Record<string, Record<string, Pin>>>;

export interface PinnedType {
  readonly what: string;
  readonly nameProperty?: string;
  /** What CloudFormation does when the logical id or the name changes. */
  readonly onReplace: string;
  /** What else happens when only the logical id changes. */
  readonly keptName?: string;
}

export const WORKTEAM: PinnedType = {
  what: 'work team',
  nameProperty: 'WorkteamName',
  onReplace:
    'CloudFormation would REPLACE the work team: it creates a new team (a new ARN) and deletes the old one, detaching ' +
    'it from the labeling jobs and human review workflows running on it.',
  keptName: 'Keeping the name does not help: the creation then fails, the old team holding the name.',
};
export const WORKFORCE: PinnedType = {
  what: 'workforce',
  nameProperty: 'WorkforceName',
  onReplace:
    'CloudFormation would REPLACE the private workforce: it creates a new one, then deletes the old one; SageMaker ' +
    'allows one workforce per account and region, so the creation fails while the old one exists. Were it to ' +
    'succeed, the worker portal URL would change and the work teams of the old workforce would lose it.',
};
export const TOPIC_POLICY: PinnedType = {
  what: 'notification topic policy',
  onReplace:
    'CloudFormation would create the topic policy of the new logical id, then delete the old one, and deleting an ' +
    'AWS::SNS::TopicPolicy can reset the policy of its topic: SageMaker could no longer publish worker notifications.',
};
export const WORKER_ACCESS: PinnedType = {
  what: 'worker access custom resource',
  onReplace:
    'CloudFormation would create the custom resource of the new logical id (applying the setting), then delete the ' +
    'old one, whose Delete sets the worker access limits back to Disabled: the team would end up without them.',
};
export const PINNED_TYPES: Record<string, PinnedType> = {
  'AWS::SageMaker::Workteam': WORKTEAM,
  'AWS::SageMaker::Workforce': WORKFORCE,
  'AWS::SNS::TopicPolicy': TOPIC_POLICY,
  'Custom::SageMakerWorkteamWorkerAccess': WORKER_ACCESS,
};

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
export function pinsOfApp(appFile: string): Record<string, Record<string, Pin>> {
  const pins: Record<string, Record<string, Pin>> = {};
  for (const stack of assemblyStacks(synthApp(appFile, { validate: false }))) {
    const stackPins = pinsOfStack(stack);
    if (Object.keys(stackPins).length > 0) {
      pins[stack.artifactId] = stackPins;
    }
  }
  return pins;
}

export function readPins(): Pins {
  return fs.existsSync(PINNED_FILE) ? (readJson(PINNED_FILE) as { apps: Pins }).apps : {};
}

/** Rewrites test/stability/pinned-ids.json with the pins of `apps`, synthesized now. */
export function writePins(apps: string[]): void {
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
}
