import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** One configuration whose scheduled health checks are paused. */
export interface HealthCheckPause {
  integration: string;
  environment: Environment;
  pausedBy: string;
  pausedAt: string;
}

/** A configuration, by name and environment. */
export interface PauseTarget {
  integration: string;
  environment: Environment;
}

/** Which configurations' scheduled health checks are paused. */
export interface HealthCheckPauseStore {
  /** Pauses the checks; pausing again keeps who paused them first and when. */
  pause(
    target: PauseTarget,
    by: { actor: string; at: Date },
  ): Promise<HealthCheckPause>;
  /** Resumes the checks; whether they were paused. */
  resume(target: PauseTarget): Promise<boolean>;
  /** The pauses, of one environment or of all. */
  list(environment?: Environment): Promise<HealthCheckPause[]>;
}

type PauseRow = {
  integration_name: string;
  environment: string;
  paused_by: string;
  paused_at: Date | string | number;
};

/** Knex-backed {@link HealthCheckPauseStore} for SQLite and PostgreSQL. */
export class DatabaseHealthCheckPauseStore implements HealthCheckPauseStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthCheckPauseStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseHealthCheckPauseStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async pause(
    target: PauseTarget,
    by: { actor: string; at: Date },
  ): Promise<HealthCheckPause> {
    const key = {
      integration_name: target.integration,
      environment: target.environment,
    };
    await this.db('health_check_pauses')
      .insert({ ...key, paused_by: by.actor, paused_at: by.at })
      .onConflict(['integration_name', 'environment'])
      .ignore();
    const row: PauseRow = await this.db('health_check_pauses')
      .where(key)
      .first();
    return toPause(row);
  }

  async resume(target: PauseTarget): Promise<boolean> {
    const deleted = await this.db('health_check_pauses')
      .where({
        integration_name: target.integration,
        environment: target.environment,
      })
      .delete();
    return deleted > 0;
  }

  async list(environment?: Environment): Promise<HealthCheckPause[]> {
    const rows: PauseRow[] = await this.db('health_check_pauses')
      .modify(query => {
        if (environment) {
          query.where({ environment });
        }
      })
      .orderBy('integration_name')
      .orderBy('environment');
    return rows.map(toPause);
  }
}

function toPause(row: PauseRow): HealthCheckPause {
  return {
    integration: row.integration_name,
    environment: row.environment as Environment,
    pausedBy: row.paused_by,
    pausedAt: toIsoString(row.paused_at),
  };
}
