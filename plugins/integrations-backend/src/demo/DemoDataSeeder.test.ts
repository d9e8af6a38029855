import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  validateIntegrationSettings,
  getProvider,
  settingsOf,
} from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { DemoDataSeeder } from './DemoDataSeeder';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DemoDataSeeder on %s',
  databaseId => {
    const vault = new CredentialVault(
      KeyRing.fromKeys(
        [
          {
            id: 'seed-test',
            secret: 'seed-test-key-0123456789-abcdefghijklmnop',
          },
        ],
        'seed-test',
      ),
    );

    async function createSeeder(simulator?: { url: string; httpsUrl: string }) {
      const knex = await databases.init(databaseId);
      const store = await createStores(knex);
      const seeder = new DemoDataSeeder({
        configs: store.configs,
        credentials: store.credentials,
        vault,
        simulator,
        logger: mockServices.logger.mock(),
        now: () => new Date('2026-11-20T09:30:00.000Z'),
      });
      return { store, seeder };
    }

    it('seeds once when two replicas start together on one database', async () => {
      const { store, seeder } = await createSeeder();
      const twin = new DemoDataSeeder({
        configs: store.configs,
        credentials: store.credentials,
        vault,
        logger: mockServices.logger.mock(),
      });

      const seeded = await Promise.all([
        seeder.seedIfEmpty(),
        twin.seedIfEmpty(),
      ]);

      expect(seeded.filter(Boolean)).toHaveLength(1);
      const { items } = await store.configs.listConfigs({
        environment: 'production',
      });
      expect(items.filter(c => c.name === 'stripe')).toHaveLength(1);
    });

    it('seeds every demo service in all three environments, valid and some disabled', async () => {
      const { store, seeder } = await createSeeder();

      expect(await seeder.seedIfEmpty()).toBe(true);

      const { items } = await store.configs.listConfigs();
      const names = new Set(items.map(c => c.name));
      expect(names).toEqual(
        new Set([
          'stripe',
          'stripe-connect',
          'paypal',
          'brevo',
          'telegram',
          'linkedin',
          'twitter',
          'google-analytics',
          'github',
          'google-calendar',
          'odoo-crm',
          'scoopp',
          'statuspage',
        ]),
      );
      expect(items).toHaveLength(names.size * 3);
      expect(new Set(items.map(c => c.category)).size).toBeGreaterThan(5);
      expect(
        items.filter(c => !c.enabled).map(c => `${c.name}:${c.environment}`),
      ).toEqual([
        'scoopp:staging',
        'scoopp:production',
        'statuspage:development',
        'stripe-connect:staging',
        'twitter:production',
      ]);
      for (const config of items) {
        const graph = await store.configs.getDependencyGraph(
          config.environment,
        );
        graph.delete(config.name);
        expect({
          config: `${config.name}:${config.environment}`,
          issues: validateIntegrationSettings(settingsOf(config), {
            name: config.name,
            environment: config.environment,
            provider: getProvider(config.provider),
            dependencyGraph: graph,
          }),
        }).toEqual({
          config: `${config.name}:${config.environment}`,
          issues: [],
        });
      }
    });

    it('points every demo integration at the simulator, https outside development, with credentials that open', async () => {
      const { store, seeder } = await createSeeder({
        url: 'http://127.0.0.1:7071',
        httpsUrl: 'https://127.0.0.1:7072',
      });
      await seeder.seedIfEmpty();

      const [stripeDev] = await store.configs.getConfigs(
        'stripe',
        'development',
      );
      const [brevoProd] = await store.configs.getConfigs('brevo', 'production');
      const [calendar] = await store.configs.getConfigs(
        'google-calendar',
        'staging',
      );
      expect(stripeDev.connectionConfig.baseUrl).toBe(
        'http://127.0.0.1:7071/stripe',
      );
      expect(brevoProd.connectionConfig.baseUrl).toBe(
        'https://127.0.0.1:7072/brevo/v3',
      );
      expect(calendar.connectionConfig.baseUrl).toBe(
        'https://127.0.0.1:7072/google-calendar/calendar/v3',
      );
      expect(calendar.authConfig.tokenUrl).toBe(
        'https://127.0.0.1:7072/google-oauth/token',
      );

      const [secretKey] = (
        await store.credentials.list('stripe', 'production')
      ).filter(c => c.field === 'secretKey');
      expect(
        vault.open(secretKey, {
          integration: 'stripe',
          environment: 'production',
          field: 'secretKey',
        }),
      ).toMatch(/^sk_test_/);
      expect(secretKey.expiresAt).toBe('2026-11-25T09:30:00.000Z');
    });

    it('does not seed again once integrations exist', async () => {
      const { store, seeder } = await createSeeder();
      await seeder.seedIfEmpty();

      expect(await seeder.seedIfEmpty()).toBe(false);
      expect(await store.configs.countIntegrations()).toBe(13);
    });
  },
);
