import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { DatabaseIntegrationConfigStore } from './IntegrationConfigStore';
import { demoIntegrations } from '../services/demoIntegrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseIntegrationConfigStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseIntegrationConfigStore on %s',
  databaseId => {
    const at = new Date('2026-11-20T09:30:00.000Z');
    const [stripe, telegram] = demoIntegrations().filter(i =>
      ['stripe', 'telegram'].includes(i.name),
    );

    it('returns what it stored, one configuration per environment', async () => {
      const { store } = await createStore(databaseId);
      await store.createIntegration(stripe, { actor: 'user:default/ada', at });

      const configs = await store.listConfigs();

      expect(configs.map(c => c.environment)).toEqual([
        'development',
        'staging',
        'production',
      ]);
      expect(configs[2]).toEqual({
        name: 'stripe',
        displayName: 'Stripe',
        provider: 'stripe',
        category: 'payment',
        environment: 'production',
        enabled: true,
        owner: 'group:default/payments-team',
        description: stripe.description,
        connectionConfig: stripe.configs[2].connectionConfig,
        authConfig: { type: 'api_key' },
        metadata: {
          version: 1,
          createdAt: at.toISOString(),
          createdBy: 'user:default/ada',
          lastUpdated: at.toISOString(),
          updatedBy: 'user:default/ada',
        },
      });
      expect(await store.countIntegrations()).toBe(1);
    });

    it('filters by environment, category and enabled state', async () => {
      const { store } = await createStore(databaseId);
      await store.createIntegration(stripe, { actor: 'user:default/ada', at });
      await store.createIntegration(telegram, {
        actor: 'user:default/ada',
        at,
      });

      const production = await store.listConfigs({ environment: 'production' });
      expect(production.map(c => c.name)).toEqual(['stripe', 'telegram']);

      const payments = await store.listConfigs({ category: 'payment' });
      expect(new Set(payments.map(c => c.name))).toEqual(new Set(['stripe']));

      const disabled = await store.listConfigs({ enabled: false });
      expect(disabled).toEqual([]);
    });

    it('stores nothing when one configuration of an integration is invalid', async () => {
      const { store } = await createStore(databaseId);
      const duplicateEnvironment = {
        ...stripe,
        configs: [stripe.configs[0], stripe.configs[0]],
      };

      await expect(
        store.createIntegration(duplicateEnvironment, {
          actor: 'user:default/ada',
          at,
        }),
      ).rejects.toThrow();

      expect(await store.countIntegrations()).toBe(0);
      expect(await store.listConfigs()).toEqual([]);
    });

    it('refuses a second integration with the same name', async () => {
      const { store } = await createStore(databaseId);
      await store.createIntegration(stripe, { actor: 'user:default/ada', at });

      await expect(
        store.createIntegration(stripe, { actor: 'user:default/max', at }),
      ).rejects.toThrow();
      expect(await store.listConfigs()).toHaveLength(3);
    });
  },
);
