import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

/**
 * Every other integration configured in an environment, with its dependencies:
 * what live validation needs to check that dependencies exist and form no cycle.
 */
export function useDependencyGraph(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  return useAsync(async () => {
    const { items } = await api.listConfigs({ environment, limit: 500 });
    return new Map<string, readonly string[]>(
      items
        .filter(config => config.name !== name)
        .map(config => [config.name, config.dependencies]),
    );
  }, [api, name, environment]);
}
