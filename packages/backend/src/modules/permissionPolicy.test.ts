import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  analyticsExportPermission,
  auditReadPermission,
  integrationCreatePermission,
  integrationCredentialsUpdatePermission,
  integrationDeletePermission,
  integrationReadPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import {
  INTEGRATION_ADMINS_GROUP,
  IntegrationsPermissionPolicy,
} from './permissionPolicy';

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
});

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

describe('IntegrationsPermissionPolicy', () => {
  const policy = new IntegrationsPermissionPolicy();
  const admin = user('user:default/ada.admin', INTEGRATION_ADMINS_GROUP);
  const member = user('user:default/max.member', 'group:default/payments-team');
  const viewer = user('user:default/vera.viewer', 'group:default/support');

  it('lets everyone signed in read integrations', async () => {
    for (const who of [admin, member, viewer]) {
      const decision = await policy.handle(
        { permission: integrationReadPermission },
        who,
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets integration admins do everything', async () => {
    for (const permission of [
      integrationCreatePermission,
      integrationUpdatePermission,
      integrationDeletePermission,
      integrationCredentialsUpdatePermission,
      auditReadPermission,
      analyticsExportPermission,
    ]) {
      expect((await policy.handle({ permission }, admin)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('lets everyone signed in export the analytics they can read, and nobody anonymous', async () => {
    for (const who of [member, viewer]) {
      const decision = await policy.handle(
        { permission: analyticsExportPermission },
        who,
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
    expect(
      (await policy.handle({ permission: analyticsExportPermission })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('lets owners change their own integrations outside production only', async () => {
    const decision = await policy.handle(
      { permission: integrationUpdatePermission },
      member,
    );

    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'integrations',
      resourceType: 'integration',
      conditions: {
        allOf: [
          {
            rule: 'IS_INTEGRATION_OWNER',
            resourceType: 'integration',
            params: {
              claims: [
                'user:default/max.member',
                'group:default/payments-team',
              ],
            },
          },
          {
            not: {
              rule: 'IS_IN_ENVIRONMENT',
              resourceType: 'integration',
              params: { environments: ['production'] },
            },
          },
        ],
      },
    });
  });

  it('refuses everyone else any change, deletion, credentials or the audit log', async () => {
    for (const permission of [
      integrationCreatePermission,
      integrationDeletePermission,
      integrationCredentialsUpdatePermission,
      auditReadPermission,
    ]) {
      expect((await policy.handle({ permission }, member)).result).toBe(
        AuthorizeResult.DENY,
      );
    }
    expect(
      (await policy.handle({ permission: integrationUpdatePermission })).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('leaves the rest of the portal open', async () => {
    expect(
      (await policy.handle({ permission: catalogRead }, viewer)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});
