import {
  Environment,
  integrationTestRunPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../labels';
import { useIntegrationPermission } from './useIntegrationPermission';
import { updateDeniedReason } from './useIntegrationPermissions';

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
  const test = useIntegrationPermission(
    integrationTestRunPermission,
    resourceRef,
    testDeniedReason(name, environment),
  );
  const update = useIntegrationPermission(
    integrationUpdatePermission,
    resourceRef,
    updateDeniedReason(name, environment),
  );
  return {
    testDeniedReason: test.reason,
    updateDeniedReason: update.reason,
  };
}
