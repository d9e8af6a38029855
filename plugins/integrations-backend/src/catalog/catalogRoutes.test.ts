import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { EventParams } from '@backstage/plugin-events-node';
import {
  CatalogIntegration,
  INTEGRATION_CONFIGURATION_TOPIC,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The catalog module's token: a plugin calling on its own behalf. */
const asCatalog = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'integrations',
});

/**
 * The demo backend, with an events service that records each announcement
 * together with the database as it was when the announcement went out.
 */
async function start(knex: Knex) {
  const announced: Array<{
    integration: string;
    productionVersion?: number;
    deleted: boolean;
  }> = [];
  const events = mockServices.events.mock({
    publish: async (params: EventParams) => {
      if (params.topic !== INTEGRATION_CONFIGURATION_TOPIC) {
        return;
      }
      const { integration } = params.eventPayload as { integration: string };
      const identity = await knex('integrations')
        .where({ name: integration })
        .first('deleted_at');
      const production = await knex('integration_configs')
        .where({ integration_name: integration, environment: 'production' })
        .first('version');
      announced.push({
        integration,
        productionVersion: production?.version,
        deleted: Boolean(identity?.deleted_at),
      });
    },
  });
  const server = await startIntegrationsBackend({
    knex,
    features: [events.factory],
  });
  // The demo seed announced every integration it created.
  announced.length = 0;
  return { server, announced };
}

async function productionVersion(server: any, name: string) {
  const response = await request(server)
    .get(`/api/integrations/configs/${name}?environment=production`)
    .set('Authorization', asAdmin);
  return response.body[0].metadata.version as number;
}

describe.each(databases.eachSupportedId())(
  'the catalog source on %s',
  databaseId => {
    it('gives another plugin every live integration with owner, dependencies and System, and nothing else', async () => {
      const { server } = await start(await databases.init(databaseId));

      const response = await request(server)
        .get('/api/integrations/catalog/integrations')
        .set('Authorization', asCatalog);

      expect(response.status).toBe(200);
      const items: CatalogIntegration[] = response.body.items;
      expect(items).toHaveLength(13);
      const connect = items.find(i => i.name === 'stripe-connect')!;
      expect(connect).toMatchObject({
        provider: 'stripe-connect',
        category: 'payment',
      });
      expect(connect.configurations.map(c => c.environment)).toEqual([
        'development',
        'staging',
        'production',
      ]);
      expect(connect.configurations[2]).toEqual({
        environment: 'production',
        displayName: 'Stripe Connect',
        description: 'Payouts to marketplace sellers.',
        owner: 'group:default/payments-team',
        dependencies: ['stripe'],
        system: 'web-shop',
      });
      expect(JSON.stringify(response.body)).not.toMatch(
        /baseUrl|credential|secret/i,
      );
    });

    it('leaves out a deleted integration, and answers for one by name', async () => {
      const { server } = await start(await databases.init(databaseId));
      const deleted = await request(server)
        .delete('/api/integrations/configs/paypal')
        .set('Authorization', asAdmin);
      expect(deleted.status).toBe(204);

      const all = await request(server)
        .get('/api/integrations/catalog/integrations')
        .set('Authorization', asCatalog);
      expect(
        all.body.items.map((i: CatalogIntegration) => i.name),
      ).not.toContain('paypal');
      const gone = await request(server)
        .get('/api/integrations/catalog/integrations?name=paypal')
        .set('Authorization', asCatalog);
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual({ items: [] });

      const one = await request(server)
        .get('/api/integrations/catalog/integrations?name=stripe')
        .set('Authorization', asCatalog);
      expect(one.body.items.map((i: CatalogIntegration) => i.name)).toEqual([
        'stripe',
      ]);

      const invalid = await request(server)
        .get('/api/integrations/catalog/integrations?name=Not%20A%20Name')
        .set('Authorization', asCatalog);
      expect(invalid.status).toBe(400);
      expect(JSON.stringify(invalid.body)).toContain('query.name');
    });

    it('refuses people: only plugins read it', async () => {
      const { server } = await start(await databases.init(databaseId));

      const asPerson = await request(server)
        .get('/api/integrations/catalog/integrations')
        .set('Authorization', asAdmin);
      const anonymous = await request(server)
        .get('/api/integrations/catalog/integrations')
        .set('Authorization', mockCredentials.none.header());

      expect(asPerson.status).toBe(403);
      expect(anonymous.status).toBe(401);
    });

    it('announces each changed integration once the change has committed', async () => {
      const { server, announced } = await start(
        await databases.init(databaseId),
      );
      const version = await productionVersion(server, 'stripe');

      const updated = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
        .send({ version, system: 'system:default/payments' });
      expect(updated.status).toBe(200);
      // Read during the announcement: the new version was already visible.
      expect(announced).toEqual([
        {
          integration: 'stripe',
          productionVersion: version + 1,
          deleted: false,
        },
      ]);

      const bulk = await request(server)
        .post('/api/integrations/bulk-update')
        .set('Authorization', asAdmin)
        .send({ twitter: { enabled: false }, linkedin: { enabled: false } });
      expect(bulk.status).toBe(200);
      expect(
        announced
          .slice(1)
          .map(a => a.integration)
          .sort(),
      ).toEqual(['linkedin', 'twitter']);

      await request(server)
        .delete('/api/integrations/configs/paypal')
        .set('Authorization', asAdmin)
        .expect(204);
      expect(announced.at(-1)).toMatchObject({
        integration: 'paypal',
        deleted: true,
      });
    });

    it('announces nothing when a change fails', async () => {
      const { server, announced } = await start(
        await databases.init(databaseId),
      );
      const version = await productionVersion(server, 'stripe');

      const stale = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
        .send({ version: version + 1, system: 'payments' });
      const invalid = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
        .send({ version, system: 'not a system' });

      expect(stale.status).toBe(409);
      expect(invalid.status).toBe(400);
      expect(announced).toEqual([]);
    });
  },
);
