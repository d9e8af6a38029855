import { useApi } from '@backstage/core-plugin-api';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertSignal,
  ENVIRONMENTS,
  Environment,
  HEALTH_SIGNAL_CHANNEL,
  HealthSignal,
  IntegrationHealthStatus,
} from '@internal/plugin-integrations-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { integrationsApiRef } from '../api';
import { useErrorsChanged } from './useErrorsChanged';
import { DASHBOARD_REFRESH_MS } from './useIntegrationDashboard';
import { useThrottledSignal } from './useThrottledSignal';

/** One integration's live figures in one environment, as its catalog card shows them. */
export interface IntegrationStatusFigures {
  integration: string;
  environment: Environment;
  /** Absent when the integration has no configuration there the user may read. */
  status?: IntegrationHealthStatus;
  /** Open and investigated error groups seen in the last 24 hours. */
  openErrorGroups: number;
  activeAlerts: number;
}

/**
 * One integration's status, open error groups and active alerts in one
 * environment (production unless asked for another it is configured in),
 * and the environments it is configured in. Reloaded when the backend
 * signals a status change, an alert or an error of the integration, and
 * every 30 seconds in case signals are not available; a failed reload keeps
 * the last figures and reports the error.
 */
export function useIntegrationStatus(
  integration: string,
  requested?: Environment,
) {
  const api = useApi(integrationsApiRef);

  const configs = useAsyncRetry(
    () => api.getConfig(integration),
    [api, integration],
  );
  const environments = useMemo(
    () =>
      ENVIRONMENTS.filter(environment =>
        configs.value?.some(config => config.environment === environment),
      ),
    [configs.value],
  );
  let environment: Environment | undefined;
  if (requested && environments.includes(requested)) {
    environment = requested;
  } else if (environments.length > 0) {
    environment = environments.includes('production')
      ? 'production'
      : environments[0];
  }

  const ofThis = useCallback(
    (signal: { integration: string; environment: Environment }) =>
      signal.integration === integration && signal.environment === environment,
    [integration, environment],
  );
  const healthChanges = useThrottledSignal<HealthSignal>(
    HEALTH_SIGNAL_CHANNEL,
    ofThis,
  );
  const alertChanges = useThrottledSignal<AlertSignal>(
    ALERTS_SIGNAL_CHANNEL,
    ofThis,
  );
  const errorChanges = useErrorsChanged(ofThis);
  const [reloads, setReloads] = useState(0);
  useInterval(() => {
    setReloads(n => n + 1);
    // Looked up once; again only when the backend could not be asked.
    if (configs.error) {
      configs.retry();
    }
  }, DASHBOARD_REFRESH_MS);

  const figures = useAsync(async (): Promise<
    IntegrationStatusFigures | undefined
  > => {
    if (!environment) {
      return undefined;
    }
    const [health, errors, alerts] = await Promise.all([
      api.getHealth({ environment, integration }),
      api.getErrorSummary({ environment, integration }),
      api.listAlerts({ environment, integration, status: 'active', limit: 1 }),
    ]);
    return {
      integration,
      environment,
      status: health.items.find(item => item.integration === integration),
      openErrorGroups: errors.openErrors,
      activeAlerts: alerts.totalCount,
    };
  }, [
    api,
    integration,
    environment,
    healthChanges,
    alertChanges,
    errorChanges,
    reloads,
  ]);

  const [lastGood, setLastGood] = useState<IntegrationStatusFigures>();
  useEffect(() => {
    if (figures.value) {
      setLastGood(figures.value);
    }
  }, [figures.value]);

  return {
    environments,
    environment,
    figures:
      figures.value ??
      (lastGood?.integration === integration &&
      lastGood.environment === environment
        ? lastGood
        : undefined),
    loading: configs.loading || figures.loading,
    /** The integration could not be looked up at all: unknown, not readable, or the backend is down. */
    configError: configs.error,
    /** The figures could not be (re)loaded. */
    error: figures.error,
  };
}
