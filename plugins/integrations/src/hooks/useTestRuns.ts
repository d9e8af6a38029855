import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The newest test runs of one integration in one environment. */
export function useTestRuns(
  name: string,
  environment: Environment,
  limit = 20,
) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(
    () => api.listTestRuns(name, environment, { limit }),
    [api, name, environment, limit],
  );
}
