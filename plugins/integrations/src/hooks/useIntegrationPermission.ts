import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

export const CHECKING_PERMISSIONS = 'Checking your permissions…';

export interface PermissionAnswer {
  allowed: boolean;
  loading: boolean;
  /** Why the user may not, while it is not (yet) allowed; undefined when allowed. */
  reason?: string;
}

/**
 * May the user do this, and if not, why: the reason to show on a disabled
 * control. `resourceRef` names one configuration, `<name>:<environment>`.
 */
export function useIntegrationPermission(
  permission: BasicPermission | ResourcePermission,
  resourceRef: string | undefined,
  deniedReason: string,
): PermissionAnswer {
  const result = usePermission(
    permission.type === 'resource'
      ? { permission, resourceRef }
      : { permission },
  );
  if (result.loading) {
    return { allowed: false, loading: true, reason: CHECKING_PERMISSIONS };
  }
  return {
    allowed: result.allowed,
    loading: false,
    reason: result.allowed ? undefined : deniedReason,
  };
}
