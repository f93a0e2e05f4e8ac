/*
 * The handler of the custom resource that puts the worker portal's callback and logout URLs on the Cognito app
 * client of a SageMaker workforce, once the workforce (and so its sub-domain) exists (worker-portal-urls.ts).
 *
 * UpdateUserPoolClient resets every setting it is not given to its default, so the handler reads the client
 * (DescribeUserPoolClient) and writes back every setting it read, with the portal's URLs added to the client's
 * own. It never removes a URL it did not add: on an update it takes away the portal URLs of an old sub-domain, on
 * removal the portal URLs it added, and in both cases keeps any URL the template itself lists.
 *
 * Its resource's properties carry the client's own CloudFormation properties: whenever CloudFormation updates the
 * client (and so writes the template's URL lists back), the resource is updated too and this runs again.
 */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolClientCommandInput,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LibraryResourceEvent, LibraryResourceResponse } from './provider-protocol';

/** The properties of the custom resource, as CloudFormation sends them. */
export interface WorkerPortalUrlsProperties {
  readonly UserPoolId: string;
  readonly ClientId: string;
  /** The portal's callback URL, `https://<subDomain>/oauth2/idpresponse`. */
  readonly CallbackUrl: string;
  /** The portal's logout URL, `https://<subDomain>/logout`. */
  readonly LogoutUrl: string;
  /**
   * The client's own CloudFormation properties (AWS::Cognito::UserPoolClient), as CloudFormation resolved them:
   * the URLs the template lists are never removed.
   */
  readonly Client?: { readonly CallbackURLs?: string[]; readonly LogoutURLs?: string[]; readonly [property: string]: unknown };
}

/**
 * The members of UpdateUserPoolClientRequest the handler sends, each as DescribeUserPoolClient returned it: every
 * member of the request that the described client has (the tests check this list against the Cognito API model).
 * Nothing else is sent. Left out on purpose: `PublishSecretsInAWSSecretsManager`, which Describe does not return;
 * "if you omit this parameter, Amazon Cognito doesn't change how it manages the existing secret" (API model,
 * botocore 1.44): a client whose secret is published in Secrets Manager keeps it there, and one whose secret is
 * not stays so. Sending `false` would delete the published secret at once, with no recovery window.
 */
export const UPDATABLE_MEMBERS = [
  'UserPoolId', 'ClientId', 'ClientName', 'RefreshTokenValidity', 'AccessTokenValidity', 'IdTokenValidity',
  'TokenValidityUnits', 'ReadAttributes', 'WriteAttributes', 'ExplicitAuthFlows', 'SupportedIdentityProviders',
  'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI', 'AllowedOAuthFlows', 'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient', 'AnalyticsConfiguration', 'PreventUserExistenceErrors', 'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData', 'AuthSessionValidity', 'RefreshTokenRotation',
] as const;

/** Cognito's limit on callback and logout URLs of one client (UpdateUserPoolClient). */
export const MAX_URLS = 100;

/**
 * How often a read-and-write is tried when Cognito throttles it or another writer changed the client meanwhile
 * (SageMaker also writes the client): each try reads the client again, so no one else's change is overwritten.
 */
export const retryPolicy = { attempts: 6, baseDelayMs: 1000 };

const RETRIED_ERRORS = new Set(['TooManyRequestsException', 'ConcurrentModificationException', 'ThrottlingException']);

/** OAuth flows for which Cognito refuses a client without callback URLs ("CallbackUrls can not be empty when code flow or implicit flow is selected"). */
const FLOWS_NEEDING_CALLBACK = ['code', 'implicit'];

let cognito: CognitoIdentityProviderClient | undefined;

export async function onWorkerPortalUrlsEvent(event: LibraryResourceEvent<WorkerPortalUrlsProperties>): Promise<LibraryResourceResponse> {
  const props = event.ResourceProperties;
  cognito ??= new CognitoIdentityProviderClient({});
  const physicalResourceId = `${props.UserPoolId}/${props.ClientId}`;

  if (event.RequestType === 'Delete') {
    // A client (or pool) deleted out of band has no URLs left to take away.
    await withClient(props, true, keepingSignInPossible(ourUrlsRemoved(props), props.CallbackUrl));
    return { PhysicalResourceId: event.PhysicalResourceId };
  }

  // CloudFormation sends OldResourceProperties with updates only.
  const old = event.OldResourceProperties;
  // The portal URLs of a former sub-domain go, unless this update keeps them (or the template lists them).
  const stale = old && old.UserPoolId === props.UserPoolId && old.ClientId === props.ClientId ? old : undefined;
  await withClient(props, false, (client) => {
    const withoutStale = stale ? ourUrlsRemoved({ ...stale, Client: props.Client })(client) : client;
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
    const callbackUrls = withoutUrl(client.CallbackURLs, props.CallbackUrl, props.Client?.CallbackURLs);
    return {
      ...client,
      CallbackURLs: callbackUrls,
      LogoutURLs: withoutUrl(client.LogoutURLs, props.LogoutUrl, props.Client?.LogoutURLs),
      // Cognito requires the default redirect URI to be one of the callback URLs.
      DefaultRedirectURI: callbackUrls?.find((url) => url === client.DefaultRedirectURI),
    };
  };
}

/**
 * Keeps the portal's callback URL where taking it away would leave a client with the code or implicit grant and no
 * callback URL, which UpdateUserPoolClient refuses (InvalidOAuthFlowException): a stack deletion must not fail on
 * it. Such a client is usually deleted in the same deployment; one that stays keeps a URL of a portal gone.
 */
function keepingSignInPossible(change: Change, callbackUrl: string): Change {
  return (client) => {
    const wanted = change(client);
    const needsCallback = client.AllowedOAuthFlowsUserPoolClient === true &&
      (client.AllowedOAuthFlows ?? []).some((flow) => FLOWS_NEEDING_CALLBACK.includes(flow));
    if (needsCallback && (wanted.CallbackURLs ?? []).length === 0 && client.CallbackURLs?.includes(callbackUrl)) {
      console.log(`keeping ${callbackUrl} on the app client ${client.ClientId}: Cognito refuses a client with the code or implicit grant and no callback URL`);
      return { ...wanted, CallbackURLs: [callbackUrl], DefaultRedirectURI: client.DefaultRedirectURI };
    }
    return wanted;
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

/**
 * The UpdateUserPoolClient request that keeps every setting of the client as read: the members of
 * UPDATABLE_MEMBERS it has, and no others. An empty URL list is left out (no URLs, as Cognito reads an absent one).
 */
export function updateRequestOf(client: UserPoolClientType): UpdateUserPoolClientCommandInput {
  const read = client as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  for (const member of UPDATABLE_MEMBERS) {
    const value = read[member];
    const emptyUrls = (member === 'CallbackURLs' || member === 'LogoutURLs') && Array.isArray(value) && value.length === 0;
    if (value !== undefined && !emptyUrls) {
      request[member] = value;
    }
  }
  return request as unknown as UpdateUserPoolClientCommandInput;
}

function sameUrls(a: UserPoolClientType, b: UserPoolClientType): boolean {
  const same = (x?: string[], y?: string[]) => JSON.stringify(x ?? []) === JSON.stringify(y ?? []);
  return same(a.CallbackURLs, b.CallbackURLs) && same(a.LogoutURLs, b.LogoutURLs) && a.DefaultRedirectURI === b.DefaultRedirectURI;
}
