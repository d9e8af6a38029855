import { usePermission } from '@backstage/plugin-permission-react';
import {
  Environment,
  integrationDeletePermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../labels';

const CHECKING = 'Checking your permissions…';

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
  const resourceRef = `${name}:${environment}`;
  const update = usePermission({
    permission: integrationUpdatePermission,
    resourceRef,
  });
  // Deleting and restoring take the whole integration, so every environment must allow it.
  const removeDevelopment = usePermission({
    permission: integrationDeletePermission,
    resourceRef: `${name}:development`,
  });
  const removeStaging = usePermission({
    permission: integrationDeletePermission,
    resourceRef: `${name}:staging`,
  });
  const removeProduction = usePermission({
    permission: integrationDeletePermission,
    resourceRef: `${name}:production`,
  });
  const removals = [removeDevelopment, removeStaging, removeProduction];
  const remove = {
    loading: removals.some(result => result.loading),
    allowed: removals.every(result => result.allowed),
  };

  const reason = (
    result: { loading: boolean; allowed: boolean },
    denied: string,
  ) => {
    if (result.loading) {
      return CHECKING;
    }
    return result.allowed ? undefined : denied;
  };

  return {
    updateDeniedReason: reason(update, updateDeniedReason(name, environment)),
    deleteDeniedReason: reason(
      remove,
      `You may not delete or restore ${name}: that takes the delete permission in every environment`,
    ),
  };
}
