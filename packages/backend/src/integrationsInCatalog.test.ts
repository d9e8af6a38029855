import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleIntegrations from '@internal/plugin-catalog-backend-module-integrations';
import integrationsPlugin from '@internal/plugin-integrations-backend';
import path from 'node:path';
import request from 'supertest';

jest.setTimeout(120_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const asAdmin = mockCredentials.user.header('user:default/ada.admin');

/**
 * The events service every plugin of a backend shares: what the
 * integrations backend publishes reaches the catalog module's subscription.
 */
function sharedEvents() {
  const subscriptions: Array<{
    topics: string[];
    onEvent: (params: any) => Promise<void>;
  }> = [];
  return mockServices.events.mock({
    subscribe: async subscription => {
      subscriptions.push(subscription);
    },
    publish: async params => {
      for (const subscription of subscriptions) {
        if (subscription.topics.includes(params.topic)) {
          await subscription.onEvent(params);
        }
      }
    },
  });
}

/** The portal's catalog and integrations backends, with the demo data and the example catalog. */
async function startPortalBackend() {
  // Records the scheduled tasks without running any; the tests run the refresh.
  const scheduler = mockServices.scheduler.mock();
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      integrationsPlugin,
      catalogModuleIntegrations,
      scheduler.factory,
      sharedEvents().factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'System', 'Resource', 'Location'] }],
            locations: [
              {
                type: 'file',
                target: path.resolve(
                  __dirname,
                  '../../../examples/entities.yaml',
                ),
              },
            ],
          },
          integrations: {
            demo: { seed: true },
            encryption: {
              primaryKeyId: 'test-2026',
              keys: [
                {
                  id: 'test-2026',
                  secret: 'portal-test-key-0123456789-abcdefghijklmnop',
                },
              ],
            },
            health: { schedule: quietSchedule },
            tokenRefresh: { schedule: quietSchedule },
            alerts: { schedule: quietSchedule },
            errors: { incidentSchedule: quietSchedule },
          },
        },
      }),
    ],
  });
  const entity = (ref: string) =>
    request(server)
      .get(`/api/catalog/entities/by-name/${ref}`)
      .set('Authorization', asAdmin);
  const refreshCatalog = async () => {
    const refresh = scheduler.scheduleTask.mock.calls.find(
      ([task]) => task.id === 'integrations:refresh',
    )!;
    await refresh[0].fn(new AbortController().signal);
  };
  return { server, refreshCatalog, entity };
}

/** Reads until the catalog, which processes entities in the background, shows what is expected. */
async function eventually<T>(
  read: () => Promise<T>,
  shows: (value: T) => boolean,
) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (shows(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

const relationsOf = (entity: any) =>
  (entity.relations ?? []).map((r: any) => `${r.type} ${r.targetRef}`);

describe('integrations in the portal catalog', () => {
  it('shows each demo integration as a Resource that the example software depends on', async () => {
    const { server, refreshCatalog, entity } = await startPortalBackend();

    await refreshCatalog();

    // By spec.dependsOn, by the uses annotation, and the integration's own.
    const expected = [
      'dependencyOf component:default/checkout-service',
      'dependencyOf component:default/invoicing',
      'dependencyOf resource:default/stripe-connect',
      'ownedBy group:default/payments-team',
      'partOf system:default/web-shop',
    ];
    const stripe = await eventually(
      () => entity('resource/default/stripe'),
      response =>
        expected.every(relation =>
          relationsOf(response.body).includes(relation),
        ),
    );
    expect(relationsOf(stripe.body)).toEqual(expect.arrayContaining(expected));
    expect(stripe.body.spec).toEqual({
      type: 'external-integration',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
      dependsOn: [],
      system: 'web-shop',
    });
    const resources = await eventually(
      () =>
        request(server)
          .get(
            '/api/catalog/entities?filter=kind=resource,spec.type=external-integration',
          )
          .set('Authorization', asAdmin),
      response => response.body.length === 13,
    );
    expect(resources.body).toHaveLength(13);
  });

  it('follows a change to an integration at once, and drops a deleted one', async () => {
    const { server, refreshCatalog, entity } = await startPortalBackend();
    await refreshCatalog();
    await eventually(
      () => entity('resource/default/paypal'),
      response => response.status === 200,
    );
    const [production] = (
      await request(server)
        .get('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
    ).body;

    await request(server)
      .put('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asAdmin)
      .send({
        version: production.metadata.version,
        owner: 'group:default/growth-team',
      })
      .expect(200);
    await request(server)
      .delete('/api/integrations/configs/paypal')
      .set('Authorization', asAdmin)
      .expect(204);

    const stripe = await eventually(
      () => entity('resource/default/stripe'),
      response => response.body.spec?.owner === 'group:default/growth-team',
    );
    expect(stripe.body.spec.owner).toBe('group:default/growth-team');
    const paypal = await eventually(
      () => entity('resource/default/paypal'),
      response => response.status === 404,
    );
    expect(paypal.status).toBe(404);
  });
});
