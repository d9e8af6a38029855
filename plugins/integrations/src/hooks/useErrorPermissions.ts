import {
  Environment,
  errorAutomatedFixPermission,
  errorCategorizePermission,
  errorResolvePermission,
} from '@internal/plugin-integrations-common';
import { ENVIRONMENT_LABELS } from '../labels';
import { useIntegrationPermission } from './useIntegrationPermission';

/**
 * What the user may do to the error groups of one integration in one
 * environment: triage them (status, resolution, snooze, severity), change
 * how they group (merge, unmerge) and run their automated fixes; as the reason a control is disabled,
 * naming the missing permission, undefined when it is allowed.
 */
export function useErrorPermissions(
  integration: string,
  environment: Environment,
) {
  const resourceRef = `${integration}:${environment}`;
  const where = `${integration} in ${ENVIRONMENT_LABELS[
    environment
  ].toLowerCase()}`;
  const triage = useIntegrationPermission(
    errorResolvePermission,
    resourceRef,
    `You may not triage the errors of ${where}: that takes the ${errorResolvePermission.name} permission`,
  );
  const categorize = useIntegrationPermission(
    errorCategorizePermission,
    resourceRef,
    `You may not merge or unmerge the error groups of ${where}: that takes the ${errorCategorizePermission.name} permission`,
  );
  const fix = useIntegrationPermission(
    errorAutomatedFixPermission,
    resourceRef,
    `You may not run or turn on the automated fixes of ${where}: that takes the ${errorAutomatedFixPermission.name} permission`,
  );
  return {
    triageDeniedReason: triage.reason,
    categorizeDeniedReason: categorize.reason,
    fixDeniedReason: fix.reason,
  };
}
