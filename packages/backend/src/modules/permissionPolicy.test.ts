import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  analyticsExportPermission,
  auditReadPermission,
  errorAutomatedFixPermission,
  errorCategorizePermission,
  errorReadPermission,
  errorResolvePermission,
  errorSensitiveDataPermission,
  integrationCreatePermission,
  integrationCredentialsUpdatePermission,
  integrationDeletePermission,
  integrationReadPermission,
  integrationUpdatePermission,
  webhookManagePermission,
  webhookPayloadsReadPermission,
  webhookReadPermission,
  webhookRetryPermission,
  webhookSecurityPermission,
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

  it('lets everyone see webhooks, owners manage, retry and inspect their own, and only admins change their security', async () => {
    for (const who of [member, viewer]) {
      expect(
        (await policy.handle({ permission: webhookReadPermission }, who))
          .result,
      ).toBe(AuthorizeResult.ALLOW);
    }
    for (const permission of [
      webhookManagePermission,
      webhookRetryPermission,
      webhookPayloadsReadPermission,
    ]) {
      const decision = await policy.handle({ permission }, member);
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          rule: 'IS_INTEGRATION_OWNER',
          params: {
            claims: expect.arrayContaining(['group:default/payments-team']),
          },
        },
      });
    }
    expect(
      (await policy.handle({ permission: webhookSecurityPermission }, member))
        .result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: webhookSecurityPermission }, admin))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
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

  it('lets everyone signed in read errors, and only owners triage theirs and read their bodies', async () => {
    for (const who of [member, viewer]) {
      expect(
        (await policy.handle({ permission: errorReadPermission }, who)).result,
      ).toBe(AuthorizeResult.ALLOW);
    }
    expect(
      (await policy.handle({ permission: errorReadPermission })).result,
    ).toBe(AuthorizeResult.DENY);
    for (const permission of [
      errorResolvePermission,
      errorCategorizePermission,
      errorSensitiveDataPermission,
    ]) {
      expect(await policy.handle({ permission }, member)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'integrations',
        resourceType: 'integration',
        conditions: {
          rule: 'IS_INTEGRATION_OWNER',
          resourceType: 'integration',
          params: {
            claims: ['user:default/max.member', 'group:default/payments-team'],
          },
        },
      });
    }
    // Fixes act on the integration: admins only.
    expect(
      (await policy.handle({ permission: errorAutomatedFixPermission }, member))
        .result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: errorAutomatedFixPermission }, admin))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('leaves the rest of the portal open', async () => {
    expect(
      (await policy.handle({ permission: catalogRead }, viewer)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});
