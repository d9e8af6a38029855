import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { IntegrationsPagePath, rootRouteRef } from '../routes';

/**
 * Links to the Integrations page's sub-pages, or a view inside one, wherever
 * the page is mounted, in either frontend system:
 * `link('config', { integration: 'stripe' })`, `link('errors/<patternId>')`.
 */
export function useIntegrationsPageLink() {
  const root = useRouteRef(rootRouteRef);
  return useCallback(
    (
      page: IntegrationsPagePath | `${IntegrationsPagePath}/${string}`,
      params?: Record<string, string> | URLSearchParams,
    ) => {
      const query = new URLSearchParams(params).toString();
      const base = root().replace(/\/$/, '');
      return `${base}/${page}${query ? `?${query}` : ''}`;
    },
    [root],
  );
}
