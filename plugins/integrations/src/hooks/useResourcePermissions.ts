import { useApi } from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Which of many `name:environment` resources one permission allows, in one
 * batch of checks (a list would otherwise render a permission hook per row).
 */
export function useResourcePermissions(
  permission: ResourcePermission,
  resourceRefs: string[],
): { loading: boolean; allowed: ReadonlySet<string>; error?: Error } {
  const permissionApi = useApi(permissionApiRef);
  const key = resourceRefs.join(',');
  const { value, loading, error } = useAsync(async () => {
    const refs = key ? key.split(',') : [];
    const decisions = await Promise.all(
      refs.map(resourceRef =>
        permissionApi.authorize({ permission, resourceRef }),
      ),
    );
    return new Set(
      refs.filter(
        (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
      ),
    );
  }, [permissionApi, permission, key]);
  return { loading, allowed: value ?? new Set(), error };
}
