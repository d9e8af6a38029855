import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { integrationsApiRef, IntegrationsClient } from './api';
import {
  catalogEntityRouteRef,
  entityContentRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The integrations plugin for the legacy frontend system.
 *
 * @public
 */
export const integrationsPlugin = createPlugin({
  id: 'integrations',
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
  externalRoutes: {
    catalogEntity: catalogEntityRouteRef,
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

/**
 * The "Integration status" card for an integration's Resource page; show it
 * where `isIntegrationEntity` holds.
 *
 * @public
 */
export const EntityIntegrationStatusCard = integrationsPlugin.provide(
  createComponentExtension({
    name: 'EntityIntegrationStatusCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityIntegrationStatusCard').then(
          m => m.EntityIntegrationStatusCard,
        ),
    },
  }),
);

/**
 * The "Integrations" card for a Component's or System's page: the status of
 * every integration it depends on.
 *
 * @public
 */
export const EntityIntegrationsCard = integrationsPlugin.provide(
  createComponentExtension({
    name: 'EntityIntegrationsCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityIntegrationsCard').then(
          m => m.EntityIntegrationsCard,
        ),
    },
  }),
);

/**
 * The "Integration" tab of an integration's Resource page: its status card
 * and health history.
 *
 * @public
 */
export const EntityIntegrationContent = integrationsPlugin.provide(
  createRoutableExtension({
    name: 'EntityIntegrationContent',
    component: () =>
      import('./components/entity/EntityIntegrationContent').then(
        m => m.EntityIntegrationContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);
