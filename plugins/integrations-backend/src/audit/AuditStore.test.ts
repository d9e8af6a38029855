import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { CredentialUse, DatabaseAuditStore } from './AuditStore';
import { auditRecord } from './auditRecords';
import {
  AUDIT_RETENTION_ACTOR,
  AuditRetentionTask,
} from './AuditRetentionTask';

jest.setTimeout(60_000);

/**
 * What the database answered a write it should refuse: its message, or
 * that it went through. Compared as text, because the driver's errors come
 * from the native module, which jest shares across test files, so they are
 * not always this file's kind of Error.
 */
function refusal(write: PromiseLike<unknown>): Promise<string> {
  return Promise.resolve(write).then(
    () => 'the write went through',
    (error: unknown) =>
      String((error as { message?: unknown })?.message ?? error),
  );
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DAY_MS = 86_400_000;
const TASK = 'task:integrations-health-check';
const PERSON = { userRef: 'user:default/ada.admin' };

async function createStore(knex: Knex) {
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await applyDatabaseMigrations(database);
  return DatabaseAuditStore.create({ database });
}

function use(
  at: string,
  overrides: Partial<CredentialUse> = {},
): CredentialUse {
  return {
    integration: 'stripe',
    environment: 'production',
    actor: TASK,
    purpose: 'health check',
    fields: ['secretKey'],
    at: new Date(at),
    ...overrides,
  };
}

function change(daysAgo: number, integration = 'stripe') {
  return auditRecord(PERSON, new Date(Date.now() - daysAgo * DAY_MS), {
    action: 'update',
    category: 'configuration',
    integration,
    environment: 'production',
    details: { changedFields: ['description'] },
  });
}

describe('DatabaseAuditStore', () => {
  it.each(databases.eachSupportedId())(
    "counts a task's credential uses in one row per configuration, purpose and hour (%p)",
    async databaseId => {
      const store = await createStore(await databases.init(databaseId));

      await store.countUses([
        use('2026-11-28T10:05:00Z'),
        use('2026-11-28T10:20:00Z'),
      ]);
      await store.countUses([use('2026-11-28T10:50:00Z')]);
      await store.countUses([
        use('2026-11-28T11:01:00Z'),
        use('2026-11-28T10:55:00Z', { purpose: 'token refresh' }),
        use('2026-11-28T10:56:00Z', { environment: 'staging' }),
      ]);
      await store.append([
        auditRecord(PERSON, new Date('2026-11-28T10:30:00Z'), {
          action: 'credentials_use',
          category: 'credentials',
          integration: 'stripe',
          environment: 'production',
          details: {
            changedFields: [],
            fields: ['secretKey'],
            purpose: 'quick test',
          },
        }),
      ]);

      const { items, totalCount } = await store.list({
        action: 'credentials_use',
      });
      expect(totalCount).toBe(5);
      expect(
        items.map(e => ({
          at: e.timestamp,
          environment: e.environment,
          purpose: e.details.purpose,
          count: e.count,
        })),
      ).toEqual([
        {
          at: '2026-11-28T11:01:00.000Z',
          environment: 'production',
          purpose: 'health check',
          count: 1,
        },
        {
          at: '2026-11-28T10:56:00.000Z',
          environment: 'staging',
          purpose: 'health check',
          count: 1,
        },
        {
          at: '2026-11-28T10:55:00.000Z',
          environment: 'production',
          purpose: 'token refresh',
          count: 1,
        },
        // A person's use is a row of its own, never counted.
        {
          at: '2026-11-28T10:30:00.000Z',
          environment: 'production',
          purpose: 'quick test',
          count: undefined,
        },
        // The hour's row keeps its first use's time.
        {
          at: '2026-11-28T10:05:00.000Z',
          environment: 'production',
          purpose: 'health check',
          count: 3,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'is refused by the database any UPDATE but a raised count, and any DELETE but retention (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await createStore(knex);
      await store.append([change(400)]);
      await store.countUses([use('2026-11-28T10:05:00Z')]);
      const counted = knex('audit_log').whereNotNull('count_key');

      expect(await refusal(knex('audit_log').delete())).toMatch(/append-only/);
      expect(
        await refusal(
          knex('audit_log')
            .whereNull('count_key')
            .update({ user_id: 'someone' }),
        ),
      ).toMatch(/append-only/);
      expect(await refusal(counted.clone().update({ use_count: 0 }))).toMatch(
        /append-only/,
      );
      expect(
        await refusal(
          counted
            .clone()
            .update({ use_count: 5, details: '{"changedFields":[]}' }),
        ),
      ).toMatch(/append-only/);
      // SQLite has no TRUNCATE; its DELETE without WHERE is refused above.
      const truncate =
        knex.client.config.client === 'pg'
          ? knex.raw('TRUNCATE audit_log')
          : knex('audit_log').delete();
      expect(await refusal(truncate)).toMatch(/append-only/);
      // A grant committed by anyone but the retention path still cannot
      // reach a row younger than 30 days.
      await store.append([change(10)]);
      expect(
        await refusal(
          knex.transaction(async tx => {
            await tx('audit_log_retention_grants').insert({
              cutoff: new Date(Date.now() - 5 * DAY_MS),
            });
            await tx('audit_log').delete();
          }),
        ),
      ).toMatch(/append-only/);

      expect((await store.list({})).totalCount).toBe(3);
      const [row] = await counted.clone().select('use_count');
      expect(Number(row.use_count)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes rows past the retention through the retention task, and records what it removed (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await createStore(knex);
      await store.append([change(400, 'paypal'), change(366), change(364)]);
      const task = new AuditRetentionTask({
        audit: store,
        retentionDays: 365,
        logger: mockServices.logger.mock(),
      });

      expect(await task.removeExpired()).toBe(2);

      const { items } = await store.list({});
      expect(items).toHaveLength(2);
      expect(items[0]).toMatchObject({
        userId: AUDIT_RETENTION_ACTOR,
        action: 'audit_retention',
        category: 'operations',
        details: { removedRows: 2, retentionDays: 365 },
      });
      expect(items[1].details.changedFields).toEqual(['description']);
      // Nothing left for the retention path to grant later.
      expect(await knex('audit_log_retention_grants')).toEqual([]);
      expect(await refusal(knex('audit_log').delete())).toMatch(/append-only/);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a retention shorter than 30 days, in the database and at start (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await createStore(knex);
      await store.append([change(20), change(400)]);

      expect(
        await refusal(
          store.removeOlderThan(new Date(Date.now() - 10 * DAY_MS), () =>
            change(0),
          ),
        ),
      ).toMatch(/append-only/);
      // All or nothing: not even the old row went.
      expect((await store.list({})).totalCount).toBe(2);

      expect(() =>
        AuditRetentionTask.retentionDaysFromConfig(
          mockServices.rootConfig({
            data: { integrations: { audit: { retentionDays: 7 } } },
          }),
        ),
      ).toThrow(
        'integrations.audit.retentionDays must be a whole number of days, at least 30; it is 7',
      );
      expect(
        AuditRetentionTask.retentionDaysFromConfig(
          mockServices.rootConfig({ data: {} }),
        ),
      ).toBe(365);
    },
  );
});
