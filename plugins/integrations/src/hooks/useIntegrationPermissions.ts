import {
  Environment,
  integrationDeletePermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../labels';
import { useIntegrationPermission } from './useIntegrationPermission';

/** Why the user may not change one environment's configuration. */
export function updateDeniedReason(
  name: string,
  environment: Environment,
): string {
  return environment === 'production'
    ? 'You may not change production settings of integrations you do not administer'
    : `You may not change the ${ENVIRONMENT_LABELS[
        environment
      ].toLowerCase()} settings of ${name}`;
}

/**
 * What the user may do to one integration (change its configuration in one
 * environment; delete or restore it as a whole), as the reason a control is
 * disabled, undefined when it is allowed.
 */
export function useIntegrationPermissions(
  name: string,
  environment: Environment,
) {
  const update = useIntegrationPermission(
    integrationUpdatePermission,
    `${name}:${environment}`,
    updateDeniedReason(name, environment),
  );
  // Deleting and restoring take the whole integration, so every environment must allow it.
  const removeDenied = `You may not delete or restore ${name}: that takes the delete permission in every environment`;
  const removals = [
    useIntegrationPermission(
      integrationDeletePermission,
      `${name}:development`,
      removeDenied,
    ),
    useIntegrationPermission(
      integrationDeletePermission,
      `${name}:staging`,
      removeDenied,
    ),
    useIntegrationPermission(
      integrationDeletePermission,
      `${name}:production`,
      removeDenied,
    ),
  ];

  return {
    updateDeniedReason: update.reason,
    deleteDeniedReason: removals.find(result => result.reason)?.reason,
  };
}
