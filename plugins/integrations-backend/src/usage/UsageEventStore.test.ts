import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { UsageEvent } from '@internal/plugin-integrations-common';
import { DatabaseUsageEventStore } from './UsageEventStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function call(id: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 200,
    durationMs: 182.5,
    requestBytes: 512,
    responseBytes: 3_000_000_000,
    occurredAt: '2026-11-28T09:00:00.000Z',
    ...overrides,
  };
}

const window = {
  integration: 'stripe',
  environment: 'production' as const,
  from: new Date('2026-11-28T00:00:00Z'),
  to: new Date('2026-11-29T00:00:00Z'),
};

describe('DatabaseUsageEventStore', () => {
  it.each(databases.eachSupportedId())(
    'stores each event once by its id and reads it back as sent (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseUsageEventStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const receivedAt = new Date('2026-11-28T09:00:05Z');

      const first = await store.insert(
        [
          call('evt-1'),
          call('evt-2', {
            status: undefined,
            errorType: 'timeout',
            caller: 'catalog',
            component: 'component:default/checkout-service',
            occurredAt: '2026-11-28T09:01:00.000Z',
          }),
          // The same id twice in one batch is one call.
          call('evt-2'),
        ],
        { source: 'api', receivedAt },
      );
      // A retried batch adds nothing.
      const retried = await store.insert([call('evt-1'), call('evt-3')], {
        source: 'api',
        receivedAt,
      });

      expect([first, retried]).toEqual([2, 1]);
      const stored = await store.list(window);
      expect(stored.map(event => event.id)).toEqual([
        'evt-1',
        'evt-3',
        'evt-2',
      ]);
      expect(stored[0]).toEqual({
        ...call('evt-1'),
        source: 'api',
        receivedAt: '2026-11-28T09:00:05.000Z',
      });
      expect(stored[2]).toEqual({
        id: 'evt-2',
        integration: 'stripe',
        environment: 'production',
        endpoint: '/v1/charges',
        method: 'POST',
        durationMs: 182.5,
        requestBytes: 512,
        responseBytes: 3_000_000_000,
        errorType: 'timeout',
        caller: 'catalog',
        component: 'component:default/checkout-service',
        occurredAt: '2026-11-28T09:01:00.000Z',
        source: 'api',
        receivedAt: '2026-11-28T09:00:05.000Z',
      });
      expect(await store.list({ ...window, environment: 'staging' })).toEqual(
        [],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a batch sent to two backends at once only once (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const one = await DatabaseUsageEventStore.create({ database });
      const other = await DatabaseUsageEventStore.create({ database });
      const batch = Array.from({ length: 1200 }, (_, i) =>
        call(`evt-${i}`, {
          occurredAt: new Date(
            Date.parse('2026-11-28T08:00:00Z') + i * 1000,
          ).toISOString(),
        }),
      );
      const origin = { source: 'api' as const, receivedAt: new Date() };

      const counts = await Promise.all([
        one.insert(batch, origin),
        other.insert(batch, origin),
      ]);

      expect(counts[0] + counts[1]).toBe(1200);
      expect(await one.list(window)).toHaveLength(1200);
    },
  );
});
