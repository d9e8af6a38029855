import { Knex } from 'knex';

/** Every row of every table of the plugin's SQLite database. */
export async function dumpAllTables(
  knex: Knex,
): Promise<Record<string, unknown[]>> {
  const tables: Array<{ name: string }> = await knex('sqlite_master')
    .where({ type: 'table' })
    .select('name');
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    dump[name] = await knex(name).select('*');
  }
  return dump;
}
