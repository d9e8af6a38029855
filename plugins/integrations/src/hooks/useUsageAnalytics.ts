import { useApi } from '@backstage/core-plugin-api';
import {
  IntegrationUsageAnalytics,
  UsageAnalyticsQuery,
  UsageExportQuery,
} from '@internal/plugin-integrations-common';
import { useCallback, useEffect, useState } from 'react';
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

/** Usage as a CSV or JSON file, for a download. */
export function useUsageExport() {
  const api = useApi(integrationsApiRef);
  return useCallback(
    (query: UsageExportQuery) => api.exportUsageAnalytics(query),
    [api],
  );
}
