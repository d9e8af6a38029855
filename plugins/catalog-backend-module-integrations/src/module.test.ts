import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EntityProvider,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  CatalogIntegration,
  INTEGRATION_CONFIGURATION_TOPIC,
} from '@internal/plugin-integrations-common';
import catalogModuleIntegrations from '.';
import { eventually } from './__testUtils__/eventually';

const stripe: CatalogIntegration = {
  name: 'stripe',
  provider: 'stripe',
  category: 'payment',
  configurations: [
    {
      environment: 'production',
      displayName: 'Stripe',
      owner: 'group:default/payments-team',
      dependencies: [],
      system: 'web-shop',
    },
  ],
};

/**
 * Stands in for the integrations backend: answers `GET /catalog/integrations`
 * to plugins only, as the real route does, and records who asked for what.
 */
function fakeIntegrationsBackend(state: {
  integrations: CatalogIntegration[];
  requests: Array<{ subject: string; name?: string }>;
}) {
  return createBackendPlugin({
    pluginId: 'integrations',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res, next) => {
            try {
              if (req.path !== '/catalog/integrations') {
                next();
                return;
              }
              const credentials = await httpAuth.credentials(req, {
                allow: ['service'],
              });
              const name = req.query.name as string | undefined;
              state.requests.push({
                subject: credentials.principal.subject,
                ...(name ? { name } : {}),
              });
              res.json({
                items: state.integrations.filter(i => !name || i.name === name),
              });
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

async function startCatalogWithModule() {
  const state = {
    integrations: [stripe],
    requests: [] as Array<{ subject: string; name?: string }>,
  };
  // One events service for every plugin, as in a real backend, so what one
  // publishes reaches the other's subscription.
  const events = mockServices.events();
  const providers: EntityProvider[] = [];
  const processors: unknown[] = [];
  const scheduler = mockServices.scheduler.mock();
  await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...added: any[]) =>
            providers.push(...added.flat()),
          addProcessor: (...added: any[]) => processors.push(...added.flat()),
        },
      ],
    ],
    features: [
      catalogModuleIntegrations,
      fakeIntegrationsBackend(state),
      scheduler.factory,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.acme.example' },
          backend: { baseUrl: 'http://localhost:7007' },
          catalog: {
            providers: {
              integrations: {
                schedule: {
                  frequency: { minutes: 5 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
        },
      }),
    ],
  });
  const connection = {
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(async () => {}),
  } satisfies EntityProviderConnection;
  await providers[0].connect(connection);
  return { state, events, providers, processors, scheduler, connection };
}

describe('catalogModuleIntegrations', () => {
  it('adds the entity provider and the uses processor to the catalog', async () => {
    const { providers, processors } = await startCatalogWithModule();

    expect(providers.map(p => p.getProviderName())).toEqual(['integrations']);
    expect(processors).toHaveLength(1);
  });

  it('reads the integrations backend with the catalog plugin’s own token, on the configured schedule', async () => {
    const { state, scheduler, connection } = await startCatalogWithModule();

    const [task] = scheduler.scheduleTask.mock.calls[0];
    expect(task).toMatchObject({
      id: 'integrations:refresh',
      scope: 'global',
      frequency: { minutes: 5 },
    });
    await task.fn(new AbortController().signal);

    expect(state.requests).toEqual([{ subject: 'plugin:catalog' }]);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: 'integrations',
          entity: expect.objectContaining({
            metadata: expect.objectContaining({
              name: 'stripe',
              annotations: expect.objectContaining({
                'backstage.io/managed-by-location': expect.stringMatching(
                  /^integrations:http:\/\/localhost:\d+\/api\/integrations\/configs\/stripe$/,
                ),
              }),
            }),
            spec: expect.objectContaining({ system: 'web-shop' }),
          }),
        },
      ],
    });
  });

  it('reads one integration again when the integrations backend announces a change', async () => {
    const { state, events, connection } = await startCatalogWithModule();
    state.integrations = [];

    await events.publish({
      topic: INTEGRATION_CONFIGURATION_TOPIC,
      eventPayload: { integration: 'stripe' },
    });

    await eventually(() =>
      expect(connection.applyMutation).toHaveBeenCalledWith({
        type: 'delta',
        added: [],
        removed: [
          { entityRef: 'resource:default/stripe', locationKey: 'integrations' },
        ],
      }),
    );
    expect(state.requests).toEqual([
      { subject: 'plugin:catalog', name: 'stripe' },
    ]);
  });
});
