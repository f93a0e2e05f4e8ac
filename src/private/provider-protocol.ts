/*
 * What passes between the library's custom resources and their handler (src/private/provider.lambda.ts): the
 * resource types, the event aws-cdk-lib's provider framework sends and the response it expects. Shared by the
 * constructs (synth) and the handler modules (deploy), so it imports nothing.
 */

/** The CloudFormation types of the library's custom resources, each dispatched to its handler module. */
export const RESOURCE_TYPES = {
  /** The worker portal's URLs on its Cognito app client (worker-portal-urls.handler.ts). */
  WORKER_PORTAL_URLS: 'Custom::SageMakerWorkerPortalUrls',
  /** A work team's worker access configuration (worker-access.handler.ts). */
  WORKER_ACCESS: 'Custom::SageMakerWorkteamWorkerAccess',
  /** A SageMaker flow definition, which CloudFormation has no type for (flow-definition.handler.ts). */
  FLOW_DEFINITION: 'Custom::SageMakerFlowDefinition',
} as const;

/**
 * The event of aws-cdk-lib's provider framework (`custom-resources` OnEventRequest), as the handler receives it.
 * `ResourceProperties` are the resource's properties as CloudFormation resolved them: strings, lists and objects
 * of strings (CloudFormation turns numbers and booleans into strings), plus `ServiceToken`.
 */
export interface LibraryResourceEvent<P = Record<string, any>> {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  /** Absent on Create. */
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: P;
  /** The properties before the change, on Update only. */
  readonly OldResourceProperties?: P;
  readonly StackId?: string;
  readonly RequestId?: string;
}

/**
 * The handler's answer (`custom-resources` OnEventResponse). A `PhysicalResourceId` other than the event's, on
 * Update, makes CloudFormation send a Delete of the old one once the stack is updated (its cleanup).
 */
export interface LibraryResourceResponse {
  readonly PhysicalResourceId?: string;
  /** Attributes for `Fn::GetAtt`. */
  readonly Data?: Record<string, unknown>;
}

/** A handler module's entry point: `on<Concern>Event` in `src/private/<concern>.handler.ts`. */
export type LibraryResourceHandler<P = any> = (event: LibraryResourceEvent<P>) => Promise<LibraryResourceResponse>;
