import knexFactory from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh database for one benchmark: a SQLite file in a temporary folder,
 * or, given a PostgreSQL url, a new database on that server, dropped by
 * `close`.
 */
export async function openBenchDatabase(
  postgres: string | undefined,
  options: { prefix: string; poolMax: number },
) {
  if (!postgres) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: {
        filename: join(
          mkdtempSync(join(tmpdir(), `${options.prefix}-`)),
          'db.sqlite',
        ),
      },
      useNullAsDefault: true,
    });
    return { knex, close: () => knex.destroy() };
  }
  const name = `${options.prefix.replace(/-/g, '_')}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: options.poolMax },
  });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

/** Why PostgreSQL cannot be benchmarked, or undefined when it answers. */
export async function postgresUnreachable(
  postgres: string,
): Promise<string | undefined> {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: postgres, connectionTimeoutMillis: 3000 },
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw('SELECT 1');
    return undefined;
  } catch (error) {
    const shown = new URL(postgres);
    shown.password = '';
    return `no PostgreSQL answered at ${shown} (${
      error instanceof Error ? error.message : error
    }); pass --postgres <url>`;
  } finally {
    await knex.destroy();
  }
}
