import { useApi } from '@backstage/core-plugin-api';
import { ListConfigsQuery } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/**
 * The integrations' configurations matching a query, reloaded when it changes
 * or when `reloadKey` does (after something was saved).
 */
export function useIntegrationConfigs(query: ListConfigsQuery, reloadKey = 0) {
  const api = useApi(integrationsApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.listConfigs(JSON.parse(key)),
    [api, key, reloadKey],
  );
}
