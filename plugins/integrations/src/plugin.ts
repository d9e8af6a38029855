import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { integrationsApiRef, IntegrationsClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The integrations plugin for the legacy frontend system.
 *
 * @public
 */
export const integrationsPlugin = createPlugin({
  id: 'integrations',
  routes: {
    root: rootRouteRef,
  },
  apis: [
    createApiFactory({
      api: integrationsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** @public */
export const IntegrationsPage = integrationsPlugin.provide(
  createRoutableExtension({
    name: 'IntegrationsPage',
    component: () =>
      import('./components/IntegrationsPage').then(m => m.IntegrationsPage),
    mountPoint: rootRouteRef,
  }),
);
