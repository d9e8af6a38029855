import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/** The field-level differences between two versions of one environment's configuration. */
export function useVersionDiff(
  name: string,
  environment: Environment,
  from: number,
  to: number,
) {
  const api = useApi(integrationsApiRef);
  return useAsync(
    () => api.diffVersions(name, environment, from, to),
    [api, name, environment, from, to],
  );
}
