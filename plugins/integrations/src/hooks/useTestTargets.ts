import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The integrations of one environment with their current health, to pick tests from. */
export function useTestTargets(environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useAsyncRetry(
    async () => (await api.getHealth({ environment })).items,
    [api, environment],
  );
}
