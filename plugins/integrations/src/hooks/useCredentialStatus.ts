import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The masked status of one environment's credential fields. */
export function useCredentialStatus(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(
    async () => (await api.getCredentials(name, environment)).fields,
    [api, name, environment],
  );
}
