import { useApi } from '@backstage/core-plugin-api';
import {
  IntegrationConfig,
  integrationCredentialsUpdatePermission,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';
import { useIntegrationPermission } from './useIntegrationPermission';

export const CREDENTIAL_TARGET_LOCKED =
  'Only someone allowed to change credentials can point the stored credentials at another host';

/**
 * Why the host of a configuration may not be changed, if so: when credentials
 * are stored for it, a new host receives them, so the backend asks for the
 * permission to change credentials; saying so before the edit spares a refused save.
 */
export function useCredentialTargetLock(config: IntegrationConfig): {
  reason?: string;
} {
  const { name, environment } = config;
  const permission = useIntegrationPermission(
    integrationCredentialsUpdatePermission,
    `${name}:${environment}`,
    CREDENTIAL_TARGET_LOCKED,
  );
  const api = useApi(integrationsApiRef);
  const mayNotChange = !permission.loading && !permission.allowed;
  const stored = useAsync(async () => {
    if (!mayNotChange) {
      return false;
    }
    const { fields } = await api.getCredentials(name, environment);
    return fields.some(field => field.set);
  }, [api, name, environment, mayNotChange]);

  return stored.value ? { reason: permission.reason } : {};
}
