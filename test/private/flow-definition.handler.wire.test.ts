import {
  createRequest,
  FlowDefinitionEvent,
  FlowDefinitionProperties,
  onFlowDefinitionEvent,
  targetName,
  waitPolicy,
} from '../../src/private/flow-definition.handler';
import { handler } from '../../src/private/provider.lambda';
import { SageMakerApiServer } from '../sagemaker-api-server';

/*
 * The handler runs with the real SDK client (@aws-sdk/client-sagemaker) and its HTTP serializer against a local
 * endpoint that checks every request against the committed SageMaker API model (test/sagemaker-api-server.ts).
 */

let server: SageMakerApiServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await SageMakerApiServer.start();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SAGEMAKER: server.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
  });
  delete process.env.AWS_PROFILE;
  Object.assign(waitPolicy, { pollDelayMs: 1, retryDelayMs: 1, statusTimeoutMs: 2_000, retryTimeoutMs: 200 });
});

afterAll(async () => {
  await server.stop();
  process.env = savedEnv;
});

beforeEach(() => {
  server.calls.length = 0;
  server.rejected.length = 0;
  server.flowDefinitions.clear();
  server.scriptedErrors.clear();
  server.describesPerStatus = 1;
  server.failureReason = undefined;
  server.tags.clear();
  server.tagsPageSize = 50;
});

afterEach(() => {
  expect(server.rejected).toEqual([]);
});

/** What every event of the provider framework has. */
const BASE = { ResourceType: 'Custom::SageMakerFlowDefinition', LogicalResourceId: 'Flow' };

const ROLE_ARN = 'arn:aws:iam::123456789012:role/flow-role';
const TEAM_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/reviewers';
const NAME_A = 'stack-evaluation-1a2b3c4d-a';
const NAME_B = 'stack-evaluation-1a2b3c4d-b';
const BEDROCK_UI_ARN = 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/Evaluation';

/** Properties as CloudFormation sends them: numbers as strings. */
function properties(overrides: Partial<FlowDefinitionProperties> = {}): FlowDefinitionProperties {
  return {
    AlternateNames: [NAME_A, NAME_B],
    RoleArn: ROLE_ARN,
    OutputConfig: { S3OutputPath: 's3://results-bucket/evaluations/' },
    HumanLoopConfig: {
      WorkteamArn: TEAM_ARN,
      HumanTaskUiArn: BEDROCK_UI_ARN,
      TaskTitle: 'Rate the answers',
      TaskDescription: 'Compare the answers of two models',
      TaskCount: '1',
      TaskAvailabilityLifetimeInSeconds: '864000',
      TaskTimeLimitInSeconds: '3600',
      TaskKeywords: ['evaluation', 'rating'],
    },
    HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: 'AWS/Bedrock/Evaluation' },
    Tags: [{ Key: 'team', Value: 'ml' }],
    ...overrides,
  };
}

function create(props: FlowDefinitionProperties = properties()): FlowDefinitionEvent {
  return { ...BASE, RequestType: 'Create', ResourceProperties: props };
}

function update(physicalId: string, props: FlowDefinitionProperties, oldProps: FlowDefinitionProperties = properties()): FlowDefinitionEvent {
  return { ...BASE, RequestType: 'Update', PhysicalResourceId: physicalId, ResourceProperties: props, OldResourceProperties: oldProps };
}

const ROLE_2 = 'arn:aws:iam::123456789012:role/flow-role-2';

/** Runs `action` with other delays and timeouts of the handler, then sets back those of these tests. */
async function withWaitPolicy<T>(policy: Partial<typeof waitPolicy>, action: () => Promise<T>): Promise<T> {
  const saved = { ...waitPolicy };
  Object.assign(waitPolicy, policy);
  try {
    return await action();
  } finally {
    Object.assign(waitPolicy, saved);
  }
}

/** The leftover under the first alternate name was deleted first, then the flow definition created there and active. */
function expectLeftoverReplaced(response: { PhysicalResourceId: string }): void {
  expect(response.PhysicalResourceId).toBe(NAME_A);
  expect(server.calls.map((call) => call.operation).slice(0, 2)).toEqual(['DescribeFlowDefinition', 'DeleteFlowDefinition']);
  expect(server.callsOf('CreateFlowDefinition').map((call) => call.error)).toEqual([undefined]);
  expect(server.flowDefinitions.get(NAME_A)?.status).toBe('Active');
}

describe('create', () => {
  test('sends CreateFlowDefinition with numbers as numbers under the first alternate name, waits for Active and returns the ARN', async () => {
    const props = properties();
    server.describesPerStatus = 2;

    const response = await onFlowDefinitionEvent(create(props));

    const name = NAME_A;
    expect(response).toEqual({
      PhysicalResourceId: name,
      Data: { FlowDefinitionName: name, FlowDefinitionArn: `arn:aws:sagemaker:us-east-1:123456789012:flow-definition/${name}` },
    });
    expect(server.callsOf('CreateFlowDefinition').map((call) => call.input)).toEqual([
      {
        FlowDefinitionName: name,
        RoleArn: ROLE_ARN,
        OutputConfig: { S3OutputPath: 's3://results-bucket/evaluations/' },
        HumanLoopConfig: {
          WorkteamArn: TEAM_ARN,
          HumanTaskUiArn: BEDROCK_UI_ARN,
          TaskTitle: 'Rate the answers',
          TaskDescription: 'Compare the answers of two models',
          TaskCount: 1,
          TaskAvailabilityLifetimeInSeconds: 864000,
          TaskTimeLimitInSeconds: 3600,
          TaskKeywords: ['evaluation', 'rating'],
        },
        HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: 'AWS/Bedrock/Evaluation' },
        Tags: [{ Key: 'team', Value: 'ml' }],
      },
    ]);
    // None of that name yet; then Initializing twice, then Active.
    expect(server.calls.map((call) => [call.operation, call.error])).toEqual([
      ['DescribeFlowDefinition', 'ResourceNotFound'],
      ['CreateFlowDefinition', undefined],
      ['DescribeFlowDefinition', undefined],
      ['DescribeFlowDefinition', undefined],
      ['DescribeFlowDefinition', undefined],
    ]);
    expect(server.flowDefinitions.get(name)?.status).toBe('Active');
  });

  test('sends the activation conditions and the KMS key, and a fixed name as given', async () => {
    const conditions = JSON.stringify({ Conditions: [{ ConditionType: 'Sampling', ConditionParameters: { RandomSamplingPercentage: 5 } }] });
    const props = properties({
      FlowDefinitionName: 'moderation-review',
      AlternateNames: undefined,
      OutputConfig: { S3OutputPath: 's3://results-bucket/', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: 'AWS/Rekognition/DetectModerationLabels/Image/V3' },
      HumanLoopActivationConfig: { HumanLoopActivationConditionsConfig: { HumanLoopActivationConditions: conditions } },
      Tags: undefined,
    });

    const response = await onFlowDefinitionEvent(create(props));

    expect(response.PhysicalResourceId).toBe('moderation-review');
    const input = server.callsOf('CreateFlowDefinition')[0].input;
    expect(input.OutputConfig.KmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(input.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions).toBe(conditions);
    expect(input.Tags).toBeUndefined();
  });

  test('retries a ValidationException while IAM propagates the role, then succeeds', async () => {
    const error = { type: 'ValidationException', message: 'Could not assume role arn:aws:iam::123456789012:role/flow-role' };
    server.failNext('CreateFlowDefinition', error, error);

    const response = await onFlowDefinitionEvent(create());

    expect(server.callsOf('CreateFlowDefinition').map((call) => call.error)).toEqual(['ValidationException', 'ValidationException', undefined]);
    expect(server.flowDefinitions.get(response.PhysicalResourceId)?.status).toBe('Active');
  });

  test('fails with the ValidationException once the retries run out', async () => {
    const error = { type: 'ValidationException', message: 'Could not assume role' };
    server.failNext('CreateFlowDefinition', ...Array.from({ length: 1000 }, () => error));

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/Could not assume role/);
  });

  test('waits between retries and makes no attempt it could not wait for before the deadline', async () => {
    const error = { type: 'ValidationException', message: 'Could not assume role' };
    server.failNext('CreateFlowDefinition', ...Array.from({ length: 1000 }, () => error));

    // Attempts at about 0 and 300 ms; a third, after another 300 ms, would pass the deadline of 500 ms.
    await withWaitPolicy({ retryDelayMs: 300, retryTimeoutMs: 500 }, () => expect(onFlowDefinitionEvent(create())).rejects.toThrow(/Could not assume role/));

    expect(server.callsOf('CreateFlowDefinition')).toHaveLength(2);
  });

  test('does not retry other errors', async () => {
    server.failNext('CreateFlowDefinition', { type: 'ResourceLimitExceeded', message: 'too many flow definitions' });

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/too many flow definitions/);
    expect(server.callsOf('CreateFlowDefinition')).toHaveLength(1);
  });

  test('fails with the failure reason of a flow definition that ends Failed', async () => {
    server.failureReason = 'The work team does not exist';

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/the flow definition 'stack-evaluation-1a2b3c4d-a' failed: The work team does not exist/);
  });

  test('fails saying so when SageMaker gives no reason for a Failed flow definition', async () => {
    server.failureReason = '';

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow("the flow definition 'stack-evaluation-1a2b3c4d-a' failed: SageMaker gave no reason");
  });

  test('polls the status at its delay until the deadline, and no longer', async () => {
    server.describesPerStatus = 1_000_000;

    // Polls at about 0 and 300 ms; a third, after another 300 ms, would pass the deadline of 500 ms.
    await withWaitPolicy({ pollDelayMs: 300, statusTimeoutMs: 500 }, () => expect(onFlowDefinitionEvent(create())).rejects.toThrow(
      "the flow definition 'stack-evaluation-1a2b3c4d-a' is still Initializing after 0.5 seconds",
    ));

    // One DescribeFlowDefinition to see whether the name is taken, then the two polls.
    expect(server.callsOf('DescribeFlowDefinition')).toHaveLength(3);
  });

  test('fails when it cannot tell whether the name is taken, and creates nothing', async () => {
    server.failNext('DescribeFlowDefinition', { type: 'AccessDeniedException', message: 'not allowed to describe flow definitions' });

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/not allowed to describe flow definitions/);
    expect(server.callsOf('CreateFlowDefinition')).toEqual([]);
  });

  test('fails when the flow definition is not active in time', async () => {
    server.describesPerStatus = 1_000_000;

    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/is still Initializing after 2 seconds/);
  });

  test('deletes a flow definition an earlier, failed attempt left under the name, then creates it', async () => {
    server.failureReason = 'The work team does not exist';
    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/failed/);
    server.failureReason = undefined;
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent(create());

    expectLeftoverReplaced(response);
  });

  test('deletes a leftover of other properties, even an active one', async () => {
    await onFlowDefinitionEvent(create(properties({ RoleArn: ROLE_2 })));
    server.calls.length = 0;

    await onFlowDefinitionEvent(create());

    expect(server.callsOf('DeleteFlowDefinition')).toHaveLength(1);
    expect(server.flowDefinitions.get(NAME_A)?.request.RoleArn).toBe(ROLE_ARN);
  });

  test('waits for a leftover of the same properties that is still initializing, and takes it', async () => {
    server.describesPerStatus = 1_000_000;
    await expect(onFlowDefinitionEvent(create())).rejects.toThrow(/is still Initializing/);
    server.flowDefinitions.get(NAME_A)!.describesLeft = 1;
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent(create());

    expect(response.PhysicalResourceId).toBe(NAME_A);
    expect(server.callsOf('CreateFlowDefinition')).toEqual([]);
    expect(server.callsOf('DeleteFlowDefinition')).toEqual([]);
  });

  test('deletes a leftover that is being deleted or failed, whatever its properties, then creates it', async () => {
    await onFlowDefinitionEvent(create());
    server.flowDefinitions.get(NAME_A)!.status = 'Failed';
    server.calls.length = 0;

    await onFlowDefinitionEvent(create());

    expect(server.calls.map((call) => [call.operation, call.error]).slice(0, 2)).toEqual([['DescribeFlowDefinition', undefined], ['DeleteFlowDefinition', undefined]]);
    expect(server.callsOf('CreateFlowDefinition')).toHaveLength(1);
  });

  test('deletes a leftover of the same properties that is being deleted, then creates it', async () => {
    await onFlowDefinitionEvent(create());
    Object.assign(server.flowDefinitions.get(NAME_A)!, { status: 'Deleting', describesLeft: 1 });
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent(create());

    expectLeftoverReplaced(response);
  });

  test('fails for a fixed name that is taken', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })));

    await expect(onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })))).rejects.toThrow(/already exists/);
  });
});

describe('alternate names', () => {
  test('the first on create, on update the one the old physical id is not', () => {
    expect(targetName(properties())).toBe(NAME_A);
    expect(targetName(properties(), NAME_A)).toBe(NAME_B);
    expect(targetName(properties(), NAME_B)).toBe(NAME_A);
    // From a fixed name or a placeholder id.
    expect(targetName(properties(), 'review')).toBe(NAME_A);
    expect(targetName(properties({ FlowDefinitionName: 'review' }), NAME_A)).toBe('review');
  });

  test('fails without a fixed name or two different alternate names', () => {
    expect(() => targetName(properties({ AlternateNames: undefined }))).toThrow('the flow definition needs a FlowDefinitionName or two different AlternateNames, got undefined');
    expect(() => targetName(properties({ AlternateNames: [NAME_A, NAME_A] }))).toThrow(/two different AlternateNames, got \["stack-evaluation-1a2b3c4d-a","stack-evaluation-1a2b3c4d-a"\]/);
    expect(() => targetName(properties({ AlternateNames: [NAME_A] }))).toThrow(/two different AlternateNames, got \["stack-evaluation-1a2b3c4d-a"\]/);
    expect(() => targetName(properties({ AlternateNames: [NAME_A, NAME_B, 'stack-evaluation-1a2b3c4d-c'] }), NAME_A)).toThrow(/two different AlternateNames/);
  });

  test('the request is the same whether numbers arrive as strings or numbers', () => {
    const props = properties();
    expect(createRequest({ ...props, HumanLoopConfig: { ...props.HumanLoopConfig, TaskCount: 1 } }, NAME_A)).toEqual(createRequest(props, NAME_A));
  });
});

describe('update', () => {
  test('without a change keeps the flow definition', async () => {
    const created = await onFlowDefinitionEvent(create());
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent({
      ...BASE,
      RequestType: 'Update',
      PhysicalResourceId: created.PhysicalResourceId,
      ResourceProperties: properties(),
      OldResourceProperties: properties(),
    });

    expect(response).toEqual(created);
    expect(server.callsOf('CreateFlowDefinition')).toEqual([]);
    expect(server.callsOf('DeleteFlowDefinition')).toEqual([]);
  });

  test('with a change creates a new flow definition under the other name and leaves the old one to CloudFormation', async () => {
    const created = await onFlowDefinitionEvent(create());

    const response = await onFlowDefinitionEvent(update(created.PhysicalResourceId, properties({ RoleArn: ROLE_2 })));

    expect(response.PhysicalResourceId).toBe(NAME_B);
    expect(server.flowDefinitions.get(NAME_B)?.request.RoleArn).toBe(ROLE_2);
    expect(server.flowDefinitions.has(NAME_A)).toBe(true);
    expect(server.callsOf('DeleteFlowDefinition')).toEqual([]);
  });

  test('the names alternate over changes, CloudFormation deleting the old one each time', async () => {
    let id = (await onFlowDefinitionEvent(create())).PhysicalResourceId;
    let old = properties();
    const ids = [id];
    for (const role of [ROLE_2, ROLE_ARN, ROLE_2]) {
      const changed = properties({ RoleArn: role });
      const response = await onFlowDefinitionEvent(update(id, changed, old));
      await onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: old });
      [id, old] = [response.PhysicalResourceId, changed];
      ids.push(id);
    }

    expect(ids).toEqual([NAME_A, NAME_B, NAME_A, NAME_B]);
    expect([...server.flowDefinitions.keys()]).toEqual([NAME_B]);
  });

  test('rolled back, returns to the old flow definition as it is, and CloudFormation deletes the new one', async () => {
    await onFlowDefinitionEvent(create());
    const changed = properties({ RoleArn: ROLE_2 });
    await onFlowDefinitionEvent(update(NAME_A, changed));
    server.calls.length = 0;

    // A later resource fails: CloudFormation sends the update back, then deletes the flow definition it returned.
    const rolledBack = await onFlowDefinitionEvent(update(NAME_B, properties(), changed));
    await onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: NAME_B, ResourceProperties: changed });

    expect(rolledBack.PhysicalResourceId).toBe(NAME_A);
    expect(server.callsOf('CreateFlowDefinition')).toEqual([]);
    expect(server.callsOf('DeleteFlowDefinition').map((call) => call.input.FlowDefinitionName)).toEqual([NAME_B]);
    expect([...server.flowDefinitions.keys()]).toEqual([NAME_A]);
    expect(server.flowDefinitions.get(NAME_A)?.request.RoleArn).toBe(ROLE_ARN);
  });

  test('replaces a leftover of the other name that a failed update left', async () => {
    await onFlowDefinitionEvent(create());
    server.failureReason = 'The role cannot be assumed';
    await expect(onFlowDefinitionEvent(update(NAME_A, properties({ RoleArn: ROLE_2 })))).rejects.toThrow(/cannot be assumed/);
    server.failureReason = undefined;

    const response = await onFlowDefinitionEvent(update(NAME_A, properties({ RoleArn: ROLE_2 })));

    expect(response.PhysicalResourceId).toBe(NAME_B);
    expect(server.flowDefinitions.get(NAME_B)?.status).toBe('Active');
    expect(server.callsOf('DeleteFlowDefinition').map((call) => call.input.FlowDefinitionName)).toEqual([NAME_B]);
  });

  test('without a change of a fixed name keeps the flow definition', async () => {
    const fixed = properties({ FlowDefinitionName: 'review', AlternateNames: undefined });
    const created = await onFlowDefinitionEvent(create(fixed));
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent(update('review', fixed, fixed));

    expect(response).toEqual(created);
    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition']);
  });

  test('fails for properties without a fixed name or alternate names, creating nothing', async () => {
    await onFlowDefinitionEvent(create());
    server.calls.length = 0;

    await expect(onFlowDefinitionEvent(update(NAME_A, properties({ AlternateNames: undefined }))))
      .rejects.toThrow('the flow definition needs a FlowDefinitionName or two different AlternateNames, got undefined');
    expect(server.calls).toEqual([]);
  });

  test('to a fixed name that is taken fails and leaves that flow definition alone', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review-2', AlternateNames: undefined, RoleArn: ROLE_2 })));
    await onFlowDefinitionEvent(create());
    server.calls.length = 0;

    await expect(onFlowDefinitionEvent(update(NAME_A, properties({ FlowDefinitionName: 'review-2', AlternateNames: undefined })))).rejects.toThrow(/already exists/);
    expect(server.callsOf('DeleteFlowDefinition')).toEqual([]);
    expect(server.flowDefinitions.get('review-2')?.request.RoleArn).toBe(ROLE_2);
  });

  test('from a fixed name to generated ones creates the first alternate name', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })));

    const response = await onFlowDefinitionEvent(update('review', properties(), properties({ FlowDefinitionName: 'review' })));

    expect(response.PhysicalResourceId).toBe(NAME_A);
  });

  test('to another fixed name creates the flow definition under it', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })));

    const response = await onFlowDefinitionEvent({
      ...BASE,
      RequestType: 'Update',
      PhysicalResourceId: 'review',
      ResourceProperties: properties({ FlowDefinitionName: 'review-2' }),
      OldResourceProperties: properties({ FlowDefinitionName: 'review' }),
    });

    expect(response.PhysicalResourceId).toBe('review-2');
  });

  test('fails for a change of a flow definition whose name is fixed, naming what changed', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })));

    await expect(onFlowDefinitionEvent({
      ...BASE,
      RequestType: 'Update',
      PhysicalResourceId: 'review',
      ResourceProperties: properties({ FlowDefinitionName: 'review', RoleArn: ROLE_2, OutputConfig: { S3OutputPath: 's3://other-bucket/' } }),
      OldResourceProperties: properties({ FlowDefinitionName: 'review' }),
    })).rejects.toThrow(
      "the flow definition 'review' has a fixed name (flowDefinitionName), and SageMaker cannot update a flow definition: the change of OutputConfig, RoleArn " +
        'needs a new flow definition under another name. Give another flowDefinitionName, or leave it out to have the flow definition take two generated names in turn',
    );
    expect(server.callsOf('CreateFlowDefinition')).toHaveLength(1);
  });
});

describe('tags', () => {
  const TAGGED_A = `arn:aws:sagemaker:us-east-1:123456789012:flow-definition/${NAME_A}`;
  const tagsOf = (arn: string) => Object.fromEntries(server.tags.get(arn) ?? []);

  test('are sent with CreateFlowDefinition', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'cost-center', Value: '42' }] })));

    expect(tagsOf(TAGGED_A)).toEqual({ 'team': 'ml', 'cost-center': '42' });
  });

  test('a change of tags only is made in place: the same flow definition, DeleteTags and AddTags', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'beta' }] })));
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent(update(NAME_A,
      properties({ Tags: [{ Key: 'team', Value: 'research' }, { Key: 'owner', Value: 'ana' }] }),
      properties({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'beta' }] })));

    expect(response.PhysicalResourceId).toBe(NAME_A);
    expect(tagsOf(TAGGED_A)).toEqual({ team: 'research', owner: 'ana' });
    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition', 'ListTags', 'DeleteTags', 'AddTags']);
    expect(server.callsOf('DeleteTags')[0].input).toEqual({ ResourceArn: TAGGED_A, TagKeys: ['stage'] });
    expect(server.callsOf('AddTags')[0].input).toEqual({
      ResourceArn: TAGGED_A,
      Tags: [{ Key: 'team', Value: 'research' }, { Key: 'owner', Value: 'ana' }],
    });
  });

  test('removed altogether are deleted, and only what differs is sent', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: [{ Key: 'team', Value: 'ml' }] })));
    server.calls.length = 0;

    await onFlowDefinitionEvent(update(NAME_A, properties({ Tags: undefined }), properties({ Tags: [{ Key: 'team', Value: 'ml' }] })));

    expect(tagsOf(TAGGED_A)).toEqual({});
    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition', 'ListTags', 'DeleteTags']);
  });

  test('in another order are no change', async () => {
    const two = [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }];
    await onFlowDefinitionEvent(create(properties({ Tags: two })));
    server.calls.length = 0;

    await onFlowDefinitionEvent(update(NAME_A, properties({ Tags: [...two].reverse() }), properties({ Tags: two })));

    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition']);
  });

  test('of a flow definition with a fixed name change in place too', async () => {
    await onFlowDefinitionEvent(create(properties({ FlowDefinitionName: 'review' })));

    const response = await onFlowDefinitionEvent(update('review',
      properties({ FlowDefinitionName: 'review', Tags: [{ Key: 'team', Value: 'research' }] }),
      properties({ FlowDefinitionName: 'review' })));

    expect(response.PhysicalResourceId).toBe('review');
    expect(tagsOf('arn:aws:sagemaker:us-east-1:123456789012:flow-definition/review')).toEqual({ team: 'research' });
  });

  test('with another change go with the new flow definition', async () => {
    await onFlowDefinitionEvent(create());

    await onFlowDefinitionEvent(update(NAME_A, properties({ RoleArn: ROLE_2, Tags: [{ Key: 'team', Value: 'research' }] })));

    expect(tagsOf(`arn:aws:sagemaker:us-east-1:123456789012:flow-definition/${NAME_B}`)).toEqual({ team: 'research' });
    expect(server.callsOf('AddTags')).toEqual([]);
  });

  test('of a leftover taken as it is become the request\'s, read over every page of ListTags, AWS\'s own kept', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'beta' }, { Key: 'old', Value: 'x' }] })));
    server.tags.get(TAGGED_A)!.set('aws:cloudformation:stack-name', 'Flows');
    const changed = properties({ RoleArn: ROLE_2 });
    await onFlowDefinitionEvent(update(NAME_A, changed));
    server.tagsPageSize = 1;
    server.calls.length = 0;

    // The rollback returns to NAME_A, which still has its properties; the tags are those of the rolled-back request.
    const rolledBack = await onFlowDefinitionEvent(update(NAME_B, properties({ Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'new', Value: 'y' }] }), changed));

    expect(rolledBack.PhysicalResourceId).toBe(NAME_A);
    expect(server.callsOf('CreateFlowDefinition')).toEqual([]);
    expect(server.callsOf('ListTags')).toHaveLength(4);
    expect(tagsOf(TAGGED_A)).toEqual({ 'team': 'ml', 'new': 'y', 'aws:cloudformation:stack-name': 'Flows' });
    expect(server.callsOf('DeleteTags')[0].input.TagKeys).toEqual(['stage', 'old']);
    expect(server.callsOf('AddTags')[0].input.Tags).toEqual([{ Key: 'new', Value: 'y' }]);
  });

  test('none before and none after are no change', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: undefined })));
    server.calls.length = 0;

    await onFlowDefinitionEvent(update(NAME_A, properties({ Tags: undefined }), properties({ Tags: undefined })));

    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition']);
  });

  test('added to a flow definition that had none are added, and nothing is deleted', async () => {
    await onFlowDefinitionEvent(create(properties({ Tags: undefined })));
    server.calls.length = 0;

    await onFlowDefinitionEvent(update(NAME_A, properties({ Tags: [{ Key: 'team', Value: 'ml' }] }), properties({ Tags: undefined })));

    expect(server.calls.map((call) => call.operation)).toEqual(['DescribeFlowDefinition', 'ListTags', 'AddTags']);
    expect(tagsOf(TAGGED_A)).toEqual({ team: 'ml' });
  });
});

describe('delete', () => {
  test('deletes the flow definition and waits until it is gone', async () => {
    const created = await onFlowDefinitionEvent(create());
    server.describesPerStatus = 2;
    server.calls.length = 0;

    const response = await onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: properties() });

    expect(response).toEqual({ PhysicalResourceId: created.PhysicalResourceId });
    expect(server.flowDefinitions.has(created.PhysicalResourceId)).toBe(false);
    expect(server.calls.map((call) => [call.operation, call.error])).toEqual([
      ['DeleteFlowDefinition', undefined],
      ['DescribeFlowDefinition', undefined],
      ['DescribeFlowDefinition', undefined],
      ['DescribeFlowDefinition', 'ResourceNotFound'],
    ]);
  });

  test('of a flow definition that does not exist succeeds', async () => {
    await expect(onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: 'gone', ResourceProperties: properties() }))
      .resolves.toEqual({ PhysicalResourceId: 'gone' });
    expect(server.callsOf('DeleteFlowDefinition').map((call) => call.error)).toEqual(['ResourceNotFound']);
  });

  test('of a placeholder id that is no flow definition name calls nothing', async () => {
    const id = 'Stack-Flow-ABC_123';

    await expect(onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: id, ResourceProperties: properties() })).resolves.toEqual({ PhysicalResourceId: id });
    expect(server.calls).toEqual([]);
  });

  test('of an event without a physical id calls nothing', async () => {
    await expect(onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', ResourceProperties: properties() })).resolves.toEqual({ PhysicalResourceId: undefined });
    expect(server.calls).toEqual([]);
  });

  test('polls at its delay until the deadline, and no longer', async () => {
    const created = await onFlowDefinitionEvent(create());
    server.describesPerStatus = 1_000_000;
    server.calls.length = 0;

    // Polls at about 0 and 300 ms; a third, after another 300 ms, would pass the deadline of 500 ms.
    await withWaitPolicy({ pollDelayMs: 300, statusTimeoutMs: 500 }, () => expect(
      onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: properties() }),
    ).rejects.toThrow(`the flow definition '${NAME_A}' is still being deleted after 0.5 seconds`));

    expect(server.calls.map((call) => call.operation)).toEqual(['DeleteFlowDefinition', 'DescribeFlowDefinition', 'DescribeFlowDefinition']);
  });

  test('fails when SageMaker refuses, such as for a flow definition with active human loops', async () => {
    const created = await onFlowDefinitionEvent(create());
    server.failNext('DeleteFlowDefinition', { type: 'ResourceInUse', message: 'The flow definition has active human loops' });

    await expect(onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: properties() }))
      .rejects.toThrow(/active human loops/);
  });

  test('fails when the flow definition is not gone in time', async () => {
    const created = await onFlowDefinitionEvent(create());
    server.describesPerStatus = 1_000_000;

    await expect(onFlowDefinitionEvent({ ...BASE, RequestType: 'Delete', PhysicalResourceId: created.PhysicalResourceId, ResourceProperties: properties() }))
      .rejects.toThrow(/is still being deleted after 2 seconds/);
  });
});

describe('the provider\'s handler', () => {
  test('dispatches Custom::SageMakerFlowDefinition to this module', async () => {
    const response = await handler(create());

    expect(server.flowDefinitions.get(response.PhysicalResourceId!)?.status).toBe('Active');
  });
});

describe('the local endpoint', () => {
  test('rejects what the API model rejects, so the tests above would see a bad request', async () => {
    await expect(onFlowDefinitionEvent(create(properties({ HumanLoopConfig: { ...properties().HumanLoopConfig, TaskCount: '4' } }))))
      .rejects.toThrow(/TaskCount: 4 is above the model's maximum/);
    // The handler retries a ValidationException: the same objection each time.
    expect(new Set(server.rejected).size).toBe(1);
    server.rejected.length = 0;
  });
});
