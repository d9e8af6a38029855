import { useApi } from '@backstage/core-plugin-api';
import { ListConfigsQuery } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The integrations' configurations matching a query, reloaded when it changes. */
export function useIntegrationConfigs(query: ListConfigsQuery) {
  const api = useApi(integrationsApiRef);
  const { environment, category, enabled } = query;
  return useAsyncRetry(
    () => api.listConfigs({ environment, category, enabled }),
    [api, environment, category, enabled],
  );
}
