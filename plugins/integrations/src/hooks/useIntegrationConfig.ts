import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** One integration's configurations, one per environment it is configured in. */
export function useIntegrationConfig(name: string) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(() => api.getConfig(name), [api, name]);
}
