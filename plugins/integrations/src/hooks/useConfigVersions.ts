import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The history of one environment's configuration, newest first. */
export function useConfigVersions(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(async () => {
    const { items } = await api.listVersions(name, environment);
    return [...items].sort((a, b) => b.version - a.version);
  }, [api, name, environment]);
}
