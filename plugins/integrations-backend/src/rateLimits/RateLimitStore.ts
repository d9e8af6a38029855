import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  RateLimitFigure,
  RateLimitReader,
  RateLimitSource,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** A configuration: an integration in one environment. */
export interface RateLimitScope {
  integration: string;
  environment: Environment;
}

/** The latest reading of one limit window. */
export interface StoredRateLimitReading extends RateLimitScope {
  figure: RateLimitFigure;
  readBy: RateLimitReader;
  readAt: string;
}

/** One time a limit was hit. */
export interface RateLimitHit extends RateLimitScope {
  id: string;
  endpoint: string;
  status?: number;
  /** The delay the caller was told to wait, when it was. */
  delaySeconds?: number;
  reason?: string;
  source: RateLimitSource;
  field: string;
  readBy: RateLimitReader;
  hitAt: string;
}

/** The latest rate-limit readings and the history of limit hits. */
export interface RateLimitStore {
  /** Keeps each figure as the latest of its window; returns what it replaced. */
  saveReadings(
    readings: StoredRateLimitReading[],
  ): Promise<StoredRateLimitReading[]>;
  /** Adds hits; a hit whose id is already stored is not added again. */
  addHits(hits: RateLimitHit[]): Promise<number>;
  listReadings(query: {
    environment: Environment;
    integrations?: string[];
  }): Promise<StoredRateLimitReading[]>;
  listHits(query: {
    environment: Environment;
    integrations?: string[];
    since: Date;
    limit: number;
  }): Promise<RateLimitHit[]>;
  /** Drops hits before `cutoff`, as usage events are dropped. */
  deleteHitsOlderThan(cutoff: Date): Promise<number>;
}

type ReadingRow = {
  integration_name: string;
  environment: string;
  limit_key: string;
  limit: number | string | null;
  remaining: number | string | null;
  used: number | string | null;
  reset_at: Date | string | number | null;
  window_seconds: number | null;
  policy: string | null;
  source: string;
  field: string;
  read_by: string;
  read_at: Date | string | number;
};

type HitRow = {
  id: string;
  integration_name: string;
  environment: string;
  endpoint: string;
  status: number | null;
  delay_seconds: number | null;
  reason: string | null;
  source: string;
  field: string;
  read_by: string;
  hit_at: Date | string | number;
};

// PostgreSQL allows 65,535 bindings per statement; 14 columns a row.
const INSERT_CHUNK = 1000;

function numberOrUndefined(value: number | string | null) {
  return value === null ? undefined : Number(value);
}

function readingRow(reading: StoredRateLimitReading): ReadingRow {
  const { figure } = reading;
  return {
    integration_name: reading.integration,
    environment: reading.environment,
    limit_key: figure.key.slice(0, 300),
    limit: figure.limit ?? null,
    remaining: figure.remaining ?? null,
    used: figure.used ?? null,
    reset_at: figure.resetAt ? new Date(figure.resetAt) : null,
    window_seconds: figure.windowSeconds ?? null,
    policy: figure.policy?.slice(0, 100) ?? null,
    source: figure.source,
    field: figure.field.slice(0, 100),
    read_by: reading.readBy,
    read_at: new Date(reading.readAt),
  };
}

function readingOf(row: ReadingRow): StoredRateLimitReading {
  const figure: RateLimitFigure = {
    key: row.limit_key,
    source: row.source as RateLimitSource,
    field: row.field,
  };
  const limit = numberOrUndefined(row.limit);
  const remaining = numberOrUndefined(row.remaining);
  const used = numberOrUndefined(row.used);
  if (limit !== undefined) figure.limit = limit;
  if (remaining !== undefined) figure.remaining = remaining;
  if (used !== undefined) figure.used = used;
  if (row.reset_at !== null) figure.resetAt = toIsoString(row.reset_at);
  if (row.window_seconds !== null) {
    figure.windowSeconds = Number(row.window_seconds);
  }
  if (row.policy !== null) figure.policy = row.policy;
  return {
    integration: row.integration_name,
    environment: row.environment as Environment,
    figure,
    readBy: row.read_by as RateLimitReader,
    readAt: toIsoString(row.read_at),
  };
}

function hitOf(row: HitRow): RateLimitHit {
  return {
    id: row.id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    endpoint: row.endpoint,
    ...(row.status !== null ? { status: Number(row.status) } : {}),
    ...(row.delay_seconds !== null
      ? { delaySeconds: Number(row.delay_seconds) }
      : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    source: row.source as RateLimitSource,
    field: row.field,
    readBy: row.read_by as RateLimitReader,
    hitAt: toIsoString(row.hit_at),
  };
}

/** Knex-backed {@link RateLimitStore} for SQLite and PostgreSQL. */
export class DatabaseRateLimitStore implements RateLimitStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRateLimitStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRateLimitStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async saveReadings(
    readings: StoredRateLimitReading[],
  ): Promise<StoredRateLimitReading[]> {
    if (!readings.length) {
      return [];
    }
    const rows = readings.map(readingRow);
    return this.db.transaction(async tx => {
      const previous: ReadingRow[] = await tx('rate_limit_readings').where(
        builder => {
          for (const row of rows) {
            builder.orWhere({
              integration_name: row.integration_name,
              environment: row.environment,
              limit_key: row.limit_key,
            });
          }
        },
      );
      await tx('rate_limit_readings')
        .insert(rows)
        .onConflict(['integration_name', 'environment', 'limit_key'])
        .merge()
        // A reading reported late must not replace a newer one.
        .where('rate_limit_readings.read_at', '<=', tx.raw('excluded.read_at'));
      // What was replaced, or would have been had it not been newer.
      return previous.map(readingOf);
    });
  }

  async addHits(hits: RateLimitHit[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < hits.length; i += INSERT_CHUNK) {
      const rows: HitRow[] = hits.slice(i, i + INSERT_CHUNK).map(hit => ({
        id: hit.id,
        integration_name: hit.integration,
        environment: hit.environment,
        endpoint: hit.endpoint.slice(0, 300),
        status: hit.status ?? null,
        delay_seconds: hit.delaySeconds ?? null,
        reason: hit.reason?.slice(0, 200) ?? null,
        source: hit.source,
        field: hit.field.slice(0, 100),
        read_by: hit.readBy,
        hit_at: new Date(hit.hitAt),
      }));
      const inserted = await this.db('rate_limit_hits')
        .insert(rows)
        .onConflict('id')
        .ignore()
        .returning('id');
      added += inserted.length;
    }
    return added;
  }

  async listReadings(query: {
    environment: Environment;
    integrations?: string[];
  }): Promise<StoredRateLimitReading[]> {
    const builder = this.db<ReadingRow>('rate_limit_readings')
      .where('environment', query.environment)
      .orderBy(['integration_name', 'limit_key']);
    if (query.integrations) {
      builder.whereIn('integration_name', query.integrations);
    }
    return (await builder).map(readingOf);
  }

  async listHits(query: {
    environment: Environment;
    integrations?: string[];
    since: Date;
    limit: number;
  }): Promise<RateLimitHit[]> {
    const builder = this.db<HitRow>('rate_limit_hits')
      .where('environment', query.environment)
      .andWhere('hit_at', '>=', query.since)
      .orderBy('hit_at', 'desc')
      .limit(query.limit);
    if (query.integrations) {
      builder.whereIn('integration_name', query.integrations);
    }
    return (await builder).map(hitOf);
  }

  async deleteHitsOlderThan(cutoff: Date): Promise<number> {
    return this.db('rate_limit_hits').where('hit_at', '<', cutoff).delete();
  }
}
