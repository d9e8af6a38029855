import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseHealthCheckPauseStore } from './HealthCheckPauseStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe('DatabaseHealthCheckPauseStore', () => {
  it.each(databases.eachSupportedId())(
    'pauses, keeps the first pause, lists and resumes (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseHealthCheckPauseStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const stripe = {
        integration: 'stripe',
        environment: 'production' as const,
      };

      const first = await store.pause(stripe, {
        actor: 'user:default/ada',
        at: new Date('2026-11-28T09:00:00Z'),
      });
      expect(first).toEqual({
        ...stripe,
        pausedBy: 'user:default/ada',
        pausedAt: '2026-11-28T09:00:00.000Z',
      });
      const again = await store.pause(stripe, {
        actor: 'user:default/bob',
        at: new Date('2026-11-28T09:05:00Z'),
      });
      expect(again).toEqual(first);

      await store.pause(
        { integration: 'stripe', environment: 'staging' },
        { actor: 'user:default/bob', at: new Date('2026-11-28T09:10:00Z') },
      );
      expect((await store.list()).map(p => p.environment)).toEqual([
        'production',
        'staging',
      ]);
      expect(await store.list('production')).toEqual([first]);

      expect(await store.resume(stripe)).toBe(true);
      expect(await store.resume(stripe)).toBe(false);
      expect(await store.list('production')).toEqual([]);
      expect(await store.list()).toHaveLength(1);
    },
  );
});
