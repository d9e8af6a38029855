import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { IntegrationsPagePath, rootRouteRef } from '../routes';

/**
 * Links to the Integrations page's sub-pages wherever the page is mounted, in
 * either frontend system: `link('config', { integration: 'stripe' })`.
 */
export function useIntegrationsPageLink() {
  const root = useRouteRef(rootRouteRef);
  return useCallback(
    (page: IntegrationsPagePath, params?: Record<string, string>) => {
      const query = new URLSearchParams(params).toString();
      const base = root().replace(/\/$/, '');
      return `${base}/${page}${query ? `?${query}` : ''}`;
    },
    [root],
  );
}
