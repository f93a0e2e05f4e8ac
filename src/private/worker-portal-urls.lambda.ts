/*
 * The handler of the custom resource that puts the worker portal's callback and logout URLs on the Cognito app
 * client of a SageMaker workforce, once the workforce (and so its sub-domain) exists.
 *
 * UpdateUserPoolClient resets every setting it is not given to its default, so the handler reads the client
 * (DescribeUserPoolClient) and writes back every setting it read, with the portal's URLs added to the client's
 * own. It never removes a URL it did not add: on an update it takes away the portal URLs of an old sub-domain, on
 * removal the portal URLs it added, and in both cases keeps any URL the template itself lists.
 *
 * It runs on the AWS SDK for JavaScript v3 of Lambda's Node.js runtime, under aws-cdk-lib's provider framework,
 * which reports a thrown error to CloudFormation.
 */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolClientCommandInput,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';

/** The properties of the custom resource, as CloudFormation sends them (every value a string or list of strings). */
export interface WorkerPortalUrlsProperties {
  readonly UserPoolId: string;
  readonly ClientId: string;
  /** The portal's callback URL, `https://<subDomain>/oauth2/idpresponse`. */
  readonly CallbackUrl: string;
  /** The portal's logout URL, `https://<subDomain>/logout`. */
  readonly LogoutUrl: string;
  /** The callback URLs the template gives the client: never removed. */
  readonly TemplateCallbackUrls?: string[];
  /** The logout URLs the template gives the client: never removed. */
  readonly TemplateLogoutUrls?: string[];
  /** A digest of the client's CloudFormation properties: changes whenever CloudFormation rewrites the client. */
  readonly ClientDigest?: string;
}

/** The part of the provider framework's event (aws-cdk-lib `custom-resources` OnEventRequest) the handler reads. */
export interface WorkerPortalUrlsEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: WorkerPortalUrlsProperties;
  readonly OldResourceProperties?: WorkerPortalUrlsProperties;
}

export interface WorkerPortalUrlsResponse {
  readonly PhysicalResourceId?: string;
}

/**
 * Members of DescribeUserPoolClient's `UserPoolClient` that UpdateUserPoolClient does not take (checked against the
 * Cognito API model in the tests): everything else is written back as read.
 */
export const NOT_UPDATABLE = ['ClientSecret', 'CreationDate', 'LastModifiedDate'] as const;

/** Cognito's limit on callback and logout URLs of one client (UpdateUserPoolClient). */
export const MAX_URLS = 100;

/**
 * How often a read-and-write is tried when Cognito throttles it or another writer changed the client meanwhile
 * (SageMaker also writes the client): each try reads the client again, so no one else's change is overwritten.
 */
export const retryPolicy = { attempts: 6, baseDelayMs: 1000 };

const RETRIED_ERRORS = new Set(['TooManyRequestsException', 'ConcurrentModificationException', 'ThrottlingException']);

let cognito: CognitoIdentityProviderClient | undefined;

export async function handler(event: WorkerPortalUrlsEvent): Promise<WorkerPortalUrlsResponse> {
  const props = event.ResourceProperties;
  cognito ??= new CognitoIdentityProviderClient({});
  const physicalResourceId = `${props.UserPoolId}/${props.ClientId}`;

  if (event.RequestType === 'Delete') {
    // A client (or pool) deleted out of band has no URLs left to take away.
    await withClient(props, true, ourUrlsRemoved(props));
    return { PhysicalResourceId: event.PhysicalResourceId };
  }

  // CloudFormation sends OldResourceProperties with updates only.
  const old = event.OldResourceProperties;
  // The portal URLs of a former sub-domain go, unless this update keeps them (or the template lists them).
  const stale = old && old.UserPoolId === props.UserPoolId && old.ClientId === props.ClientId ? old : undefined;
  await withClient(props, false, (client) => {
    const keptByTemplate = { TemplateCallbackUrls: props.TemplateCallbackUrls, TemplateLogoutUrls: props.TemplateLogoutUrls };
    const withoutStale = stale ? ourUrlsRemoved({ ...stale, ...keptByTemplate })(client) : client;
    return {
      ...withoutStale,
      CallbackURLs: withUrl(withoutStale.CallbackURLs, props.CallbackUrl),
      LogoutURLs: withUrl(withoutStale.LogoutURLs, props.LogoutUrl),
    };
  });
  return { PhysicalResourceId: physicalResourceId };
}

/** A change of the client's settings, as read, to what they should be. */
type Change = (client: UserPoolClientType) => UserPoolClientType;

/** Takes away the portal URLs of `props`, except those the template lists. */
function ourUrlsRemoved(props: WorkerPortalUrlsProperties): Change {
  return (client) => {
    const callbackUrls = withoutUrl(client.CallbackURLs, props.CallbackUrl, props.TemplateCallbackUrls);
    return {
      ...client,
      CallbackURLs: callbackUrls,
      LogoutURLs: withoutUrl(client.LogoutURLs, props.LogoutUrl, props.TemplateLogoutUrls),
      // Cognito requires the default redirect URI to be one of the callback URLs.
      DefaultRedirectURI: callbackUrls?.find((url) => url === client.DefaultRedirectURI),
    };
  };
}

function withUrl(urls: string[] | undefined, url: string): string[] {
  return urls?.includes(url) ? urls : [...(urls ?? []), url];
}

function withoutUrl(urls: string[] | undefined, url: string, keep: string[] | undefined): string[] | undefined {
  return keep?.includes(url) ? urls : urls?.filter((existing) => existing !== url);
}

/**
 * Reads the client, applies `change` and writes the result back when it differs, retrying throttled or conflicting
 * tries. A client that is gone is no error when `gone` allows it.
 */
async function withClient(props: WorkerPortalUrlsProperties, gone: boolean, change: Change): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const described = await cognito!.send(new DescribeUserPoolClientCommand({ UserPoolId: props.UserPoolId, ClientId: props.ClientId }));
      const current = described.UserPoolClient!;
      const wanted = change(current);
      if (sameUrls(current, wanted)) {
        return;
      }
      for (const [setting, urls] of [['CallbackURLs', wanted.CallbackURLs], ['LogoutURLs', wanted.LogoutURLs]] as const) {
        if ((urls?.length ?? 0) > MAX_URLS) {
          throw new Error(`${setting} would have ${urls!.length} URLs with the worker portal's; Cognito allows at most ${MAX_URLS}`);
        }
      }
      await cognito!.send(new UpdateUserPoolClientCommand(updateRequestOf(wanted)));
      return;
    } catch (error) {
      const name = (error as Error).name;
      if (gone && name === 'ResourceNotFoundException') {
        return;
      }
      if (RETRIED_ERRORS.has(name) && attempt < retryPolicy.attempts) {
        await new Promise((resolve) => setTimeout(resolve, retryPolicy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));
        continue;
      }
      throw new Error(
        `could not set the worker portal's callback and logout URLs on the app client ${props.ClientId} of the user pool ` +
          `${props.UserPoolId}: ${name}: ${(error as Error).message}`,
      );
    }
  }
}

/** Every setting of the client as read, for UpdateUserPoolClient, which resets what it is not given. */
export function updateRequestOf(client: UserPoolClientType): UpdateUserPoolClientCommandInput {
  const request: Record<string, unknown> = { ...client };
  for (const member of NOT_UPDATABLE) {
    delete request[member];
  }
  for (const [member, value] of Object.entries(request)) {
    if (value === undefined) {
      delete request[member];
    }
  }
  return request as unknown as UpdateUserPoolClientCommandInput;
}

function sameUrls(a: UserPoolClientType, b: UserPoolClientType): boolean {
  const same = (x?: string[], y?: string[]) => JSON.stringify(x ?? []) === JSON.stringify(y ?? []);
  return same(a.CallbackURLs, b.CallbackURLs) && same(a.LogoutURLs, b.LogoutURLs) && a.DefaultRedirectURI === b.DefaultRedirectURI;
}
