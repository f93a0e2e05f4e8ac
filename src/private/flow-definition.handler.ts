/*
 * The handler of the custom resource `Custom::SageMakerFlowDefinition`: a SageMaker flow definition (Amazon
 * Augmented AI human review workflow, or the human workflow of a Bedrock model evaluation). CloudFormation has no
 * type for it and SageMaker no update call, so:
 *
 * - Create: CreateFlowDefinition, then DescribeFlowDefinition until it is `Active` (a `Failed` one fails with its
 *   FailureReason). SageMaker checks that it may assume the role when it creates the flow definition: a role made
 *   in the same deployment may not have propagated yet, so a ValidationException is retried for a while, as
 *   Terraform's aws_sagemaker_flow_definition does.
 * - Update: a change of the tags only is made in place (ListTags, then DeleteTags and AddTags), as CloudFormation
 *   updates the tags of its own resources. A change of any other property creates a new flow definition under a new
 *   name and returns it as the new physical id; CloudFormation then deletes the old one. Without a name from the
 *   user, the construct gives two names known at synth (`<prefix>-a` and `<prefix>-b`, so that the handler's policy names exactly these two ARNs): a
 *   change creates the flow definition under the one that the old physical id is not, and CloudFormation deletes the
 *   old one; a rollback is the same kind of update back. The target name may still hold a flow definition: the one a
 *   rollback returns to (it has the old properties: it is taken as it is) or one an earlier, failed attempt left
 *   (it is deleted first). A name the user fixed cannot be reused while the old flow definition exists: such a
 *   change fails, saying so, as CloudFormation does for a custom-named resource that needs replacement.
 * - Delete: DeleteFlowDefinition, then DescribeFlowDefinition until it is gone; one that is already gone is no error.
 *
 * It runs on the AWS SDK for JavaScript v3 of Lambda's Node.js runtime, called by the library's provider.
 */
import { isDeepStrictEqual } from 'util';
import {
  AddTagsCommand,
  CreateFlowDefinitionCommandInput,
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DeleteTagsCommand,
  DescribeFlowDefinitionCommand,
  DescribeFlowDefinitionCommandOutput,
  ListTagsCommand,
  SageMakerClient,
  Tag,
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
 * except that every number arrives as a string, and the name is given or one of two alternate names.
 */
export interface FlowDefinitionProperties {
  /** The name the user gave; without it, one of `AlternateNames`. */
  readonly FlowDefinitionName?: string;
  /**
   * Without `FlowDefinitionName`, the two names the flow definition takes in turn (from the construct path), the
   * first on create: an update creates the new flow definition under the one the old physical id is not.
   */
  readonly AlternateNames?: string[];
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

  if (event.RequestType === 'Create') {
    return respond(await createFlowDefinition(sagemaker, createRequest(props, targetName(props)), props.FlowDefinitionName === undefined));
  }
  const oldName = event.PhysicalResourceId!;
  const oldRequest = createRequest(event.OldResourceProperties!, oldName);
  const keepsName = props.FlowDefinitionName === undefined ? props.AlternateNames?.includes(oldName) : props.FlowDefinitionName === oldName;
  if (keepsName && isDeepStrictEqual(withoutTags(oldRequest), withoutTags(createRequest(props, oldName)))) {
    const description = await describe(sagemaker, oldName);
    if (!sameTags(oldRequest.Tags, props.Tags)) {
      await applyTags(sagemaker, description.FlowDefinitionArn!, props.Tags);
    }
    return respond(description);
  }
  const name = targetName(props, oldName);
  if (name === oldName) {
    throw new Error(
      `the flow definition '${oldName}' has a fixed name (flowDefinitionName), and SageMaker cannot update a flow definition: ` +
        `the change of ${changedMembers(withoutTags(oldRequest), withoutTags(createRequest(props, oldName))).join(', ')} needs a new flow definition under another name. ` +
        'Give another flowDefinitionName, or leave it out to have the flow definition take two generated names in turn',
    );
  }
  return respond(await createFlowDefinition(sagemaker, createRequest(props, name), props.FlowDefinitionName === undefined));
}

/**
 * The name of the flow definition to create: the fixed name; else the first alternate name on create, and on update
 * the alternate name that the old physical id is not.
 */
export function targetName(props: FlowDefinitionProperties, oldName?: string): string {
  if (props.FlowDefinitionName !== undefined) {
    return props.FlowDefinitionName;
  }
  const names = props.AlternateNames;
  if (names?.length !== 2 || names[0] === names[1]) {
    throw new Error(`the flow definition needs a FlowDefinitionName or two different AlternateNames, got ${JSON.stringify(props.AlternateNames)}`);
  }
  return oldName === names[0] ? names[1] : names[0];
}

/** The CreateFlowDefinition request of the properties under the given name, numbers made numbers again. */
export function createRequest(props: FlowDefinitionProperties, name: string): CreateFlowDefinitionCommandInput {
  const loop = props.HumanLoopConfig;
  const request: CreateFlowDefinitionCommandInput = {
    FlowDefinitionName: name,
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
  return withoutUndefined(request);
}

/** The request without its tags: what DescribeFlowDefinition shows, and what a new flow definition is needed for. */
function withoutTags(request: CreateFlowDefinitionCommandInput): CreateFlowDefinitionCommandInput {
  const { Tags: _tags, ...rest } = request;
  return rest;
}

/**
 * Whether the description shows the request (DescribeFlowDefinition returns every member but the tags). Neither holds
 * an undefined member (createRequest and the SDK's deserializer leave them out); the order of members does not count.
 */
function describes(description: DescribeFlowDefinitionCommandOutput, request: CreateFlowDefinitionCommandInput): boolean {
  const shown = withoutUndefined({
    FlowDefinitionName: description.FlowDefinitionName,
    RoleArn: description.RoleArn,
    OutputConfig: description.OutputConfig,
    HumanLoopConfig: description.HumanLoopConfig,
    HumanLoopRequestSource: description.HumanLoopRequestSource,
    HumanLoopActivationConfig: description.HumanLoopActivationConfig,
  });
  return isDeepStrictEqual(shown, withoutTags(request));
}

/** Whether two lists hold the same tags, in any order. */
function sameTags(a: readonly Tag[] = [], b: readonly Tag[] = []): boolean {
  const byKey = (tags: readonly Tag[]) => Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
  return isDeepStrictEqual(byKey(a), byKey(b));
}

/** The top-level request members that differ, for the message of a change a fixed name cannot take. */
function changedMembers(a: CreateFlowDefinitionCommandInput, b: CreateFlowDefinitionCommandInput): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const [before, after] = [a, b] as unknown as Record<string, unknown>[];
  return keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
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
 * Creates the flow definition and waits until it is active. A flow definition of that name may exist already: one
 * that is active or initializing with the same properties as far as DescribeFlowDefinition shows them (all but the
 * tags) is taken, once active, with the request's tags (a rollback returns to the flow definition CloudFormation has
 * not deleted yet); any other one (an earlier, failed attempt) is deleted first. Only for the alternate names, which
 * the construct path makes this resource's own: a fixed name that is taken fails (ResourceInUse), as it may be
 * anybody's flow definition.
 */
async function createFlowDefinition(
  client: SageMakerClient,
  request: CreateFlowDefinitionCommandInput,
  alternateName: boolean,
): Promise<DescribeFlowDefinitionCommandOutput> {
  const name = request.FlowDefinitionName!;
  const existing = alternateName ? await tryDescribe(client, name) : undefined;
  if (existing) {
    if (existing.FlowDefinitionStatus !== 'Deleting' && existing.FlowDefinitionStatus !== 'Failed' && describes(existing, request)) {
      const active = await waitForActive(client, name);
      await applyTags(client, active.FlowDefinitionArn!, request.Tags);
      return active;
    }
    await deleteFlowDefinition(client, name);
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

/**
 * Gives the flow definition exactly the tags given: DeleteTags for the keys it has and should not, AddTags for the
 * missing and changed ones. Keys under `aws:` belong to AWS and are left alone.
 */
async function applyTags(client: SageMakerClient, arn: string, tags: readonly Tag[] = []): Promise<void> {
  const current = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListTagsCommand({ ResourceArn: arn, NextToken: nextToken }));
    for (const tag of page.Tags ?? []) {
      current.set(tag.Key!, tag.Value ?? '');
    }
    nextToken = page.NextToken;
  } while (nextToken);
  const wanted = new Set(tags.map((tag) => tag.Key));
  const removed = [...current.keys()].filter((key) => !wanted.has(key) && !key.startsWith('aws:'));
  const added = tags.filter((tag) => current.get(tag.Key!) !== tag.Value);
  if (removed.length > 0) {
    await client.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: removed }));
  }
  if (added.length > 0) {
    await client.send(new AddTagsCommand({ ResourceArn: arn, Tags: [...added] }));
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

/** The name of an error the SDK client threw (an Error, as every error it throws is). */
function errorName(error: unknown): string | undefined {
  return (error as { name?: string }).name;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
