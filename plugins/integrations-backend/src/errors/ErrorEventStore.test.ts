import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { UsageEvent } from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { ErrorCaptureService } from './ErrorCaptureService';
import { DatabaseErrorEventStore } from './ErrorEventStore';
import { DatabaseErrorGroupStore } from './ErrorGroupStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR_MS = 3_600_000;
const now = new Date('2026-12-07T10:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);

function failedCall(
  id: string,
  overrides: Partial<UsageEvent> = {},
): UsageEvent {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 503,
    durationMs: 120,
    errorType: 'provider_error',
    errorMessage: 'Service unavailable',
    occurredAt: now.toISOString(),
    ...overrides,
  };
}

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const stores = await createStores(knex);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const events = await DatabaseErrorEventStore.create({ database });
  const groups = await DatabaseErrorGroupStore.create({ database });
  const capture = new ErrorCaptureService({
    events,
    groups,
    configs: stores.configs,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return { capture, events, groups };
}

const everything = {
  configurations: [
    ['stripe', 'production'],
    ['github', 'production'],
  ] as Array<[string, string]>,
  limit: 2,
  offset: 0,
};

describe('DatabaseErrorEventStore', () => {
  it.each(databases.eachSupportedId())(
    'counts the listed events from the groups, once each, as far as the caller may see (%p)',
    async databaseId => {
      const { capture, events } = await setUp(databaseId);
      const batch = [
        failedCall('1'),
        failedCall('2', { status: 429, errorType: 'rate_limited' }),
        failedCall('3'),
        failedCall('4', { integration: 'github', endpoint: '/repos' }),
      ];
      await capture.captureUsage(batch);
      // A retried batch stores nothing new, and counts nothing new.
      await capture.captureUsage(batch);

      const all = await events.list(everything);
      expect(all.items).toHaveLength(2);
      expect(all.totalCount).toBe(4);
      const stripeOnly = await events.list({
        ...everything,
        configurations: [['stripe', 'production']],
      });
      expect(stripeOnly.totalCount).toBe(3);
      const staging = await events.list({
        ...everything,
        configurations: [['stripe', 'staging']],
      });
      expect(staging.totalCount).toBe(0);
      const unavailable = stripeOnly.items.find(e => e.httpStatus === 503)!;
      const ofGroup = await events.list({
        ...everything,
        groupIds: [unavailable.groupId],
      });
      expect(ofGroup.totalCount).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts what retention leaves, and what a type or period narrows to (%p)',
    async databaseId => {
      const { capture, events } = await setUp(databaseId);
      await capture.captureUsage([
        failedCall('old-1', { occurredAt: hoursAgo(50).toISOString() }),
        failedCall('old-2', { occurredAt: hoursAgo(49).toISOString() }),
        failedCall('new-1', { occurredAt: hoursAgo(2).toISOString() }),
        failedCall('new-2', {
          occurredAt: hoursAgo(1).toISOString(),
          status: 429,
          errorType: 'rate_limited',
        }),
      ]);

      expect((await events.list(everything)).totalCount).toBe(4);
      expect(
        (await events.list({ ...everything, from: hoursAgo(3) })).totalCount,
      ).toBe(2);
      expect(
        (await events.list({ ...everything, type: 'rate_limited' })).totalCount,
      ).toBe(1);

      expect(await events.deleteOlderThan(hoursAgo(48))).toBe(2);
      expect((await events.list(everything)).totalCount).toBe(2);
      expect(
        (await events.list({ ...everything, to: hoursAgo(48) })).totalCount,
      ).toBe(0);
    },
  );
});
