import { useApi } from '@backstage/core-plugin-api';
import { Environment, HealthRange } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/**
 * Response time, failures and uptime per integration (every readable one
 * unless `integrations` names some) over a range, reloaded when `reloadKey`
 * changes (e.g. whenever the dashboard was reloaded).
 */
export function useHealthHistory(
  environment: Environment,
  range: HealthRange,
  reloadKey?: string,
  integrations?: string[],
) {
  const api = useApi(integrationsApiRef);
  const names = integrations?.join(',');
  return useAsync(
    () =>
      api.getHealthHistory({
        environment,
        range,
        ...(names ? { integrations: names.split(',') } : {}),
      }),
    [api, environment, range, reloadKey, names],
  );
}
