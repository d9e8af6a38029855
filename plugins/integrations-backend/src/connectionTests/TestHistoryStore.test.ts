import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { TestRunResult } from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { DatabaseTestHistoryStore } from './TestHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function run(
  id: string,
  overrides: Partial<TestRunResult> & { startedAt: string },
): TestRunResult {
  return {
    // PostgreSQL keeps run ids as UUIDs; the last digit names the run here.
    id: `00000000-0000-4000-8000-00000000000${id}`,
    integration: 'stripe',
    environment: 'production',
    suite: 'quick',
    status: 'passed',
    trigger: 'manual',
    triggeredBy: 'user:default/ada',
    durationMs: 120,
    steps: [],
    connectivity: {},
    ...overrides,
  };
}

const RUNS = [
  run('a', { startedAt: '2026-11-20T10:00:00.000Z' }),
  run('b', {
    startedAt: '2026-11-21T10:00:00.000Z',
    suite: 'full',
    status: 'failed',
  }),
  run('c', {
    startedAt: '2026-11-22T10:00:00.000Z',
    integration: 'paypal',
    trigger: 'scheduled',
    suite: 'health',
  }),
  run('d', {
    startedAt: '2026-11-23T10:00:00.000Z',
    environment: 'staging',
  }),
  run('e', {
    startedAt: '2026-11-24T10:00:00.000Z',
    integration: 'github',
    status: 'degraded',
  }),
];

async function storesWithRuns(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const stores = await createStores(knex);
  for (const item of RUNS) {
    await stores.health.recordChecks([
      {
        run: item,
        sample: { at: item.startedAt, passed: item.status !== 'failed' },
        nextState: () => ({
          state: {
            integration: item.integration,
            environment: item.environment,
            status: 'healthy',
            reasons: [],
            recent: [],
          },
        }),
      },
    ]);
  }
  return DatabaseTestHistoryStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

const everything = [
  { name: 'stripe', environment: 'production' as const },
  { name: 'stripe', environment: 'staging' as const },
  { name: 'paypal', environment: 'production' as const },
  { name: 'github', environment: 'production' as const },
];
const page = { offset: 0, limit: 20 };
const ids = (result: { items: TestRunResult[] }) =>
  result.items.map(item => item.id.slice(-1));

describe('DatabaseTestHistoryStore', () => {
  it.each(databases.eachSupportedId())(
    'lists the runs of the given configurations only, newest first (%p)',
    async databaseId => {
      const store = await storesWithRuns(databaseId);

      const all = await store.list({ configurations: everything }, page);
      expect(ids(all)).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(all.totalCount).toBe(5);
      expect(all.items[0]).toEqual(RUNS[4]);

      // Stripe's staging runs are not readable here, nor is github at all.
      const some = await store.list(
        {
          configurations: [
            { name: 'stripe', environment: 'production' },
            { name: 'paypal', environment: 'production' },
            { name: 'github', environment: 'staging' },
          ],
        },
        page,
      );
      expect(ids(some)).toEqual(['c', 'b', 'a']);

      expect(await store.list({ configurations: [] }, page)).toEqual({
        items: [],
        totalCount: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'filters by environment, integration, suite, status, trigger and time, and pages (%p)',
    async databaseId => {
      const store = await storesWithRuns(databaseId);
      const list = (filter: object, p = page) =>
        store.list({ configurations: everything, ...filter }, p);

      expect(ids(await list({ environment: 'staging' }))).toEqual(['d']);
      expect(ids(await list({ integration: 'stripe' }))).toEqual([
        'd',
        'b',
        'a',
      ]);
      expect(ids(await list({ suite: 'full' }))).toEqual(['b']);
      expect(ids(await list({ status: 'degraded' }))).toEqual(['e']);
      expect(ids(await list({ trigger: 'scheduled' }))).toEqual(['c']);
      expect(
        ids(
          await list({
            from: '2026-11-21T10:00:00Z',
            to: '2026-11-23T10:00:00Z',
          }),
        ),
      ).toEqual(['c', 'b']);

      const second = await list({}, { offset: 2, limit: 2 });
      expect(ids(second)).toEqual(['c', 'b']);
      expect(second.totalCount).toBe(5);
    },
  );
});
