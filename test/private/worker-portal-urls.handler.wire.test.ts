import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LibraryResourceEvent, RESOURCE_TYPES } from '../../src/private/provider-protocol';
import { onWorkerPortalUrlsEvent, UPDATABLE_MEMBERS, WorkerPortalUrlsProperties } from '../../src/private/worker-portal-urls.handler';
import { useLocalAws } from '../moto';

/*
 * The handler through the real AWS SDK v3 client and its HTTP serializer, against moto's Cognito on 127.0.0.1,
 * through the event sequences CloudFormation sends. moto merges an UpdateUserPoolClient into the client where
 * Cognito resets every setting it is not given: what the handler sends is checked on the wire.
 */
const aws = useLocalAws();
let cognito: CognitoIdentityProviderClient;

const portal = (subDomain: string) => ({
  CallbackUrl: `https://${subDomain}.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse`,
  LogoutUrl: `https://${subDomain}.labeling.us-east-1.sagemaker.aws/logout`,
});
const OLD = portal('old');
const NEW = portal('new');

/** A client as a worker portal's client is written in a template, with settings Cognito would reset if not sent. */
const TEMPLATE_CLIENT: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = {
  ClientName: 'portal',
  GenerateSecret: true,
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  SupportedIdentityProviders: ['COGNITO'],
  CallbackURLs: ['https://app.example.com/callback'],
  LogoutURLs: ['https://app.example.com/bye'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  AuthSessionValidity: 5,
  ReadAttributes: ['email'],
};

async function newPool(): Promise<string> {
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'workers' }));
  return pool.UserPool!.Id!;
}

async function newClient(userPoolId: string, settings: Partial<CreateUserPoolClientCommandInput> = {}): Promise<string> {
  const client = await cognito.send(new CreateUserPoolClientCommand({ ...TEMPLATE_CLIENT, ...settings, UserPoolId: userPoolId }));
  return client.UserPoolClient!.ClientId!;
}

async function described(userPoolId: string, clientId: string): Promise<UserPoolClientType> {
  return (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient!;
}

/** The resource's properties; the client's template properties are its URL lists unless given. */
function propsOf(userPoolId: string, clientId: string, urls = OLD, templateClient?: Record<string, unknown>): WorkerPortalUrlsProperties {
  templateClient ??= { CallbackURLs: TEMPLATE_CLIENT.CallbackURLs, LogoutURLs: TEMPLATE_CLIENT.LogoutURLs };
  return { UserPoolId: userPoolId, ClientId: clientId, ...urls, Client: templateClient };
}

function event(
  requestType: 'Create' | 'Update' | 'Delete',
  props: WorkerPortalUrlsProperties,
  old?: WorkerPortalUrlsProperties,
  physicalResourceId?: string,
): LibraryResourceEvent<WorkerPortalUrlsProperties> {
  return {
    RequestType: requestType,
    ResourceType: RESOURCE_TYPES.WORKER_PORTAL_URLS,
    LogicalResourceId: 'WorkforcePortalUrls',
    PhysicalResourceId: physicalResourceId,
    ResourceProperties: props,
    OldResourceProperties: old,
  };
}

beforeAll(() => {
  cognito = new CognitoIdentityProviderClient({});
});

beforeEach(async () => {
  await aws.reset();
});

describe('Create', () => {
  test("adds the portal's URLs to the client's own, and sends back every setting it read, as Cognito resets what it is not given", async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    const before = await described(pool, client);

    const response = await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));

    expect(response).toEqual({ PhysicalResourceId: `${pool}/${client}` });
    const after = await described(pool, client);
    expect(after.CallbackURLs).toEqual(['https://app.example.com/callback', OLD.CallbackUrl]);
    expect(after.LogoutURLs).toEqual(['https://app.example.com/bye', OLD.LogoutUrl]);
    // On the wire: every member of the allow-list the client has, as read, and nothing else.
    const [update] = aws.requestsOf('UpdateUserPoolClient');
    const read = before as Record<string, unknown>;
    const expected = Object.fromEntries(UPDATABLE_MEMBERS.filter((member) => read[member] !== undefined).map((member) => [member, read[member]]));
    expect(update).toEqual({ ...expected, CallbackURLs: after.CallbackURLs, LogoutURLs: after.LogoutURLs });
    expect(Object.keys(update)).toEqual(expect.arrayContaining(['ClientName', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'ExplicitAuthFlows', 'TokenValidityUnits', 'ReadAttributes']));
    expect(update).not.toHaveProperty('ClientSecret');
    expect(update).not.toHaveProperty('PublishSecretsInAWSSecretsManager');
  });

  test('repeated (CloudFormation retrying a create) changes nothing and writes nothing', async () => {
    const pool = await newPool();
    const client = await newClient(pool);

    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));

    expect(aws.requestsOf('UpdateUserPoolClient')).toHaveLength(1);
    expect((await described(pool, client)).CallbackURLs).toEqual(['https://app.example.com/callback', OLD.CallbackUrl]);
  });

  test('fails for a client that does not exist, naming it and the pool', async () => {
    const pool = await newPool();

    await expect(onWorkerPortalUrlsEvent(event('Create', propsOf(pool, 'nosuchclient')))).rejects.toThrow(
      new RegExp(`could not set the worker portal's callback and logout URLs on the app client nosuchclient of the user pool ${pool}: ResourceNotFoundException`),
    );
  });
});

describe('Update', () => {
  test('to a new sub-domain replaces the old portal URLs and keeps the template URLs and the physical id', async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client, OLD)));

    const response = await onWorkerPortalUrlsEvent(event('Update', propsOf(pool, client, NEW), propsOf(pool, client, OLD), `${pool}/${client}`));

    expect(response).toEqual({ PhysicalResourceId: `${pool}/${client}` });
    const after = await described(pool, client);
    expect(after.CallbackURLs).toEqual(['https://app.example.com/callback', NEW.CallbackUrl]);
    expect(after.LogoutURLs).toEqual(['https://app.example.com/bye', NEW.LogoutUrl]);
  });

  test('after CloudFormation wrote the template URLs back to the client puts the portal URLs on it again', async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));
    // CloudFormation updates the client (a client property changed) and writes the template's lists.
    const clientAsTemplated = { ...TEMPLATE_CLIENT, ClientName: 'portal-v2' };
    const { GenerateSecret: _createOnly, ...updatable } = clientAsTemplated;
    await cognito.send(new UpdateUserPoolClientCommand({ ...updatable, UserPoolId: pool, ClientId: client }));
    expect((await described(pool, client)).CallbackURLs).toEqual(['https://app.example.com/callback']);

    await onWorkerPortalUrlsEvent(event('Update', propsOf(pool, client, OLD, { ...clientAsTemplated }), propsOf(pool, client), `${pool}/${client}`));

    expect((await described(pool, client)).CallbackURLs).toEqual(['https://app.example.com/callback', OLD.CallbackUrl]);
  });

  test("to another client moves the URLs: the new client gets them, CloudFormation's cleanup Delete takes them off the old one", async () => {
    const pool = await newPool();
    const first = await newClient(pool);
    const second = await newClient(pool, { ClientName: 'portal-2' });
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, first)));

    const response = await onWorkerPortalUrlsEvent(event('Update', propsOf(pool, second), propsOf(pool, first), `${pool}/${first}`));
    expect(response).toEqual({ PhysicalResourceId: `${pool}/${second}` });
    // The old client keeps its URLs until the cleanup: the stack may still roll back to it.
    expect((await described(pool, first)).CallbackURLs).toContain(OLD.CallbackUrl);
    await onWorkerPortalUrlsEvent(event('Delete', propsOf(pool, first), undefined, `${pool}/${first}`));

    expect((await described(pool, first)).CallbackURLs).toEqual(['https://app.example.com/callback']);
    expect((await described(pool, second)).CallbackURLs).toEqual(['https://app.example.com/callback', OLD.CallbackUrl]);
  });
});

describe('Delete', () => {
  test('takes away only the URLs it added', async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));

    await expect(onWorkerPortalUrlsEvent(event('Delete', propsOf(pool, client), undefined, `${pool}/${client}`))).resolves.toEqual({ PhysicalResourceId: `${pool}/${client}` });

    const after = await described(pool, client);
    expect(after.CallbackURLs).toEqual(['https://app.example.com/callback']);
    expect(after.LogoutURLs).toEqual(['https://app.example.com/bye']);
  });

  test('of a client whose only callback URL is the portal\'s, with the code grant, keeps it: Cognito refuses the code grant without one', async () => {
    const pool = await newPool();
    const client = await newClient(pool, { CallbackURLs: undefined, LogoutURLs: undefined });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client, OLD, {})));

      await onWorkerPortalUrlsEvent(event('Delete', propsOf(pool, client, OLD, {}), undefined, `${pool}/${client}`));
    } finally {
      log.mockRestore();
    }

    // moto would take an empty list; Cognito would not: the request on the wire keeps the callback URL.
    const deleteUpdate = aws.requestsOf('UpdateUserPoolClient')[1];
    expect(deleteUpdate.CallbackURLs).toEqual([OLD.CallbackUrl]);
    expect(deleteUpdate).not.toHaveProperty('LogoutURLs');
    expect((await described(pool, client)).CallbackURLs).toEqual([OLD.CallbackUrl]);
  });

  test('succeeds when the client was deleted out of band', async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    await onWorkerPortalUrlsEvent(event('Create', propsOf(pool, client)));
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: client }));

    await expect(onWorkerPortalUrlsEvent(event('Delete', propsOf(pool, client), undefined, `${pool}/${client}`))).resolves.toEqual({ PhysicalResourceId: `${pool}/${client}` });
  });

  test('succeeds when the user pool was deleted out of band', async () => {
    const pool = await newPool();
    const client = await newClient(pool);
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));

    await expect(onWorkerPortalUrlsEvent(event('Delete', propsOf(pool, client), undefined, `${pool}/${client}`))).resolves.toEqual({ PhysicalResourceId: `${pool}/${client}` });
    expect(aws.requestsOf('UpdateUserPoolClient')).toEqual([]);
  });
});
