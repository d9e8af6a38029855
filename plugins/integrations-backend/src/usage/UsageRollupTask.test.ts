import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { UsageEvent } from '@internal/plugin-integrations-common';
import { DatabaseUsageEventStore } from './UsageEventStore';
import { DatabaseUsageRollupStore } from './UsageRollupStore';
import { UsageRollupTask } from './UsageRollupTask';
import {
  RELATIVE_ACCURACY,
  mergeHistograms,
  quantileOf,
} from './latencyHistogram';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const NOW = new Date('2026-11-28T12:00:00Z');

function call(
  id: string,
  at: string,
  overrides: Partial<UsageEvent> = {},
): UsageEvent {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 200,
    durationMs: 100,
    requestBytes: 100,
    responseBytes: 1000,
    occurredAt: at,
    ...overrides,
  };
}

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const events = await DatabaseUsageEventStore.create({ database });
  const rollups = await DatabaseUsageRollupStore.create({ database });
  const task = new UsageRollupTask({ events, rollups, now: () => NOW });
  const insert = (batch: UsageEvent[]) =>
    events.insert(batch, { source: 'api', receivedAt: NOW });
  const hourOf = async (granularity: 'minute' | 'hour' | 'day') =>
    rollups.list({
      granularity,
      from: new Date('2026-11-28T00:00:00Z'),
      to: new Date('2026-11-29T00:00:00Z'),
    });
  return { events, rollups, task, insert, hourOf };
}

describe('UsageRollupTask', () => {
  it.each(databases.eachSupportedId())(
    'rolls events into minutes, hours and days with percentiles that merge (%p)',
    async databaseId => {
      const { task, insert, hourOf, rollups } = await setUp(databaseId);
      // Two minutes of one hour; durations spread so percentiles differ.
      const durations = Array.from({ length: 200 }, (_, i) => 20 + i * 7.5);
      await insert(
        durations.map((durationMs, i) =>
          call(
            `c-${i}`,
            i < 120 ? '2026-11-28T10:01:30Z' : '2026-11-28T10:02:10Z',
            {
              durationMs,
              ...(i % 50 === 0 ? { status: 429 } : {}),
              ...(i % 40 === 1
                ? { status: undefined, errorType: 'timeout' }
                : {}),
            },
          ),
        ),
      );
      await insert([
        call('list-1', '2026-11-28T10:02:20Z', {
          method: 'GET',
          endpoint: '/v1/customers/{id}',
          responseBytes: 50_000,
        }),
      ]);

      expect(await task.run()).toEqual({ minutes: 2 });

      const minutes = await hourOf('minute');
      expect(
        minutes.map(m => [m.start, m.method, m.endpoint, m.calls]),
      ).toEqual([
        ['2026-11-28T10:01:00.000Z', 'POST', '/v1/charges', 120],
        ['2026-11-28T10:02:00.000Z', 'POST', '/v1/charges', 80],
        ['2026-11-28T10:02:00.000Z', 'GET', '/v1/customers/{id}', 1],
      ]);
      const [hourCharges, hourCustomers] = await hourOf('hour');
      expect(hourCustomers).toMatchObject({
        start: '2026-11-28T10:00:00.000Z',
        calls: 1,
        largestTransfer: 50_100,
        largestTransferAt: '2026-11-28T10:02:20.000Z',
      });
      expect(hourCharges).toMatchObject({
        calls: 200,
        failed: 9,
        errors: { rate_limited: 4, timeout: 5 },
        requestBytes: 20_000,
        responseBytes: 200_000,
        durationMaxMs: 20 + 199 * 7.5,
      });
      const sorted = [...durations].sort((a, b) => a - b);
      for (const q of [0.5, 0.95, 0.99]) {
        const exact = sorted[Math.floor(q * (sorted.length - 1))];
        expect(
          Math.abs(quantileOf(hourCharges.latency, q)! - exact),
        ).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY);
      }
      // One more row per bucket stands for the whole integration.
      const [hourTotal] = await rollups.list({
        granularity: 'hour',
        from: new Date('2026-11-28T00:00:00Z'),
        to: new Date('2026-11-29T00:00:00Z'),
        scope: 'totals',
      });
      expect(hourTotal).toMatchObject({
        endpoint: '*',
        method: '*',
        calls: 201,
        failed: 9,
        latency: mergeHistograms(
          { ...hourCharges.latency },
          hourCustomers.latency,
        ),
      });
      const [dayCharges] = await hourOf('day');
      expect(dayCharges).toMatchObject({
        start: '2026-11-28T00:00:00.000Z',
        calls: 200,
        latency: hourCharges.latency,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'adds a period up in the database: one row per endpoint and Component (%p)',
    async databaseId => {
      const { task, insert, rollups } = await setUp(databaseId);
      await insert([
        call('a-1', '2026-11-28T09:10:00Z', { durationMs: 900, units: 2 }),
        call('a-2', '2026-11-28T10:20:00Z', { status: 503, responseBytes: 80 }),
        call('b-1', '2026-11-28T10:30:00Z', {
          method: 'GET',
          endpoint: '/v1/balance',
          responseBytes: 70_000,
        }),
        call('c-1', '2026-11-28T11:40:00Z', {
          environment: 'staging',
          responseBytes: 90_000,
        }),
      ]);
      await task.run();

      const sums = await rollups.list({
        granularity: 'hour',
        from: new Date('2026-11-28T00:00:00Z'),
        to: new Date('2026-11-29T00:00:00Z'),
        environment: 'production',
        overPeriod: true,
      });

      expect(sums).toEqual([
        expect.objectContaining({
          endpoint: '/v1/balance',
          method: 'GET',
          start: '2026-11-28T00:00:00.000Z',
          calls: 1,
          largestTransfer: 70_100,
        }),
        expect.objectContaining({
          endpoint: '/v1/charges',
          method: 'POST',
          calls: 2,
          failed: 1,
          // A call without units counts as one.
          units: 3,
          durationMaxMs: 900,
          requestBytes: 200,
          responseBytes: 1080,
          largestTransfer: 1100,
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads calls per bucket, and days with their calls per hour (%p)',
    async databaseId => {
      const { task, insert, rollups } = await setUp(databaseId);
      const at = (hour: number, n: number, integration = 'stripe') =>
        Array.from({ length: n }, (_, i) =>
          call(
            `${integration}-${hour}-${i}`,
            `2026-11-28T${String(hour).padStart(2, '0')}:05:00Z`,
            {
              integration,
            },
          ),
        );
      await insert([
        ...at(8, 2),
        ...at(9, 5),
        ...at(10, 1),
        ...at(11, 4),
        ...at(9, 1, 'brevo'),
        ...at(10, 3, 'brevo'),
      ]);
      await task.run();
      const day = {
        from: new Date('2026-11-28T00:00:00Z'),
        to: new Date('2026-11-29T00:00:00Z'),
        environment: 'production' as const,
      };

      const hours = await rollups.callsPerBucket({
        ...day,
        granularity: 'hour',
        integration: 'stripe',
      });
      expect(hours.map(h => [h.start, h.calls])).toEqual([
        ['2026-11-28T08:00:00.000Z', 2],
        ['2026-11-28T09:00:00.000Z', 5],
        ['2026-11-28T10:00:00.000Z', 1],
        ['2026-11-28T11:00:00.000Z', 4],
      ]);

      const [stripeDay] = await rollups.callsPerBucket({
        ...day,
        granularity: 'day',
        integration: 'stripe',
        hoursOfDay: true,
      });
      expect(stripeDay.calls).toBe(12);
      expect(stripeDay.callsByHour?.slice(8, 12)).toEqual([2, 5, 1, 4]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the Components calls were made for apart and counts billable units (%p)',
    async databaseId => {
      const { task, insert, hourOf } = await setUp(databaseId);
      await insert([
        call('shop-1', '2026-11-28T10:01:00Z', {
          component: 'component:default/checkout',
          units: 40,
        }),
        call('shop-2', '2026-11-28T10:02:00Z', {
          component: 'component:default/checkout',
        }),
        call('ops-1', '2026-11-28T10:03:00Z'),
      ]);

      await task.run();

      expect(
        (await hourOf('day')).map(d => [d.component, d.calls, d.units]),
      ).toEqual([
        [undefined, 1, 1],
        ['component:default/checkout', 2, 41],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a late event in its own minute and a repeated one not at all (%p)',
    async databaseId => {
      const { task, insert, hourOf } = await setUp(databaseId);
      await insert([
        call('a', '2026-11-28T10:01:00Z'),
        call('b', '2026-11-28T11:30:00Z'),
      ]);
      await task.run();

      // Arrives an hour and a half late, along with a retry of one already counted.
      await insert([
        call('late', '2026-11-28T10:01:59Z'),
        call('a', '2026-11-28T10:01:00Z'),
      ]);
      expect(await task.run()).toEqual({ minutes: 1 });

      expect((await hourOf('hour')).map(h => [h.start, h.calls])).toEqual([
        ['2026-11-28T10:00:00.000Z', 2],
        ['2026-11-28T11:00:00.000Z', 1],
      ]);
      expect((await hourOf('day')).map(d => d.calls)).toEqual([3]);
      expect(await task.run()).toEqual({ minutes: 0 });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a minute queued when an event arrives while it is rolled up (%p)',
    async databaseId => {
      const { rollups, insert, task, hourOf } = await setUp(databaseId);
      await insert([call('first', '2026-11-28T10:01:00Z')]);
      const read = await rollups.pendingMinutes(10);
      await rollups.rollUp('minute', read[0]);

      await insert([call('meanwhile', '2026-11-28T10:01:05Z')]);
      await rollups.clearPending(read);

      expect(await rollups.pendingMinutes(10)).toHaveLength(1);
      await task.run();
      expect((await hourOf('minute')).map(m => m.calls)).toEqual([2]);
    },
  );

  it.each(databases.eachSupportedId())(
    'drops raw events and rollups past their retention (%p)',
    async databaseId => {
      const { events, rollups, task, insert } = await setUp(databaseId);
      await insert([
        call('old', '2026-11-10T10:00:00Z'),
        call('recent', '2026-11-27T10:00:00Z'),
      ]);

      await task.run();

      const all = { integration: 'stripe', environment: 'production' as const };
      const everything = {
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2027-01-01T00:00:00Z'),
      };
      expect(
        (await events.list({ ...all, ...everything })).map(e => e.id),
      ).toEqual(['recent']);
      expect(
        (await rollups.list({ granularity: 'minute', ...everything })).map(
          m => m.start,
        ),
      ).toEqual(['2026-11-27T10:00:00.000Z']);
      // Hours and days are kept longer than raw events.
      expect(
        (await rollups.list({ granularity: 'hour', ...everything })).map(
          h => h.start,
        ),
      ).toEqual(['2026-11-10T10:00:00.000Z', '2026-11-27T10:00:00.000Z']);
    },
  );
});
