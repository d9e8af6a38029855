import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  Environment,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { ENVIRONMENT_LABELS } from '../labels';

interface ConfigRef {
  name: string;
  environment: Environment;
}

/**
 * Why the user may not change the configurations a bulk update touches, if they
 * may not; it is all-or-nothing, so one refused configuration refuses it all.
 */
export function useBulkUpdatePermission(configurations: ConfigRef[]): {
  deniedReason?: string;
} {
  const permissionApi = useApi(permissionApiRef);
  const key = JSON.stringify(
    configurations.map(({ name, environment }) => ({ name, environment })),
  );

  const { value, loading, error } = useAsync(async () => {
    const refs: ConfigRef[] = JSON.parse(key);
    const decisions = await Promise.all(
      refs.map(async ref => {
        const { result } = await permissionApi.authorize({
          permission: integrationUpdatePermission,
          resourceRef: `${ref.name}:${ref.environment}`,
        });
        return { ref, allowed: result === AuthorizeResult.ALLOW };
      }),
    );
    return decisions.filter(d => !d.allowed).map(d => d.ref);
  }, [permissionApi, key]);

  if (loading) {
    return { deniedReason: 'Checking your permissions…' };
  }
  if (error) {
    return {
      deniedReason: `Could not check your permissions: ${error.message}`,
    };
  }
  if (value && value.length > 0) {
    const refused = value
      .map(ref => `${ref.name} (${ENVIRONMENT_LABELS[ref.environment]})`)
      .join(', ');
    return { deniedReason: `You may not change ${refused}` };
  }
  return {};
}
