/*
 * The handler of a work team's worker access configuration (worker-access-setting.ts): SageMaker's
 * UpdateWorkteam with `WorkerAccessConfiguration`, which AWS::SageMaker::Workteam does not take. Its resource's
 * properties carry the team's own CloudFormation properties: whenever CloudFormation updates the team, the
 * resource is updated too and the setting is applied again.
 */
import { EnabledOrDisabled, SageMakerClient, UpdateWorkteamCommand, UpdateWorkteamCommandInput } from '@aws-sdk/client-sagemaker';
import { LibraryResourceEvent, LibraryResourceResponse } from './provider-protocol';

/** The IamPolicyConstraints of UpdateWorkteam, each `Enabled` or `Disabled`. */
export interface IamPolicyConstraints {
  readonly SourceIp?: EnabledOrDisabled;
  readonly VpcSourceIp?: EnabledOrDisabled;
}

/** The properties of the custom resource, as CloudFormation sends them. */
export interface WorkerAccessProperties {
  readonly WorkteamName: string;
  /** The conditions to set: only those the user gave. */
  readonly IamPolicyConstraints: IamPolicyConstraints;
  /** The team's own CloudFormation properties (AWS::SageMaker::Workteam): for their changes only. */
  readonly Workteam?: Record<string, unknown>;
}

/** Errors of UpdateWorkteam that mean, on Delete, that the team is gone (SageMaker answers ValidationException). */
const GONE_ERRORS = ['ResourceNotFound', 'ValidationException'];

let sagemaker: SageMakerClient | undefined;

export async function onWorkerAccessEvent(event: LibraryResourceEvent<WorkerAccessProperties>): Promise<LibraryResourceResponse> {
  const props = event.ResourceProperties;
  sagemaker ??= new SageMakerClient({});
  const constraints = props.IamPolicyConstraints ?? {};
  if (event.RequestType === 'Delete') {
    // The setting is removed: its conditions go back to disabled. The team may be gone already, with the setting.
    try {
      await update(props.WorkteamName, disabled(constraints));
    } catch (error) {
      if (!GONE_ERRORS.includes((error as Error).name)) {
        throw error;
      }
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const old = event.OldResourceProperties;
  // A condition given before and no longer given goes back to disabled.
  const dropped = old && old.WorkteamName === props.WorkteamName
    ? disabled(Object.fromEntries(Object.entries(old.IamPolicyConstraints ?? {}).filter(([name]) => !(name in constraints))))
    : {};
  await update(props.WorkteamName, { ...dropped, ...constraints });
  return { PhysicalResourceId: props.WorkteamName };
}

async function update(workteamName: string, constraints: IamPolicyConstraints): Promise<void> {
  try {
    await sagemaker!.send(new UpdateWorkteamCommand(updateWorkteamRequestOf(workteamName, constraints)));
  } catch (error) {
    const failure = new Error(`could not set the worker access configuration of the work team ${workteamName}: ${(error as Error).name}: ${(error as Error).message}`);
    failure.name = (error as Error).name;
    throw failure;
  }
}

/**
 * The UpdateWorkteam request: the team's name and its worker access, nothing else, so that SageMaker keeps the
 * team's other settings (UpdateWorkteam changes only the members it is given).
 */
export function updateWorkteamRequestOf(workteamName: string, constraints: IamPolicyConstraints): UpdateWorkteamCommandInput {
  return { WorkteamName: workteamName, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: constraints } } };
}

/** The same conditions, disabled. */
export function disabled(constraints: IamPolicyConstraints): IamPolicyConstraints {
  return Object.fromEntries(Object.keys(constraints).map((name) => [name, 'Disabled' as EnabledOrDisabled]));
}
