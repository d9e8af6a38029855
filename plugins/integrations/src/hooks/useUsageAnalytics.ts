import { useApi } from '@backstage/core-plugin-api';
import {
  IntegrationUsageAnalytics,
  UsageAnalyticsQuery,
} from '@internal/plugin-integrations-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/**
 * Usage analytics for one query. While another query loads, or after it
 * failed, the last answer stays available so the page does not go blank.
 */
export function useUsageAnalytics(query: UsageAnalyticsQuery) {
  const api = useApi(integrationsApiRef);
  const { environment, integration, from, to } = query;
  const state = useAsyncRetry(
    () => api.getUsageAnalytics({ environment, integration, from, to }),
    [api, environment, integration, from, to],
  );

  const [lastGood, setLastGood] = useState<IntegrationUsageAnalytics>();
  useEffect(() => {
    if (state.value) {
      setLastGood(state.value);
    }
  }, [state.value]);

  return {
    analytics: state.value ?? lastGood,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
