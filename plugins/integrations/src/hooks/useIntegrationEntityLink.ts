import { useRouteRef } from '@backstage/core-plugin-api';
import { INTEGRATION_ENTITY_NAMESPACE } from '@internal/plugin-integrations-common';
import { useCallback } from 'react';
import { catalogEntityRouteRef } from '../routes';

/**
 * The catalog page of an integration's Resource, e.g.
 * `/catalog/default/resource/stripe`, or undefined in an app without the
 * catalog (or one that did not bind the route).
 */
export function useIntegrationEntityLink() {
  const entityRoute = useRouteRef(catalogEntityRouteRef);
  return useCallback(
    (integration: string): string | undefined =>
      entityRoute?.({
        namespace: INTEGRATION_ENTITY_NAMESPACE,
        kind: 'resource',
        name: integration,
      }),
    [entityRoute],
  );
}
