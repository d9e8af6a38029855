import { useApi } from '@backstage/core-plugin-api';
import { ErrorPatternsQuery } from '@internal/plugin-integrations-common';
import { integrationsApiRef } from '../api';
import { useErrorsQuery } from './useErrorsQuery';

/**
 * One page of error groups, most recently seen first, loaded again when the
 * backend signals a change in the environment (and integration) shown.
 */
export function useErrorPatterns(query: ErrorPatternsQuery) {
  const api = useApi(integrationsApiRef);
  const key = JSON.stringify(query);
  return useErrorsQuery({
    key,
    load: () => api.listErrorPatterns(JSON.parse(key)),
    isRelevant: signal =>
      (!query.environment || signal.environment === query.environment) &&
      (!query.integration || signal.integration === query.integration),
    keepAcrossKeys: true,
  });
}
