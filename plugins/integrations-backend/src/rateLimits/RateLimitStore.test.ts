import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  DatabaseRateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  return DatabaseRateLimitStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

function core(remaining: number, readAt: string): StoredRateLimitReading {
  return {
    integration: 'github',
    environment: 'production',
    figure: {
      key: 'core',
      limit: 5000,
      remaining,
      used: 5000 - remaining,
      resetAt: '2026-11-28T13:00:00.000Z',
      windowSeconds: 3600,
      source: 'header',
      field: 'x-ratelimit-remaining',
    },
    readBy: 'health_check',
    readAt,
  };
}

describe('DatabaseRateLimitStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the latest reading of each window, never an older one (%p)',
    async databaseId => {
      const store = await storeOn(databaseId);
      expect(
        await store.saveReadings([core(4000, '2026-11-28T12:00:00.000Z')]),
      ).toEqual([]);
      const replaced = await store.saveReadings([
        core(3990, '2026-11-28T12:05:00.000Z'),
        {
          ...core(7, '2026-11-28T12:05:00.000Z'),
          environment: 'staging',
        },
      ]);
      expect(replaced).toEqual([core(4000, '2026-11-28T12:00:00.000Z')]);
      // A late reading (a usage event reported late) does not win.
      await store.saveReadings([core(4500, '2026-11-28T11:00:00.000Z')]);

      expect(await store.listReadings({ environment: 'production' })).toEqual([
        core(3990, '2026-11-28T12:05:00.000Z'),
      ]);
      expect(
        await store.listReadings({
          environment: 'staging',
          integrations: ['stripe'],
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores each hit once, lists the newest first and drops old ones (%p)',
    async databaseId => {
      const store = await storeOn(databaseId);
      const hit = {
        id: 'usage:evt-1',
        integration: 'telegram',
        environment: 'production' as const,
        endpoint: '/bot{token}/sendMessage',
        status: 429,
        delaySeconds: 5,
        source: 'body' as const,
        field: 'parameters.retry_after',
        readBy: 'usage_event' as const,
        hitAt: '2026-11-28T12:00:00.000Z',
      };
      const later = {
        ...hit,
        id: 'hit-2',
        status: undefined,
        delaySeconds: undefined,
        reason: 'global-rate',
        readBy: 'client' as const,
        hitAt: '2026-11-28T12:30:00.000Z',
      };
      expect(await store.addHits([hit, later])).toBe(2);
      expect(await store.addHits([hit])).toBe(0);

      const { status, delaySeconds, ...laterStored } = later;
      expect(
        await store.listHits({
          environment: 'production',
          integrations: ['telegram'],
          since: new Date('2026-11-28T00:00:00Z'),
          limit: 10,
        }),
      ).toEqual([laterStored, hit]);

      expect(
        await store.deleteHitsOlderThan(new Date('2026-11-28T12:10:00Z')),
      ).toBe(1);
      expect(
        await store.listHits({
          environment: 'production',
          since: new Date(0),
          limit: 10,
        }),
      ).toEqual([laterStored]);
    },
  );
});
