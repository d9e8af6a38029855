import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  UpdateCredentialsRequest,
} from '@internal/plugin-integrations-common';
import { useCallback } from 'react';
import { integrationsApiRef } from '../api';

/** Stores, replaces or removes credential fields of one environment. */
export function useUpdateCredentials(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (request: UpdateCredentialsRequest) =>
      api.updateCredentials(name, environment, request),
    [api, name, environment],
  );
}

/** Re-wraps every credential's data key with the primary key of the key ring. */
export function useRotateKeys() {
  const api = useApi(integrationsApiRef);
  return useCallback(() => api.rotateKeys(), [api]);
}
