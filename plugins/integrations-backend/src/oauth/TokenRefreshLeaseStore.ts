import { DatabaseService } from '@backstage/backend-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';

/**
 * Short leases on a configuration's token refresh, shared by all backend
 * replicas through the database.
 */
export interface TokenRefreshLeaseStore {
  /** Takes the lease unless another holder has one that has not expired. */
  tryAcquire(
    target: { integration: string; environment: Environment },
    holder: string,
    options: { now: Date; until: Date },
  ): Promise<boolean>;
  release(
    target: { integration: string; environment: Environment },
    holder: string,
  ): Promise<void>;
}

/** Knex-backed {@link TokenRefreshLeaseStore} for SQLite and PostgreSQL. */
export class DatabaseTokenRefreshLeaseStore implements TokenRefreshLeaseStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseTokenRefreshLeaseStore> {
    return new DatabaseTokenRefreshLeaseStore(
      await options.database.getClient(),
    );
  }

  private constructor(private readonly db: Knex) {}

  /** Takes the lease unless another holder has one that has not expired. */
  async tryAcquire(
    target: { integration: string; environment: Environment },
    holder: string,
    options: { now: Date; until: Date },
  ): Promise<boolean> {
    const key = {
      integration_name: target.integration,
      environment: target.environment,
    };
    const taken = await this.db('token_refresh_leases')
      .where(key)
      .where('expires_at', '<=', options.now)
      .update({ holder, expires_at: options.until });
    if (taken === 1) {
      return true;
    }
    try {
      await this.db('token_refresh_leases').insert({
        ...key,
        holder,
        expires_at: options.until,
      });
      return true;
    } catch {
      // The row exists and has not expired: someone else is refreshing.
      return false;
    }
  }

  async release(
    target: { integration: string; environment: Environment },
    holder: string,
  ): Promise<void> {
    await this.db('token_refresh_leases')
      .where({
        integration_name: target.integration,
        environment: target.environment,
        holder,
      })
      .delete();
  }
}
