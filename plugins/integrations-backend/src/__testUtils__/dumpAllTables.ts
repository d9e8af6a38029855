import { Knex } from 'knex';

/**
 * Every row of every table of the plugin's database (SQLite or PostgreSQL),
 * each table's rows in a stable order, so two dumps compare equal exactly
 * when the contents are the same.
 */
export async function dumpAllTables(
  knex: Knex,
): Promise<Record<string, unknown[]>> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where({ table_type: 'BASE TABLE' })
            .whereRaw('table_schema = current_schema()')
            .select('table_name')
        ).map((row: { table_name: string }) => row.table_name)
      : (
          await knex('sqlite_master').where({ type: 'table' }).select('name')
        ).map((row: { name: string }) => row.name);
  const dump: Record<string, unknown[]> = {};
  for (const name of tables.sort()) {
    const rows: unknown[] = await knex(name).select('*');
    dump[name] = rows
      .map(row => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : Number(a.key > b.key)))
      .map(({ row }) => row);
  }
  return dump;
}
