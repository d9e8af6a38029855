import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { integrationReadPermission } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import {
  CHECKING_PERMISSIONS,
  PermissionAnswer,
} from './useIntegrationPermission';

/**
 * Whether the user may read any integration at all. Reading is decided per
 * configuration, so without a resource a policy answers allow, deny or
 * "under conditions"; only deny means there is nothing to show.
 * (`usePermission` denies a resource permission asked without a resource.)
 */
export function useMayReadIntegrations(deniedReason: string): PermissionAnswer {
  const permissionApi = useApi(permissionApiRef);
  const { value, loading, error } = useAsync(
    () => permissionApi.authorize({ permission: integrationReadPermission }),
    [permissionApi],
  );
  if (loading) {
    return { allowed: false, loading: true, reason: CHECKING_PERMISSIONS };
  }
  const allowed = !error && value?.result !== AuthorizeResult.DENY;
  return {
    allowed,
    loading: false,
    reason: allowed ? undefined : deniedReason,
  };
}
