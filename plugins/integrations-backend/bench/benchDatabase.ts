import knexFactory from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a bench database lives, so another process can open it too. */
export type BenchDatabaseLocation = { sqlite: string } | { postgres: string };

/** A connection to a bench database that already exists. */
export function connectBenchDatabase(
  location: BenchDatabaseLocation,
  options: { poolMax: number },
) {
  if ('sqlite' in location) {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: location.sqlite },
      useNullAsDefault: true,
    });
  }
  return knexFactory({
    client: 'pg',
    connection: location.postgres,
    pool: { min: 0, max: options.poolMax },
  });
}

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
    const location = {
      sqlite: join(
        mkdtempSync(join(tmpdir(), `${options.prefix}-`)),
        'db.sqlite',
      ),
    };
    const knex = connectBenchDatabase(location, options);
    return { knex, location, close: () => knex.destroy() };
  }
  const name = `${options.prefix.replace(/-/g, '_')}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  const location = { postgres: url.toString() };
  const knex = connectBenchDatabase(location, options);
  return {
    knex,
    location,
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
