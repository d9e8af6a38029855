import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '@internal/plugin-integrations-backend';
import {
  analyticsExportPermission,
  integrationReadPermission,
  errorCategorizePermission,
  errorReadPermission,
  errorResolvePermission,
  errorSensitiveDataPermission,
  integrationTestRunPermission,
  integrationUpdatePermission,
  webhookManagePermission,
  webhookPayloadsReadPermission,
  webhookReadPermission,
  webhookRetryPermission,
} from '@internal/plugin-integrations-common';

/** Members of this group may do everything in the integrations plugin. */
export const INTEGRATION_ADMINS_GROUP = 'group:default/integration-admins';

/**
 * The portal's policy. Integration admins do everything with integrations;
 * members of an integration's owning group may change its settings outside
 * production, test it in every environment and triage its errors; everyone
 * signed in may read integrations, their errors and webhooks and export the
 * usage analytics of those they read; the rest of the portal is open to all.
 */
export class IntegrationsPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('integrations.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, integrationReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(INTEGRATION_ADMINS_GROUP)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // An export holds only what the Analytics page already shows the same
    // person (the backend exports the integrations they may read), so
    // refusing it would only send them to copy the page by hand. Each export
    // is recorded in the audit log; a company that keeps cost figures in
    // fewer hands denies this to all but its admins.
    if (user && isPermission(permission, analyticsExportPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (user && isPermission(permission, integrationUpdatePermission)) {
      return createIntegrationConditionalDecision(permission, {
        allOf: [
          integrationConditions.isIntegrationOwner({ claims }),
          {
            not: integrationConditions.isInEnvironment({
              environments: ['production'],
            }),
          },
        ],
      });
    }
    // Everyone who reads integrations reads how they fail: messages are
    // redacted, and the people calling a provider need to see its errors.
    if (user && isPermission(permission, errorReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // The owning team triages its integrations' errors, regroups them and
    // reads their redacted requests and responses; fixes that act on an
    // integration stay with the admins.
    if (
      user &&
      (isPermission(permission, errorResolvePermission) ||
        isPermission(permission, errorCategorizePermission) ||
        isPermission(permission, errorSensitiveDataPermission))
    ) {
      return createIntegrationConditionalDecision(
        permission,
        integrationConditions.isIntegrationOwner({ claims }),
      );
    }
    // Everyone sees which webhooks an integration sends and whether they
    // arrive; its owning team adds and edits them, retries and replays what
    // failed, and reads what was sent. Signing secrets' rotation and IP
    // allow-lists stay with the admins.
    if (user && isPermission(permission, webhookReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      user &&
      (isPermission(permission, webhookManagePermission) ||
        isPermission(permission, webhookRetryPermission) ||
        isPermission(permission, webhookPayloadsReadPermission))
    ) {
      return createIntegrationConditionalDecision(
        permission,
        integrationConditions.isIntegrationOwner({ claims }),
      );
    }
    if (user && isPermission(permission, integrationTestRunPermission)) {
      return createIntegrationConditionalDecision(
        permission,
        integrationConditions.isIntegrationOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

export const permissionModuleIntegrationsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'integrations-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new IntegrationsPermissionPolicy());
      },
    });
  },
});
