import * as fs from 'fs';
import * as path from 'path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { LibraryResourceEvent, RESOURCE_TYPES } from '../../src/private/provider-protocol';
import {
  MAX_URLS,
  onWorkerPortalUrlsEvent as handler,
  retryPolicy,
  UPDATABLE_MEMBERS,
  updateRequestOf,
  WorkerPortalUrlsProperties,
} from '../../src/private/worker-portal-urls.handler';

/** The Cognito API model of the botocore release in test/api-models/VERSION. */
interface Shape {
  readonly type: string;
  readonly members?: Record<string, { shape: string }>;
  readonly member?: { shape: string };
  readonly key?: { shape: string };
  readonly value?: { shape: string };
  readonly required?: string[];
  readonly enum?: string[];
  readonly min?: number;
  readonly max?: number;
}
const model = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'api-models', 'cognito-idp.json'), 'utf-8')) as {
  shapes: Record<string, Shape>;
};
const shapes = model.shapes;

/** A value of every member of a shape, as Cognito could return it, with the smallest valid sizes. */
function sampleOf(shapeName: string, depth = 0): unknown {
  const shape = shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members ?? {}).map(([name, ref]) => [name, sampleOf(ref.shape, depth + 1)]));
    case 'list':
      return [sampleOf(shape.member!.shape, depth + 1)];
    case 'map':
      return { key: sampleOf(shape.value!.shape, depth + 1) };
    case 'string':
      return shape.enum ? shape.enum[0] : 'x'.repeat(Math.max(shape.min ?? 1, 1));
    case 'boolean':
      return true;
    case 'integer':
    case 'long':
      return Math.max(shape.min ?? 1, 1);
    case 'timestamp':
      return new Date(0);
    default:
      throw new Error(`no sample for the shape ${shapeName} of type ${shape.type}`);
  }
}

/** Every way `value` breaks the shape `shapeName` of the model: unknown members, missing required ones, wrong types. */
function problemsOf(shapeName: string, value: unknown, at: string): string[] {
  const shape = shapes[shapeName];
  if (shape.type === 'structure') {
    const object = value as Record<string, unknown>;
    const members = shape.members ?? {};
    return [
      ...Object.keys(object).filter((name) => !(name in members)).map((name) => `${at}.${name}: not a member of ${shapeName}`),
      ...(shape.required ?? []).filter((name) => object[name] === undefined).map((name) => `${at}.${name}: required`),
      ...Object.entries(object).filter(([name]) => name in members).flatMap(([name, item]) => problemsOf(members[name].shape, item, `${at}.${name}`)),
    ];
  }
  if (shape.type === 'list') {
    const items = value as unknown[];
    const count = items.length < (shape.min ?? 0) || items.length > (shape.max ?? Infinity) ? [`${at}: ${items.length} items`] : [];
    return [...count, ...items.flatMap((item, index) => problemsOf(shape.member!.shape, item, `${at}[${index}]`))];
  }
  if (shape.type === 'string') {
    const text = value as string;
    const ok = typeof text === 'string' && text.length >= (shape.min ?? 0) && text.length <= (shape.max ?? Infinity) && (!shape.enum || shape.enum.includes(text));
    return ok ? [] : [`${at}: ${JSON.stringify(value)} is not a ${shapeName}`];
  }
  return [];
}

const cognito = mockClient(CognitoIdentityProviderClient);
const PROPS: WorkerPortalUrlsProperties = {
  UserPoolId: 'us-east-1_abc',
  ClientId: 'client1',
  CallbackUrl: 'https://abcd.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse',
  LogoutUrl: 'https://abcd.labeling.us-east-1.sagemaker.aws/logout',
  Client: { CallbackURLs: ['https://example.com'] },
};
const CLIENT: UserPoolClientType = {
  UserPoolId: 'us-east-1_abc',
  ClientId: 'client1',
  ClientName: 'portal',
  ClientSecret: 'secret',
  CreationDate: new Date(0),
  LastModifiedDate: new Date(0),
  AllowedOAuthFlows: ['code'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthScopes: ['openid', 'email'],
  SupportedIdentityProviders: ['COGNITO'],
  RefreshTokenValidity: 30,
  CallbackURLs: ['https://example.com'],
};

function event(requestType: 'Create' | 'Update' | 'Delete', props = PROPS, old?: WorkerPortalUrlsProperties): LibraryResourceEvent<WorkerPortalUrlsProperties> {
  return {
    RequestType: requestType,
    ResourceType: RESOURCE_TYPES.WORKER_PORTAL_URLS,
    LogicalResourceId: 'PortalUrls',
    PhysicalResourceId: 'us-east-1_abc/client1',
    ResourceProperties: props,
    OldResourceProperties: old,
  };
}

function describes(client: UserPoolClientType) {
  cognito.on(DescribeUserPoolClientCommand, { UserPoolId: client.UserPoolId, ClientId: client.ClientId }).resolves({ UserPoolClient: client });
}

function updates() {
  return cognito.commandCalls(UpdateUserPoolClientCommand).map((call) => call.args[0].input);
}

function cognitoError(name: string) {
  return Object.assign(new Error(`${name} happened`), { name });
}

beforeEach(() => {
  cognito.reset();
  retryPolicy.baseDelayMs = 1;
});

describe('the UpdateUserPoolClient request', () => {
  const requestMembers = Object.keys(shapes.UpdateUserPoolClientRequest.members!);
  const describedMembers = Object.keys(shapes.UserPoolClientType.members!);

  test('sends the allow-list: every member of UpdateUserPoolClientRequest that DescribeUserPoolClient returns, and no other', () => {
    expect([...UPDATABLE_MEMBERS].sort()).toEqual(requestMembers.filter((member) => describedMembers.includes(member)).sort());
  });

  test('leaves out only PublishSecretsInAWSSecretsManager, which Describe does not return and whose absence keeps the secret as it is', () => {
    expect(requestMembers.filter((member) => !(UPDATABLE_MEMBERS as readonly string[]).includes(member))).toEqual(['PublishSecretsInAWSSecretsManager']);
    expect(shapes.UpdateUserPoolClientRequest.members).toHaveProperty('RefreshTokenRotation');
  });

  test('carries over every allowed member of the described client as read, and nothing the request does not take', () => {
    const described = sampleOf('UserPoolClientType') as UserPoolClientType;

    const request = updateRequestOf(described) as unknown as Record<string, unknown>;

    expect(Object.keys(request).sort()).toEqual([...UPDATABLE_MEMBERS].sort());
    for (const member of UPDATABLE_MEMBERS) {
      expect(request[member]).toEqual((described as Record<string, unknown>)[member]);
    }
    // ClientSecret, ClientSecretArn, ClientType, CreationDate, LastModifiedDate: read, never sent.
    expect(describedMembers.filter((member) => !(member in request)).sort()).toEqual(['ClientSecret', 'ClientSecretArn', 'ClientType', 'CreationDate', 'LastModifiedDate']);
    expect(problemsOf('UpdateUserPoolClientRequest', request, 'request')).toEqual([]);
  });

  test('drops what the client does not have, and an empty URL list, rather than sending it empty', () => {
    expect(updateRequestOf({ UserPoolId: 'p', ClientId: 'c', ClientName: undefined, CallbackURLs: [], LogoutURLs: [], ReadAttributes: [] })).toEqual({
      UserPoolId: 'p', ClientId: 'c', ReadAttributes: [],
    });
  });
});

describe('on create', () => {
  test('leaves how a published client secret is managed as it is: PublishSecretsInAWSSecretsManager is never sent', async () => {
    describes({ ...CLIENT, ClientSecret: undefined, ClientSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:client1', ClientType: 'REGULAR' });

    await handler(event('Create'));

    expect(updates()).toHaveLength(1);
    for (const member of ['PublishSecretsInAWSSecretsManager', 'ClientSecretArn', 'ClientType', 'ClientSecret']) {
      expect(updates()[0]).not.toHaveProperty(member);
    }
  });

  test("adds the portal's callback and logout URLs to the client's own, keeping every other setting", async () => {
    describes(CLIENT);

    const response = await handler(event('Create'));

    expect(response).toEqual({ PhysicalResourceId: 'us-east-1_abc/client1' });
    expect(updates()).toEqual([{
      UserPoolId: 'us-east-1_abc',
      ClientId: 'client1',
      ClientName: 'portal',
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      RefreshTokenValidity: 30,
      CallbackURLs: ['https://example.com', PROPS.CallbackUrl],
      LogoutURLs: [PROPS.LogoutUrl],
    }]);
  });

  test('writes every setting the model lists, as read', async () => {
    const described = { ...(sampleOf('UserPoolClientType') as UserPoolClientType), UserPoolId: PROPS.UserPoolId, ClientId: PROPS.ClientId };
    describes(described);

    await handler(event('Create'));

    const [request] = updates();
    expect(problemsOf('UpdateUserPoolClientRequest', request, 'request')).toEqual([]);
    expect(request).toEqual({
      ...updateRequestOf(described),
      CallbackURLs: [...described.CallbackURLs!, PROPS.CallbackUrl],
      LogoutURLs: [...described.LogoutURLs!, PROPS.LogoutUrl],
    });
  });

  test('is idempotent: writes nothing when the client holds the URLs already', async () => {
    describes({ ...CLIENT, CallbackURLs: [PROPS.CallbackUrl], LogoutURLs: [PROPS.LogoutUrl] });

    await handler(event('Create'));
    await handler(event('Update', PROPS, PROPS));

    expect(updates()).toEqual([]);
  });

  test('retries a throttled or conflicting read and write, reading the client again each time', async () => {
    cognito
      .on(DescribeUserPoolClientCommand)
      .rejectsOnce(cognitoError('TooManyRequestsException'))
      .resolves({ UserPoolClient: CLIENT });
    cognito.on(UpdateUserPoolClientCommand).rejectsOnce(cognitoError('ConcurrentModificationException')).resolves({});

    await handler(event('Create'));

    expect(cognito.commandCalls(DescribeUserPoolClientCommand)).toHaveLength(3);
    expect(updates()).toHaveLength(2);
  });

  test('reports a failure naming the client and the user pool', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(cognitoError('AccessDeniedException'));

    await expect(handler(event('Create'))).rejects.toThrow(
      "could not set the worker portal's callback and logout URLs on the app client client1 of the user pool us-east-1_abc: " +
        'AccessDeniedException: AccessDeniedException happened',
    );
  });

  test('gives up after the retries, naming the client', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(cognitoError('TooManyRequestsException'));

    await expect(handler(event('Create'))).rejects.toThrow(/app client client1 of the user pool us-east-1_abc: TooManyRequestsException/);
    expect(cognito.commandCalls(DescribeUserPoolClientCommand)).toHaveLength(retryPolicy.attempts);
  });

  test('fails, naming the client, when the URLs would be more than Cognito allows', async () => {
    describes({ ...CLIENT, CallbackURLs: Array.from({ length: MAX_URLS }, (_, i) => `https://app${i}.example.com`) });

    await expect(handler(event('Create'))).rejects.toThrow(
      /app client client1 of the user pool us-east-1_abc: Error: CallbackURLs would have 101 URLs with the worker portal's; Cognito allows at most 100/,
    );
    expect(updates()).toEqual([]);
  });

  test('takes the URLs up to the 100 Cognito allows', async () => {
    describes({ ...CLIENT, CallbackURLs: Array.from({ length: MAX_URLS - 1 }, (_, i) => `https://app${i}.example.com`) });

    await handler(event('Create'));

    expect(updates()[0].CallbackURLs).toHaveLength(MAX_URLS);
  });

  test('fails, naming the setting, when the logout URLs would be more than Cognito allows', async () => {
    describes({ ...CLIENT, LogoutURLs: Array.from({ length: MAX_URLS }, (_, i) => `https://app${i}.example.com/bye`) });

    await expect(handler(event('Create'))).rejects.toThrow(/LogoutURLs would have 101 URLs with the worker portal's; Cognito allows at most 100/);
    expect(updates()).toEqual([]);
  });

  test('adds the logout URL when the client holds the callback URL already, and the callback URL when it holds the logout URL', async () => {
    describes({ ...CLIENT, CallbackURLs: [PROPS.CallbackUrl] });
    await handler(event('Create'));
    describes({ ...CLIENT, CallbackURLs: [], LogoutURLs: [PROPS.LogoutUrl] });
    await handler(event('Create'));

    expect(updates()).toEqual([
      expect.objectContaining({ CallbackURLs: [PROPS.CallbackUrl], LogoutURLs: [PROPS.LogoutUrl] }),
      expect.objectContaining({ CallbackURLs: [PROPS.CallbackUrl], LogoutURLs: [PROPS.LogoutUrl] }),
    ]);
  });

  test('waits before each retry half to all of the base delay, doubled for each further try', async () => {
    jest.useFakeTimers();
    retryPolicy.baseDelayMs = 1000;
    try {
      const waitsWith = async (random: number) => {
        cognito.reset();
        jest.spyOn(Math, 'random').mockReturnValue(random);
        const tries: number[] = [];
        cognito.on(DescribeUserPoolClientCommand).callsFake(async () => {
          tries.push(Date.now());
          throw cognitoError('ThrottlingException');
        });
        const result = handler(event('Create')).catch((error: Error) => error.message);
        await jest.runAllTimersAsync();
        await expect(result).resolves.toMatch(/ThrottlingException/);
        return tries.slice(1).map((time, index) => time - tries[index]);
      };

      expect(await waitsWith(0)).toEqual([500, 1000, 2000, 4000, 8000]);
      const longest = await waitsWith(0.999);
      expect(longest).toHaveLength(5);
      longest.forEach((wait, index) => {
        expect(wait).toBeGreaterThan(0.99 * 1000 * 2 ** index);
        expect(wait).toBeLessThan(1000 * 2 ** index);
      });
    } finally {
      jest.restoreAllMocks();
      jest.useRealTimers();
    }
  });

  test('fails for a client that does not exist', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(cognitoError('ResourceNotFoundException'));

    await expect(handler(event('Create'))).rejects.toThrow(/ResourceNotFoundException/);
  });
});

describe('on update', () => {
  test('after CloudFormation rewrote the client with the template URLs, adds the portal URLs again', async () => {
    describes({ ...CLIENT, CallbackURLs: ['https://example.com', 'https://new.example.com'] });

    await handler(event('Update', { ...PROPS, Client: { ...PROPS.Client, ClientName: 'new' } }, { ...PROPS, Client: { ...PROPS.Client, ClientName: 'old' } }));

    expect(updates()[0]).toMatchObject({
      CallbackURLs: ['https://example.com', 'https://new.example.com', PROPS.CallbackUrl],
      LogoutURLs: [PROPS.LogoutUrl],
    });
  });

  test("of the sub-domain, replaces the old portal URLs and keeps everyone else's", async () => {
    const old = { ...PROPS, CallbackUrl: 'https://old.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse', LogoutUrl: 'https://old.labeling.us-east-1.sagemaker.aws/logout' };
    describes({
      ...CLIENT,
      CallbackURLs: ['https://example.com', old.CallbackUrl, 'https://someone-else.example.com'],
      LogoutURLs: [old.LogoutUrl],
      DefaultRedirectURI: old.CallbackUrl,
    });

    await handler(event('Update', PROPS, old));

    expect(updates()[0]).toMatchObject({
      CallbackURLs: ['https://example.com', 'https://someone-else.example.com', PROPS.CallbackUrl],
      LogoutURLs: [PROPS.LogoutUrl],
    });
    // The default redirect URI must be a callback URL: the old portal's goes with it.
    expect(updates()[0]).not.toHaveProperty('DefaultRedirectURI');
  });

  test('of the sub-domain, keeps an old portal URL the template lists', async () => {
    const old = { ...PROPS, CallbackUrl: 'https://old.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse' };
    describes({ ...CLIENT, CallbackURLs: [old.CallbackUrl], DefaultRedirectURI: old.CallbackUrl });

    await handler(event('Update', { ...PROPS, Client: { CallbackURLs: [old.CallbackUrl] } }, old));

    expect(updates()[0]).toMatchObject({ CallbackURLs: [old.CallbackUrl, PROPS.CallbackUrl], DefaultRedirectURI: old.CallbackUrl });
  });

  test('to a client of the same id in another user pool, only adds the URLs to the new one', async () => {
    describes({ ...CLIENT, UserPoolId: 'us-east-1_other', CallbackURLs: ['https://old.example.com'] });

    const response = await handler(event('Update', { ...PROPS, UserPoolId: 'us-east-1_other' }, { ...PROPS, CallbackUrl: 'https://old.example.com' }));

    expect(response).toEqual({ PhysicalResourceId: 'us-east-1_other/client1' });
    expect(updates()[0]).toMatchObject({ UserPoolId: 'us-east-1_other', CallbackURLs: ['https://old.example.com', PROPS.CallbackUrl] });
  });

  test('to another client, only adds the URLs to the new one (CloudFormation deletes the old resource)', async () => {
    describes({ ...CLIENT, ClientId: 'client2', CallbackURLs: ['https://a.example.com', 'https://old.example.com'] });

    const response = await handler(event('Update', { ...PROPS, ClientId: 'client2' }, { ...PROPS, CallbackUrl: 'https://old.example.com' }));

    expect(response).toEqual({ PhysicalResourceId: 'us-east-1_abc/client2' });
    expect(updates()[0]).toMatchObject({ ClientId: 'client2', CallbackURLs: ['https://a.example.com', 'https://old.example.com', PROPS.CallbackUrl] });
  });
});

describe('on delete', () => {
  test('takes away only the URLs it added', async () => {
    describes({ ...CLIENT, CallbackURLs: ['https://example.com', PROPS.CallbackUrl], LogoutURLs: ['https://example.com/bye', PROPS.LogoutUrl] });

    const response = await handler(event('Delete'));

    expect(response).toEqual({ PhysicalResourceId: 'us-east-1_abc/client1' });
    expect(updates()[0]).toMatchObject({ ClientName: 'portal', CallbackURLs: ['https://example.com'], LogoutURLs: ['https://example.com/bye'] });
  });

  test('keeps a portal URL the template itself lists', async () => {
    describes({ ...CLIENT, CallbackURLs: [PROPS.CallbackUrl], LogoutURLs: [PROPS.LogoutUrl] });

    await handler(event('Delete', { ...PROPS, Client: { CallbackURLs: [PROPS.CallbackUrl] } }));

    expect(updates()[0]).toMatchObject({ CallbackURLs: [PROPS.CallbackUrl] });
    // No logout URL left: the list is left out, which Cognito reads as none.
    expect(updates()[0]).not.toHaveProperty('LogoutURLs');
  });

  test('keeps its callback URL where taking it away would leave the code or implicit grant without a callback URL, which Cognito refuses', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      for (const flows of [['code'], ['implicit'], ['client_credentials', 'code']]) {
        cognito.reset();
        const urls = { CallbackURLs: [PROPS.CallbackUrl], LogoutURLs: [PROPS.LogoutUrl], DefaultRedirectURI: PROPS.CallbackUrl };
        describes({ ...CLIENT, AllowedOAuthFlows: flows, ...urls });

        await expect(handler(event('Delete', { ...PROPS, Client: {} }))).resolves.toEqual({ PhysicalResourceId: 'us-east-1_abc/client1' });

        expect(updates()).toEqual([expect.objectContaining({ CallbackURLs: [PROPS.CallbackUrl], DefaultRedirectURI: PROPS.CallbackUrl })]);
        expect(updates()[0]).not.toHaveProperty('LogoutURLs');
      }
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^keeping https:\/\/abcd.* on the app client client1: Cognito refuses a client with the code or implicit grant and no callback URL$/));
    } finally {
      log.mockRestore();
    }
  });

  test('takes its callback URL away from a client without OAuth, or with the client credentials grant only', async () => {
    for (const client of [{ AllowedOAuthFlowsUserPoolClient: false }, { AllowedOAuthFlows: ['client_credentials'] }, { AllowedOAuthFlows: undefined }]) {
      cognito.reset();
      describes({ ...CLIENT, ...client, CallbackURLs: [PROPS.CallbackUrl] });

      await handler(event('Delete', { ...PROPS, Client: {} }));

      expect(updates()).toHaveLength(1);
      expect(updates()[0]).not.toHaveProperty('CallbackURLs');
    }
  });

  test('is no error for a client deleted out of band', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(cognitoError('ResourceNotFoundException'));

    await expect(handler(event('Delete'))).resolves.toEqual({ PhysicalResourceId: 'us-east-1_abc/client1' });
    expect(updates()).toEqual([]);
  });

  test('takes away its logout URL from a client with no callback URLs', async () => {
    describes({ ...CLIENT, CallbackURLs: undefined, LogoutURLs: ['https://example.com/bye', PROPS.LogoutUrl] });

    await handler(event('Delete'));

    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ LogoutURLs: ['https://example.com/bye'] });
    expect(updates()[0]).not.toHaveProperty('CallbackURLs');
    expect(updates()[0]).not.toHaveProperty('DefaultRedirectURI');
  });

  test('drops the default redirect URI with the callback URL it was, and keeps one that stays', async () => {
    describes({ ...CLIENT, CallbackURLs: ['https://example.com', PROPS.CallbackUrl], DefaultRedirectURI: PROPS.CallbackUrl });
    describes({ ...CLIENT, ClientId: 'client2', CallbackURLs: ['https://example.com', PROPS.CallbackUrl], DefaultRedirectURI: 'https://example.com' });

    await handler(event('Delete'));
    await handler(event('Delete', { ...PROPS, ClientId: 'client2' }));

    expect(updates()[0]).toMatchObject({ ClientId: 'client1', CallbackURLs: ['https://example.com'] });
    expect(updates()[0]).not.toHaveProperty('DefaultRedirectURI');
    expect(updates()[1]).toMatchObject({ ClientId: 'client2', CallbackURLs: ['https://example.com'], DefaultRedirectURI: 'https://example.com' });
  });

  test('fails, naming the client, when the client cannot be read for another reason than being gone', async () => {
    cognito.on(DescribeUserPoolClientCommand).rejects(cognitoError('NotAuthorizedException'));

    await expect(handler(event('Delete'))).rejects.toThrow(
      'could not set the worker portal\'s callback and logout URLs on the app client client1 of the user pool us-east-1_abc: ' +
        'NotAuthorizedException: NotAuthorizedException happened',
    );
    expect(updates()).toEqual([]);
  });

  test('writes nothing when its URLs are gone already', async () => {
    describes(CLIENT);

    await handler(event('Delete'));

    expect(updates()).toEqual([]);
  });
});
