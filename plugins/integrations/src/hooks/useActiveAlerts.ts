import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertSignal,
  Environment,
  IntegrationAlert,
  ListAlertsResponse,
} from '@internal/plugin-integrations-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import { integrationsApiRef } from '../api';
import { DASHBOARD_REFRESH_MS } from './useIntegrationDashboard';

/** The most alerts the dashboard lists; the count says when there are more. */
export const ACTIVE_ALERTS_LIMIT = 50;

/**
 * The open and acknowledged alerts of one environment, reloaded when the
 * backend signals a change of an alert there and every 30 seconds in case
 * signals are not available. A failed reload keeps the last list.
 */
export function useActiveAlerts(environment: Environment) {
  const api = useApi(integrationsApiRef);
  const { lastSignal } = useSignal(ALERTS_SIGNAL_CHANNEL);
  const signal = lastSignal as unknown as AlertSignal | null;
  const relevantSignal = signal?.environment === environment ? signal : null;

  const [reloads, setReloads] = useState(0);
  const refresh = useCallback(() => setReloads(n => n + 1), []);
  useInterval(refresh, DASHBOARD_REFRESH_MS);

  const state = useAsync(
    () =>
      api.listAlerts({
        environment,
        status: 'active',
        limit: ACTIVE_ALERTS_LIMIT,
      }),
    [api, environment, relevantSignal, reloads],
  );

  const [lastGood, setLastGood] = useState<{
    environment: Environment;
    page: ListAlertsResponse;
  }>();
  useEffect(() => {
    if (state.value) {
      setLastGood({ environment, page: state.value });
    }
  }, [state.value, environment]);

  const page =
    state.value ??
    (lastGood?.environment === environment ? lastGood.page : undefined);

  return {
    alerts: page?.items,
    totalCount: page?.totalCount ?? 0,
    loading: state.loading,
    error: state.error,
    refresh,
  };
}

/** Acknowledges an alert, then calls `onAcknowledged`. */
export function useAcknowledgeAlert(
  onAcknowledged: (alert: IntegrationAlert) => void,
) {
  const api = useApi(integrationsApiRef);
  return useAsyncFn(
    async (alert: IntegrationAlert) => {
      const acknowledged = await api.acknowledgeAlert(alert.id);
      onAcknowledged(acknowledged);
      return acknowledged;
    },
    [api, onAcknowledged],
  );
}
