import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  TestHistoryResponse,
  TestRunResult,
  TestRunStatus,
  TestSuite,
  TestTrigger,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** Narrows the test history. */
export interface TestHistoryFilter {
  /**
   * The configurations whose runs may be listed: the ones the caller may
   * read. Runs of any other configuration are never returned.
   */
  configurations: Array<{ name: string; environment: Environment }>;
  environment?: Environment;
  integration?: string;
  suite?: TestSuite;
  status?: TestRunStatus;
  trigger?: TestTrigger;
  /** Runs started at or after this time. */
  from?: string;
  /** Runs started before this time. */
  to?: string;
}

/** The stored test runs of every integration, newest first. */
export interface TestHistoryStore {
  list(
    filter: TestHistoryFilter,
    page: { offset: number; limit: number },
  ): Promise<TestHistoryResponse>;
}

/** Knex-backed {@link TestHistoryStore} over the `test_runs` table. */
export class DatabaseTestHistoryStore implements TestHistoryStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseTestHistoryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseTestHistoryStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async list(
    filter: TestHistoryFilter,
    page: { offset: number; limit: number },
  ): Promise<TestHistoryResponse> {
    const namesByEnvironment = new Map<Environment, string[]>();
    for (const { name, environment } of filter.configurations) {
      if (
        (filter.environment && environment !== filter.environment) ||
        (filter.integration && name !== filter.integration)
      ) {
        continue;
      }
      namesByEnvironment.set(environment, [
        ...(namesByEnvironment.get(environment) ?? []),
        name,
      ]);
    }
    if (namesByEnvironment.size === 0) {
      return { items: [], totalCount: 0 };
    }

    const query = this.db('test_runs').where(readable =>
      namesByEnvironment.forEach((names, environment) =>
        readable.orWhere(inner =>
          inner.where({ environment }).whereIn('integration_name', names),
        ),
      ),
    );
    if (filter.suite) {
      query.where({ suite: filter.suite });
    }
    if (filter.status) {
      query.where({ status: filter.status });
    }
    if (filter.trigger) {
      query.where({ trigger: filter.trigger });
    }
    if (filter.from) {
      query.where('started_at', '>=', new Date(filter.from));
    }
    if (filter.to) {
      query.where('started_at', '<', new Date(filter.to));
    }

    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: Array<{ result: string }> = await query
      .select('result')
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit);
    return {
      items: rows.map(row => JSON.parse(row.result) as TestRunResult),
      totalCount: Number(count),
    };
  }
}
