import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseIntegrationConfigStore } from '../database/IntegrationConfigStore';
import { DemoDataSeeder } from './DemoDataSeeder';

describe('DemoDataSeeder', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function createSeeder() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseIntegrationConfigStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const seeder = new DemoDataSeeder({
      store,
      logger: mockServices.logger.mock(),
      now: () => new Date('2026-11-20T09:30:00.000Z'),
    });
    return { store, seeder };
  }

  it('seeds every demo service in all three environments, some disabled', async () => {
    const { store, seeder } = await createSeeder();

    expect(await seeder.seedIfEmpty()).toBe(true);

    const configs = await store.listConfigs();
    const names = new Set(configs.map(c => c.name));
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
    expect(configs).toHaveLength(names.size * 3);
    expect(new Set(configs.map(c => c.category)).size).toBeGreaterThan(5);
    expect(configs.filter(c => !c.enabled).length).toBeGreaterThan(0);
    const production = configs.filter(c => c.environment === 'production');
    expect(
      production.every(c => c.connectionConfig.baseUrl.startsWith('https://')),
    ).toBe(true);
  });

  it('does not seed again once integrations exist', async () => {
    const { store, seeder } = await createSeeder();
    await seeder.seedIfEmpty();

    expect(await seeder.seedIfEmpty()).toBe(false);
    expect(await store.countIntegrations()).toBe(13);
  });
});
