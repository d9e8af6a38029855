import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDirectory } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const config = { directory: migrationsDirectory };

/** The plugin's tables, without knex's own bookkeeping. */
async function tableNames(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema()`,
          )
        ).rows
      : await knex.raw(
          `SELECT name FROM sqlite_master
           WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows
    .map(row => row.name)
    .filter(name => !name.startsWith('knex_'))
    .sort();
}

/** Each of the plugin's tables with its columns, as `table.column`. */
async function columnNames(knex: Knex): Promise<string[]> {
  const columns: string[] = [];
  for (const table of await tableNames(knex)) {
    const info = await knex(table).columnInfo();
    columns.push(...Object.keys(info).map(column => `${table}.${column}`));
  }
  return columns.sort();
}

/** The triggers that keep the audit log append-only. */
async function auditLogTriggers(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            `SELECT DISTINCT trigger_name AS name FROM information_schema.triggers
             WHERE event_object_table = 'audit_log'`,
          )
        ).rows
      : await knex.raw(
          `SELECT name FROM sqlite_master
           WHERE type = 'trigger' AND tbl_name = 'audit_log'`,
        );
  return rows.map(row => row.name).sort();
}

async function migrationCounts(knex: Knex) {
  const [completed, pending] = await knex.migrate.list(config);
  return { completed: completed.length, pending: pending.length };
}

async function migrate(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { pending: total } = await migrationCounts(knex);
  return { knex, total };
}

describe('database migrations', () => {
  it.each(databases.eachSupportedId())(
    'undoes and redoes every migration, one at a time (%s)',
    async databaseId => {
      const { knex, total } = await migrate(databaseId);
      expect(total).toBeGreaterThan(0);

      for (let step = 1; step <= total; step++) {
        const before = await columnNames(knex);
        await knex.migrate.up(config);
        const after = await columnNames(knex);
        expect(after).not.toEqual(before);

        await knex.migrate.down(config);
        expect(await columnNames(knex)).toEqual(before);
        expect((await migrationCounts(knex)).completed).toBe(step - 1);

        await knex.migrate.up(config);
        expect(await columnNames(knex)).toEqual(after);
        expect((await migrationCounts(knex)).completed).toBe(step);
      }
      expect(await migrationCounts(knex)).toEqual({
        completed: total,
        pending: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls all the way back to an empty database and up again (%s)',
    async databaseId => {
      const { knex, total } = await migrate(databaseId);
      await knex.migrate.latest(config);
      const tables = await tableNames(knex);

      await knex.migrate.rollback(config, true);
      expect(await tableNames(knex)).toEqual([]);
      expect(await migrationCounts(knex)).toEqual({
        completed: 0,
        pending: total,
      });

      await knex.migrate.latest(config);
      expect(await tableNames(knex)).toEqual(tables);
      // The append-only audit log is guarded again after the round trip.
      expect(await auditLogTriggers(knex)).toEqual(
        knex.client.config.client === 'pg'
          ? ['audit_log_append_only']
          : ['audit_log_no_delete', 'audit_log_no_update'],
      );
    },
  );
});
