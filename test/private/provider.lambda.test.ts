import { LibraryResourceEvent, RESOURCE_TYPES } from '../../src/private/provider-protocol';
import { handler, HANDLERS } from '../../src/private/provider.lambda';
import { onWorkerAccessEvent } from '../../src/private/worker-access.handler';
import { onWorkerPortalUrlsEvent } from '../../src/private/worker-portal-urls.handler';

function event(requestType: 'Create' | 'Update' | 'Delete', resourceType: string): LibraryResourceEvent {
  return { RequestType: requestType, ResourceType: resourceType, LogicalResourceId: 'Thing', PhysicalResourceId: 'thing-1', ResourceProperties: {} };
}

describe('the handler of the provider', () => {
  test('has a handler module for every resource type of the library', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.values(RESOURCE_TYPES).sort());
    expect(HANDLERS[RESOURCE_TYPES.WORKER_PORTAL_URLS]).toBe(onWorkerPortalUrlsEvent);
    expect(HANDLERS[RESOURCE_TYPES.WORKER_ACCESS]).toBe(onWorkerAccessEvent);
  });

  test('fails the Create or Update of a type it does not know, naming it and the known ones', async () => {
    for (const requestType of ['Create', 'Update'] as const) {
      await expect(handler(event(requestType, 'Custom::Unknown'))).rejects.toThrow(
        'cdk-sagemaker-workteam: no handler for the custom resource type Custom::Unknown (known: Custom::SageMakerWorkerPortalUrls, Custom::SageMakerWorkteamWorkerAccess, Custom::SageMakerFlowDefinition)',
      );
    }
  });

  test('lets the Delete of a type it does not know succeed, so that a stack deletion cannot fail on it', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(handler(event('Delete', 'Custom::Dropped'))).resolves.toEqual({ PhysicalResourceId: 'thing-1' });
      expect(log).toHaveBeenCalledWith('no handler for Custom::Dropped: its Delete is a no-op');
    } finally {
      log.mockRestore();
    }
  });
});
