import {
  ENVIRONMENTS,
  Environment,
  webhookManagePermission,
  webhookRetryPermission,
  webhookSecurityPermission,
} from '@internal/plugin-integrations-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { useCallback } from 'react';
import { CHECKING_PERMISSIONS } from './useIntegrationPermission';
import { useResourcePermissions } from './useResourcePermissions';

/** Why a webhook action is refused, or undefined when it is allowed. */
export type WebhookDeniedReason = (
  integration: string,
  environments: readonly Environment[],
) => string | undefined;

const ACTIONS = {
  manage: 'manage the webhook endpoints',
  security: 'rotate the signing secret or change the IP allow-list',
  retry: 'retry or replay the deliveries',
};

function refsOf(integrations: string[]): string[] {
  return integrations.flatMap(integration =>
    ENVIRONMENTS.map(environment => `${integration}:${environment}`),
  );
}

function useDeniedReason(
  permission: ResourcePermission,
  action: string,
  integrations: string[],
): { reason: WebhookDeniedReason; allowedRefs?: ReadonlySet<string> } {
  const { loading, allowed } = useResourcePermissions(
    permission,
    refsOf(integrations),
  );
  const reason: WebhookDeniedReason = useCallback(
    (integration, environments) => {
      if (loading) {
        return CHECKING_PERMISSIONS;
      }
      const denied = environments.filter(
        environment => !allowed.has(`${integration}:${environment}`),
      );
      return denied.length === 0
        ? undefined
        : `You may not ${action} of ${integration} in ${denied.join(
            ', ',
          )}: that takes the ${permission.name} permission`;
    },
    [loading, allowed, action, permission],
  );
  return { reason, allowedRefs: loading ? undefined : allowed };
}

/**
 * What the user may do to the webhooks of the given integrations. An
 * endpoint spans environments, so an action on it needs the permission in
 * each environment it delivers for, as the backend checks it.
 */
export function useWebhookPermissions(integrations: string[]) {
  const unique = [...new Set(integrations)].sort();
  const manage = useDeniedReason(
    webhookManagePermission,
    ACTIONS.manage,
    unique,
  );
  const { allowedRefs } = manage;
  return {
    manageDenied: manage.reason,
    /** Integrations with an environment whose endpoints the user may manage; undefined while checking. */
    manageable: allowedRefs
      ? unique.filter(integration =>
          ENVIRONMENTS.some(env => allowedRefs.has(`${integration}:${env}`)),
        )
      : undefined,
    securityDenied: useDeniedReason(
      webhookSecurityPermission,
      ACTIONS.security,
      unique,
    ).reason,
    retryDenied: useDeniedReason(webhookRetryPermission, ACTIONS.retry, unique)
      .reason,
  };
}
