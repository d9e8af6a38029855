import { usePermission } from '@backstage/plugin-permission-react';
import {
  Environment,
  integrationTestRunPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../labels';
import { updateDeniedReason } from './useIntegrationPermissions';

const CHECKING = 'Checking your permissions…';

/** Why the user may not run tests of one integration in one environment. */
export function testDeniedReason(
  name: string,
  environment: Environment,
): string {
  return `You may not run tests of ${name} in ${ENVIRONMENT_LABELS[
    environment
  ].toLowerCase()}: tests use its credentials and call the provider`;
}

/**
 * What the user may do from a status card: run tests, and switch the
 * integration on or off; as the reason a control is disabled, undefined when
 * it is allowed.
 */
export function useHealthActionPermissions(
  name: string,
  environment: Environment,
) {
  const resourceRef = `${name}:${environment}`;
  const test = usePermission({
    permission: integrationTestRunPermission,
    resourceRef,
  });
  const update = usePermission({
    permission: integrationUpdatePermission,
    resourceRef,
  });

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
    testDeniedReason: reason(test, testDeniedReason(name, environment)),
    updateDeniedReason: reason(update, updateDeniedReason(name, environment)),
  };
}
