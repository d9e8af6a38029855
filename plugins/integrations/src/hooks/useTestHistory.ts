import { useApi } from '@backstage/core-plugin-api';
import { TestHistoryQuery } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** One page of the test runs of every integration the user may read. */
export function useTestHistory(query: TestHistoryQuery) {
  const api = useApi(integrationsApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(() => api.listTestHistory(JSON.parse(key)), [api, key]);
}
