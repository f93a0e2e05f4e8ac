import { LibraryResourceEvent, RESOURCE_TYPES } from '../../src/private/provider-protocol';
import { onWorkerAccessEvent, WorkerAccessProperties } from '../../src/private/worker-access.handler';
import { loadSageMakerModel, requestProblems } from '../deploy-truth/api-model';
import { useLocalAws, WireRequest } from '../moto';

/*
 * The worker-access handler through the real AWS SDK v3 SageMaker client and its HTTP serializer, against a local
 * endpoint on 127.0.0.1. moto (5.2.6) does not implement work teams: the endpoint records each request and answers
 * as SageMaker does, and every request on the wire is checked against the SageMaker API model (botocore).
 */
const aws = useLocalAws();
const model = loadSageMakerModel();
const TEAM = 'labelers';

/** SageMaker's answers: the team exists (`teams`), or UpdateWorkteam fails with ValidationException as for a missing team. */
function sageMakerWith(teams: string[], failure?: { status: number; type: string }) {
  aws.answer('SageMaker.', (request: WireRequest) => {
    if (failure) {
      return { status: failure.status, body: { __type: failure.type, message: `${failure.type} happened` } };
    }
    return teams.includes(request.body.WorkteamName)
      ? { status: 200, body: { Workteam: { WorkteamName: request.body.WorkteamName, WorkteamArn: `arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/${request.body.WorkteamName}` } } }
      : { status: 400, body: { __type: 'ValidationException', message: `Workteam ${request.body.WorkteamName} does not exist` } };
  });
}

function event(requestType: 'Create' | 'Update' | 'Delete', props: WorkerAccessProperties, old?: WorkerAccessProperties): LibraryResourceEvent<WorkerAccessProperties> {
  return {
    RequestType: requestType,
    ResourceType: RESOURCE_TYPES.WORKER_ACCESS,
    LogicalResourceId: 'TeamWorkerAccessConfiguration',
    PhysicalResourceId: requestType === 'Create' ? undefined : (old ?? props).WorkteamName,
    ResourceProperties: props,
    OldResourceProperties: old,
  };
}

const props = (constraints: WorkerAccessProperties['IamPolicyConstraints'], name = TEAM): WorkerAccessProperties => ({
  WorkteamName: name,
  IamPolicyConstraints: constraints,
  Workteam: { Description: 'Labels images', WorkteamName: name },
});

function updates() {
  const sent = aws.requestsOf('UpdateWorkteam');
  for (const request of sent) {
    expect(requestProblems(model, 'UpdateWorkteam', request)).toEqual([]);
  }
  return sent;
}

beforeEach(async () => {
  await aws.reset();
});

test('Create sends UpdateWorkteam with the team name and the conditions given, nothing else', async () => {
  sageMakerWith([TEAM]);

  await expect(onWorkerAccessEvent(event('Create', props({ SourceIp: 'Enabled' })))).resolves.toEqual({ PhysicalResourceId: TEAM });

  expect(aws.requests.map((request) => request.target)).toEqual(['SageMaker.UpdateWorkteam']);
  expect(updates()).toEqual([{ WorkteamName: TEAM, WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: 'Enabled' } } } }]);
});

test('a repeated Create sends the same request again (UpdateWorkteam is idempotent)', async () => {
  sageMakerWith([TEAM]);

  await onWorkerAccessEvent(event('Create', props({ SourceIp: 'Enabled' })));
  await onWorkerAccessEvent(event('Create', props({ SourceIp: 'Enabled' })));

  expect(updates()).toHaveLength(2);
  expect(updates()[1]).toEqual(updates()[0]);
});

test("Update after a change of the team's properties applies the setting again; a condition no longer given goes back to disabled", async () => {
  sageMakerWith([TEAM]);

  await onWorkerAccessEvent(event('Update', { ...props({ SourceIp: 'Enabled' }), Workteam: { Description: 'new' } }, props({ SourceIp: 'Enabled' })));
  await onWorkerAccessEvent(event('Update', props({ VpcSourceIp: 'Enabled' }), props({ SourceIp: 'Enabled' })));

  expect(updates().map((request) => request.WorkerAccessConfiguration.S3Presign.IamPolicyConstraints)).toEqual([
    { SourceIp: 'Enabled' },
    { SourceIp: 'Disabled', VpcSourceIp: 'Enabled' },
  ]);
});

test('Update to a replaced team (a new name) applies the setting to the new team and returns its name, so CloudFormation deletes the old', async () => {
  sageMakerWith(['labelers-v2']);

  await expect(onWorkerAccessEvent(event('Update', props({ SourceIp: 'Enabled' }, 'labelers-v2'), props({ SourceIp: 'Enabled' })))).resolves.toEqual({
    PhysicalResourceId: 'labelers-v2',
  });
  // The cleanup Delete of the old one: the old team is gone, which is no error.
  await expect(onWorkerAccessEvent(event('Delete', props({ SourceIp: 'Enabled' })))).resolves.toEqual({ PhysicalResourceId: TEAM });

  expect(updates().map((request) => request.WorkteamName)).toEqual(['labelers-v2', TEAM]);
  expect(updates()[0].WorkerAccessConfiguration.S3Presign.IamPolicyConstraints).toEqual({ SourceIp: 'Enabled' });
});

test('Delete turns the conditions off', async () => {
  sageMakerWith([TEAM]);

  await expect(onWorkerAccessEvent(event('Delete', props({ SourceIp: 'Enabled', VpcSourceIp: 'Disabled' })))).resolves.toEqual({ PhysicalResourceId: TEAM });

  expect(updates()[0].WorkerAccessConfiguration.S3Presign.IamPolicyConstraints).toEqual({ SourceIp: 'Disabled', VpcSourceIp: 'Disabled' });
});

test('Delete succeeds when the team was deleted out of band or with the stack', async () => {
  sageMakerWith([]);

  await expect(onWorkerAccessEvent(event('Delete', props({ SourceIp: 'Enabled' })))).resolves.toEqual({ PhysicalResourceId: TEAM });
});

test('fails Create for a team that does not exist, and Delete on an error other than a missing team, naming the team', async () => {
  sageMakerWith([]);
  await expect(onWorkerAccessEvent(event('Create', props({ SourceIp: 'Enabled' })))).rejects.toThrow(
    'could not set the worker access configuration of the work team labelers: ValidationException: Workteam labelers does not exist',
  );

  await aws.reset();
  sageMakerWith([TEAM], { status: 400, type: 'AccessDeniedException' });
  await expect(onWorkerAccessEvent(event('Delete', props({ SourceIp: 'Enabled' })))).rejects.toThrow(/work team labelers: AccessDeniedException/);
});
