import { useApi } from '@backstage/core-plugin-api';
import { Environment, HealthRange } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/**
 * Response time, failures and uptime per integration over a range, reloaded
 * when `reloadKey` changes (e.g. whenever the dashboard was reloaded).
 */
export function useHealthHistory(
  environment: Environment,
  range: HealthRange,
  reloadKey?: string,
) {
  const api = useApi(integrationsApiRef);
  return useAsync(
    () => api.getHealthHistory({ environment, range }),
    [api, environment, range, reloadKey],
  );
}
