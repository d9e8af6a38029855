import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { createPermission } from '@backstage/plugin-permission-common';
import { integrationReadPermission } from '@internal/plugin-integrations-common';
import {
  INTEGRATION_ADMINS_GROUP,
  IntegrationsPermissionPolicy,
} from './permissionPolicy';

const integrationDelete = createPermission({
  name: 'integrations.integration.delete',
  attributes: { action: 'delete' },
});
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
});

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: {
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
  } as PolicyQueryUser;
}

describe('IntegrationsPermissionPolicy', () => {
  const policy = new IntegrationsPermissionPolicy();
  const admin = user('user:default/ada.admin', INTEGRATION_ADMINS_GROUP);
  const viewer = user('user:default/vera.viewer', 'group:default/support');

  it('lets everyone signed in read integrations', async () => {
    for (const who of [admin, viewer]) {
      const decision = await policy.handle(
        { permission: integrationReadPermission },
        who,
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets only integration admins do anything else with integrations', async () => {
    expect(
      (await policy.handle({ permission: integrationDelete }, admin)).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: integrationDelete }, viewer)).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: integrationDelete })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('leaves the rest of the portal open', async () => {
    expect(
      (await policy.handle({ permission: catalogRead }, viewer)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});
