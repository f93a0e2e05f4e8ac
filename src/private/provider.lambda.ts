/*
 * The one Lambda handler of the library's custom resources (src/private/provider.ts): it dispatches each event of
 * aws-cdk-lib's provider framework, by its `ResourceType`, to the handler module of that concern. A module joins by
 * one line in HANDLERS. It runs on the AWS SDK for JavaScript v3 of Lambda's Node.js runtime; the framework reports
 * a thrown error to CloudFormation.
 */
import { onFlowDefinitionEvent } from './flow-definition.handler';
import { LibraryResourceEvent, LibraryResourceHandler, LibraryResourceResponse, RESOURCE_TYPES } from './provider-protocol';
import { onWorkerAccessEvent } from './worker-access.handler';
import { onWorkerPortalUrlsEvent } from './worker-portal-urls.handler';

/** The handler of each resource type. */
export const HANDLERS: Readonly<Record<string, LibraryResourceHandler>> = {
  [RESOURCE_TYPES.WORKER_PORTAL_URLS]: onWorkerPortalUrlsEvent,
  [RESOURCE_TYPES.WORKER_ACCESS]: onWorkerAccessEvent,
  [RESOURCE_TYPES.FLOW_DEFINITION]: onFlowDefinitionEvent,
};

export async function handler(event: LibraryResourceEvent): Promise<LibraryResourceResponse> {
  const handle = HANDLERS[event.ResourceType];
  if (handle) {
    return handle(event);
  }
  if (event.RequestType === 'Delete') {
    // A resource of a type a later release dropped: nothing of it is ours to undo, and a stack deletion must not fail.
    console.log(`no handler for ${event.ResourceType}: its Delete is a no-op`);
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  throw new Error(`cdk-sagemaker-workteam: no handler for the custom resource type ${event.ResourceType} (known: ${Object.keys(HANDLERS).join(', ')})`);
}
