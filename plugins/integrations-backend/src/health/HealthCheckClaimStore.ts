import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** A configuration's scheduled check, and how long its claim may last. */
export interface CheckClaim {
  integration: string;
  environment: Environment;
  /** Past this, the check was cut off and another replica may take it over. */
  leaseMs: number;
}

/**
 * Leases on scheduled health checks: every replica runs the health-check
 * task, and a configuration is checked by the replica that claimed it.
 */
export interface HealthCheckClaimStore {
  /** Claims those not claimed by anyone now; answers the ones this replica got. */
  claim(
    claims: CheckClaim[],
    by: { owner: string; now: Date },
  ): Promise<Array<{ integration: string; environment: Environment }>>;
  /** Keeps this replica's claim until a time, e.g. when the configuration is due again. */
  holdUntil(
    claim: { integration: string; environment: Environment },
    by: { owner: string; until: Date },
  ): Promise<void>;
}

const keyOf = (claim: { integration: string; environment: string }) =>
  `${claim.integration}:${claim.environment}`;

/** Knex-backed {@link HealthCheckClaimStore} for SQLite and PostgreSQL. */
export class DatabaseHealthCheckClaimStore implements HealthCheckClaimStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthCheckClaimStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseHealthCheckClaimStore(client);
  }

  constructor(private readonly db: Knex) {}

  async claim(
    claims: CheckClaim[],
    by: { owner: string; now: Date },
  ): Promise<Array<{ integration: string; environment: Environment }>> {
    if (claims.length === 0) {
      return [];
    }
    // Rows locked in one order by every replica, so two claiming
    // overlapping batches wait for each other instead of deadlocking.
    const ordered = [...claims].sort((a, b) =>
      keyOf(a).localeCompare(keyOf(b)),
    );
    // One statement: a free or expired claim is taken, a live one left alone.
    // Two replicas inserting the same row at once are serialised by its key,
    // and the second then finds the first's lease alive.
    const rows: Array<{ integration_name: string; environment: string }> =
      await this.db('health_check_claims')
        .insert(
          ordered.map(claim => ({
            integration_name: claim.integration,
            environment: claim.environment,
            claimed_until: new Date(by.now.getTime() + claim.leaseMs),
            claimed_by: by.owner,
          })),
        )
        .onConflict(['integration_name', 'environment'])
        .merge(['claimed_until', 'claimed_by'])
        .where('health_check_claims.claimed_until', '<=', by.now)
        .returning(['integration_name', 'environment']);
    const claimed = new Set(
      rows.map(row =>
        keyOf({
          integration: row.integration_name,
          environment: row.environment,
        }),
      ),
    );
    return claims
      .filter(claim => claimed.has(keyOf(claim)))
      .map(({ integration, environment }) => ({ integration, environment }));
  }

  async holdUntil(
    claim: { integration: string; environment: Environment },
    by: { owner: string; until: Date },
  ): Promise<void> {
    await this.db('health_check_claims')
      .where({
        integration_name: claim.integration,
        environment: claim.environment,
        claimed_by: by.owner,
      })
      .update({ claimed_until: by.until });
  }
}
