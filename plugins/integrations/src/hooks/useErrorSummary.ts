import { useApi } from '@backstage/core-plugin-api';
import { Environment, HealthRange } from '@internal/plugin-integrations-common';
import { integrationsApiRef } from '../api';
import { useErrorsQuery } from './useErrorsQuery';

const RANGE_HOURS: Record<HealthRange, number> = {
  '24h': 24,
  '7d': 7 * 24,
  '30d': 30 * 24,
};

/**
 * The Errors page header of one environment (and integration) over the last
 * 24 hours, 7 or 30 days up to now: the period is taken when the summary
 * loads, so a reload after a signal moves it on.
 */
export function useErrorSummary(query: {
  environment: Environment;
  integration?: string;
  range: HealthRange;
}) {
  const api = useApi(integrationsApiRef);
  const { environment, integration, range } = query;
  return useErrorsQuery({
    key: JSON.stringify([environment, integration, range]),
    load: () => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGE_HOURS[range] * 3_600_000);
      return api.getErrorSummary({
        environment,
        integration,
        from: from.toISOString(),
        to: to.toISOString(),
      });
    },
    isRelevant: signal =>
      signal.environment === environment &&
      (!integration || signal.integration === integration),
    keepAcrossKeys: true,
  });
}
