import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

/** The plugin's knex migrations, one schema shared by every store. */
export const migrationsDirectory = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/**
 * Brings the plugin's schema up to date. Called once at start-up, before any
 * store is built, so the migrations run exactly once and in order.
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<void> {
  if (database.migrations?.skip) {
    return;
  }
  const client = await database.getClient();
  await client.migrate.latest({ directory: migrationsDirectory });
}
