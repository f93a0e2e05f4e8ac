/*
 * The handler of the custom resource `Custom::SageMakerFlowDefinition`: a SageMaker flow definition (Amazon
 * Augmented AI human review workflow, or the human workflow of a Bedrock model evaluation). CloudFormation has no
 * type for it and SageMaker no update call, so:
 *
 * - Create: CreateFlowDefinition, then DescribeFlowDefinition until it is `Active` (a `Failed` one fails with its
 *   FailureReason). SageMaker checks that it may assume the role when it creates the flow definition: a role made
 *   in the same deployment may not have propagated yet, so a ValidationException is retried for a while, as
 *   Terraform's aws_sagemaker_flow_definition does.
 * - Update: a change of any property creates a new flow definition under a new name and returns it as the new
 *   physical id; CloudFormation then deletes the old one. A generated name is a digest of the properties as
 *   CloudFormation resolved them, so that a replaced role or bucket (a new ARN or name behind the same template
 *   text) also gives a new name. A name the user fixed cannot be reused while the old flow definition exists: such a
 *   change fails, saying so.
 * - Delete: DeleteFlowDefinition, then DescribeFlowDefinition until it is gone; one that is already gone is no error.
 *
 * It runs on the AWS SDK for JavaScript v3 of Lambda's Node.js runtime, called by the library's provider.
 */
import { createHash } from 'crypto';
import {
  CreateFlowDefinitionCommandInput,
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  DescribeFlowDefinitionCommandOutput,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';

import { LibraryResourceEvent, LibraryResourceResponse, RESOURCE_TYPES } from './provider-protocol';

/** The CloudFormation type of the custom resource. */
export const FLOW_DEFINITION_RESOURCE_TYPE = RESOURCE_TYPES.FLOW_DEFINITION;

/** A tag, as CreateFlowDefinition takes it. */
export interface FlowDefinitionTag {
  readonly Key: string;
  readonly Value: string;
}

/**
 * The properties of the custom resource, as CloudFormation sends them: the members of CreateFlowDefinition's request,
 * except that every number arrives as a string, and the name is either given or generated here.
 */
export interface FlowDefinitionProperties {
  /** The name the user gave; without it the name is generated from `NamePrefix` and the other properties. */
  readonly FlowDefinitionName?: string;
  /** The beginning of a generated name (at most 54 characters, from the construct path). */
  readonly NamePrefix?: string;
  readonly RoleArn: string;
  readonly OutputConfig: { readonly S3OutputPath: string; readonly KmsKeyId?: string };
  readonly HumanLoopConfig: {
    readonly WorkteamArn: string;
    readonly HumanTaskUiArn: string;
    readonly TaskTitle: string;
    readonly TaskDescription: string;
    readonly TaskCount: number | string;
    readonly TaskAvailabilityLifetimeInSeconds?: number | string;
    readonly TaskTimeLimitInSeconds?: number | string;
    readonly TaskKeywords?: string[];
  };
  readonly HumanLoopRequestSource?: { readonly AwsManagedHumanLoopRequestSource: string };
  readonly HumanLoopActivationConfig?: { readonly HumanLoopActivationConditionsConfig: { readonly HumanLoopActivationConditions: string } };
  readonly Tags?: FlowDefinitionTag[];
}

/** The provider framework's event for a flow definition. */
export type FlowDefinitionEvent = LibraryResourceEvent<FlowDefinitionProperties>;

export interface FlowDefinitionResponse extends LibraryResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly FlowDefinitionArn: string; readonly FlowDefinitionName: string };
}

/** A flow definition's name: 1 to 63 lower-case ASCII letters, digits and hyphens (CreateFlowDefinition). */
const FLOW_DEFINITION_NAME = /^[a-z0-9](-*[a-z0-9]){0,62}$/;

/** How long and how often the handler waits: for a status, and for IAM to let SageMaker assume a new role. */
export const waitPolicy = {
  /** Between two DescribeFlowDefinition calls. */
  pollDelayMs: 3_000,
  /** For `Active` after a create, and for the end of a delete. */
  statusTimeoutMs: 8 * 60_000,
  /** Between two CreateFlowDefinition calls that failed with a ValidationException. */
  retryDelayMs: 5_000,
  /** How long a ValidationException is retried (Terraform: IAM's propagation time, 2 minutes). */
  retryTimeoutMs: 2 * 60_000,
};

let sagemaker: SageMakerClient | undefined;

export async function onFlowDefinitionEvent(event: FlowDefinitionEvent): Promise<FlowDefinitionResponse> {
  sagemaker ??= new SageMakerClient({});
  const props = event.ResourceProperties;

  if (event.RequestType === 'Delete') {
    await deleteFlowDefinition(sagemaker, event.PhysicalResourceId);
    return { PhysicalResourceId: event.PhysicalResourceId! };
  }

  const request = createRequest(props);
  if (event.RequestType === 'Update') {
    const old = event.OldResourceProperties!;
    const oldName = event.PhysicalResourceId!;
    if (request.FlowDefinitionName === oldName) {
      if (sameRequest(createRequest(old, oldName), request)) {
        return respond(await describe(sagemaker, oldName));
      }
      throw new Error(
        `the flow definition '${oldName}' has a fixed name (flowDefinitionName), and SageMaker cannot update a flow definition: ` +
          `the change of ${changedMembers(createRequest(old, oldName), request).join(', ')} needs a new flow definition under another name. ` +
          'Give another flowDefinitionName, or leave it out to have a name generated for every change',
      );
    }
  }
  return respond(await createFlowDefinition(sagemaker, request, props.FlowDefinitionName === undefined));
}

/**
 * The CreateFlowDefinition request of the properties: numbers made numbers again, and the name given or generated.
 *
 * @param name the name to use instead of the given or generated one
 */
export function createRequest(props: FlowDefinitionProperties, name?: string): CreateFlowDefinitionCommandInput {
  const loop = props.HumanLoopConfig;
  const request: CreateFlowDefinitionCommandInput = {
    FlowDefinitionName: '',
    RoleArn: props.RoleArn,
    OutputConfig: withoutUndefined({ S3OutputPath: props.OutputConfig.S3OutputPath, KmsKeyId: props.OutputConfig.KmsKeyId }),
    HumanLoopConfig: withoutUndefined({
      WorkteamArn: loop.WorkteamArn,
      HumanTaskUiArn: loop.HumanTaskUiArn,
      TaskTitle: loop.TaskTitle,
      TaskDescription: loop.TaskDescription,
      TaskCount: toNumber(loop.TaskCount),
      TaskAvailabilityLifetimeInSeconds: toNumber(loop.TaskAvailabilityLifetimeInSeconds),
      TaskTimeLimitInSeconds: toNumber(loop.TaskTimeLimitInSeconds),
      TaskKeywords: loop.TaskKeywords,
    }),
    HumanLoopRequestSource: props.HumanLoopRequestSource as CreateFlowDefinitionCommandInput['HumanLoopRequestSource'],
    HumanLoopActivationConfig: props.HumanLoopActivationConfig,
    Tags: props.Tags,
  };
  const withName = { ...withoutUndefined(request), FlowDefinitionName: name ?? props.FlowDefinitionName ?? generatedName(props.NamePrefix ?? 'flow', request) };
  return withName as CreateFlowDefinitionCommandInput;
}

/**
 * `<prefix>-<digest>`: the digest (8 hexadecimal digits of SHA-256) of the request without its name, with keys in a
 * fixed order, so that any change of a resolved value gives another name.
 */
export function generatedName(prefix: string, request: CreateFlowDefinitionCommandInput): string {
  const { FlowDefinitionName: _name, ...rest } = request;
  const digest = createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 8);
  return `${prefix.slice(0, 54)}-${digest}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameRequest(a: CreateFlowDefinitionCommandInput, b: CreateFlowDefinitionCommandInput): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The top-level request members that differ, for the message of a change a fixed name cannot take. */
function changedMembers(a: CreateFlowDefinitionCommandInput, b: CreateFlowDefinitionCommandInput): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const [before, after] = [a, b] as unknown as Record<string, unknown>[];
  return keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

function toNumber(value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function respond(description: DescribeFlowDefinitionCommandOutput): FlowDefinitionResponse {
  return {
    PhysicalResourceId: description.FlowDefinitionName!,
    Data: { FlowDefinitionArn: description.FlowDefinitionArn!, FlowDefinitionName: description.FlowDefinitionName! },
  };
}

/**
 * Creates the flow definition and waits until it is active. A flow definition of a generated name that exists
 * already has the same properties (its name is their digest): it is taken as it is, as after a rolled-back update
 * whose old flow definition CloudFormation has not deleted.
 */
async function createFlowDefinition(
  client: SageMakerClient,
  request: CreateFlowDefinitionCommandInput,
  generated: boolean,
): Promise<DescribeFlowDefinitionCommandOutput> {
  const name = request.FlowDefinitionName!;
  if (generated) {
    const existing = await tryDescribe(client, name);
    if (existing && existing.FlowDefinitionStatus !== 'Deleting' && existing.FlowDefinitionStatus !== 'Failed') {
      return waitForActive(client, name);
    }
    if (existing) {
      await deleteFlowDefinition(client, name);
    }
  }
  const deadline = Date.now() + waitPolicy.retryTimeoutMs;
  for (;;) {
    try {
      await client.send(new CreateFlowDefinitionCommand(request));
      break;
    } catch (error) {
      // SageMaker cannot assume a role IAM has not propagated yet, and says so with a ValidationException.
      if (errorName(error) !== 'ValidationException' || Date.now() + waitPolicy.retryDelayMs > deadline) {
        throw error;
      }
      await sleep(waitPolicy.retryDelayMs);
    }
  }
  return waitForActive(client, name);
}

async function waitForActive(client: SageMakerClient, name: string): Promise<DescribeFlowDefinitionCommandOutput> {
  const deadline = Date.now() + waitPolicy.statusTimeoutMs;
  for (;;) {
    const description = await describe(client, name);
    const status = description.FlowDefinitionStatus;
    if (status === 'Active') {
      return description;
    }
    if (status === 'Failed') {
      throw new Error(`the flow definition '${name}' failed: ${description.FailureReason ?? 'SageMaker gave no reason'}`);
    }
    if (Date.now() + waitPolicy.pollDelayMs > deadline) {
      throw new Error(`the flow definition '${name}' is still ${status} after ${waitPolicy.statusTimeoutMs / 1000} seconds`);
    }
    await sleep(waitPolicy.pollDelayMs);
  }
}

/** Deletes the flow definition and waits until it is gone. One that does not exist (or never did) is no error. */
async function deleteFlowDefinition(client: SageMakerClient, name: string | undefined): Promise<void> {
  // A create that failed leaves the provider's placeholder id, which may be no flow definition name at all.
  if (name === undefined || !FLOW_DEFINITION_NAME.test(name)) {
    return;
  }
  try {
    await client.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: name }));
  } catch (error) {
    if (errorName(error) === 'ResourceNotFound') {
      return;
    }
    throw error;
  }
  const deadline = Date.now() + waitPolicy.statusTimeoutMs;
  while (await tryDescribe(client, name)) {
    if (Date.now() + waitPolicy.pollDelayMs > deadline) {
      throw new Error(`the flow definition '${name}' is still being deleted after ${waitPolicy.statusTimeoutMs / 1000} seconds`);
    }
    await sleep(waitPolicy.pollDelayMs);
  }
}

async function describe(client: SageMakerClient, name: string): Promise<DescribeFlowDefinitionCommandOutput> {
  return client.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }));
}

async function tryDescribe(client: SageMakerClient, name: string): Promise<DescribeFlowDefinitionCommandOutput | undefined> {
  try {
    return await describe(client, name);
  } catch (error) {
    if (errorName(error) === 'ResourceNotFound') {
      return undefined;
    }
    throw error;
  }
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | undefined)?.name;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
