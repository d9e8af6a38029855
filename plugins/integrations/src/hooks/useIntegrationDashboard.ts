import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  Environment,
  HEALTH_SIGNAL_CHANNEL,
  HealthSignal,
  IntegrationDashboard,
} from '@internal/plugin-integrations-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import { integrationsApiRef } from '../api';

/** How often the dashboard reloads when no status-change signal arrives. */
export const DASHBOARD_REFRESH_MS = 30_000;

/**
 * The health dashboard of one environment, reloaded when the backend signals a
 * status change in that environment and every 30 seconds in case signals are
 * not available. A failed reload keeps the last dashboard and reports the error.
 */
export function useIntegrationDashboard(environment: Environment) {
  const api = useApi(integrationsApiRef);
  const { lastSignal } = useSignal(HEALTH_SIGNAL_CHANNEL);
  const signal = lastSignal as unknown as HealthSignal | null;
  const relevantSignal = signal?.environment === environment ? signal : null;

  const [reloads, setReloads] = useState(0);
  const refresh = useCallback(() => setReloads(n => n + 1), []);
  useInterval(refresh, DASHBOARD_REFRESH_MS);

  // A newer request supersedes one still running, so a reload is never skipped.
  const state = useAsync(
    () => api.getDashboard(environment),
    [api, environment, relevantSignal, reloads],
  );

  const [lastGood, setLastGood] = useState<IntegrationDashboard>();
  useEffect(() => {
    if (state.value) {
      setLastGood(state.value);
    }
  }, [state.value]);

  const dashboard =
    state.value ??
    (lastGood?.environment === environment ? lastGood : undefined);

  return {
    dashboard,
    loading: state.loading,
    error: state.error,
    refresh,
  };
}
