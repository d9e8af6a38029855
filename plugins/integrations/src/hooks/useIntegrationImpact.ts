import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  IntegrationImpact,
} from '@internal/plugin-integrations-common';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../api';

/** The impact as it loads: what a view of it is given. */
export type ImpactState = AsyncStateRetry<IntegrationImpact | undefined>;

/**
 * What in the catalog depends on the integration, loaded again when
 * `reloadKey` changes (its health, say, since the summary is told by it).
 * Nothing is asked while `skip` holds, so a closed dialog costs no request.
 */
export function useIntegrationImpact(
  integration: string,
  environment?: Environment,
  options: { skip?: boolean; reloadKey?: unknown } = {},
): ImpactState {
  const api = useApi(integrationsApiRef);
  const { skip = false, reloadKey } = options;
  return useAsyncRetry(
    async () => (skip ? undefined : api.getImpact(integration, environment)),
    [api, integration, environment, skip, reloadKey],
  );
}
