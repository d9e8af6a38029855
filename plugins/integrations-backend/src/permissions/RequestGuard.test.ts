import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AUTHORIZE_BATCH_SIZE, RequestGuard } from './RequestGuard';
import { integrationPermissionRules } from './rules';
import { AuditStore } from '../audit/AuditStore';

const readPermission = createPermission({
  name: 'integrations.integration.read',
  attributes: { action: 'read' },
  resourceType: 'integration',
});

/** A permission backend that, like the real one, refuses a request body over its limit. */
function permissionBackend(allowed: (ref: string) => boolean) {
  const calls: number[] = [];
  const permissions = {
    authorize: async (requests: Array<{ resourceRef?: string }>) => {
      calls.push(requests.length);
      if (requests.length > AUTHORIZE_BATCH_SIZE) {
        throw new Error('Request failed with 413 Payload Too Large');
      }
      return requests.map(r => ({
        result: allowed(r.resourceRef!)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      }));
    },
  } as unknown as PermissionsService;
  return { permissions, calls };
}

function guardWith(permissions: PermissionsService) {
  return new RequestGuard({
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor: mockServices.auditor.mock(),
    auditStore: {} as AuditStore,
    permissionRuleset: {
      getRuleByName: (name: string) =>
        integrationPermissionRules.find(rule => rule.name === name)!,
    } as any,
  });
}

describe('RequestGuard', () => {
  // 250 integrations in three environments: what a large company's lists ask about.
  const refs = Array.from({ length: 750 }, (_, i) => `bench-${i}:production`);

  it('answers which of hundreds of configurations a user may read, in order', async () => {
    const backend = permissionBackend(
      ref => Number(ref.split(/[-:]/)[1]) % 2 === 0,
    );
    const guard = guardWith(backend.permissions);

    const allowed = await guard.allowedResources(
      mockCredentials.user(),
      readPermission,
      refs,
    );

    expect(allowed).toHaveLength(375);
    expect(allowed.slice(0, 2)).toEqual([
      'bench-0:production',
      'bench-2:production',
    ]);
    expect(Math.max(...backend.calls)).toBeLessThanOrEqual(
      AUTHORIZE_BATCH_SIZE,
    );
  });

  it('refuses a change on many configurations naming the ones denied', async () => {
    const backend = permissionBackend(ref => ref !== 'bench-700:production');
    const guard = guardWith(backend.permissions);

    await expect(
      guard.authorizeResources(mockCredentials.user(), readPermission, refs),
    ).rejects.toThrow(
      'You lack the permission integrations.integration.read on bench-700:production',
    );
  });
});
