import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Environment, UsageEvent } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import {
  RollupBucket,
  RollupRow,
  fromRow,
  isoStartsOnce,
  toRow,
} from './usageRollupRows';
import {
  Granularity,
  UsageRollup,
  bucketStart,
  callsByHourOf,
  keyOf,
  mergeRollups,
  rollUpEvents,
  spanOf,
  TOTAL_ENDPOINT,
  totalOf,
} from './usageRollup';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

export type { RollupBucket } from './usageRollupRows';

/** A minute queued for its rollup, as it was marked when read. */
export interface PendingMinute extends RollupBucket {
  generation: number;
}

/** A stored rollup with the configuration and period it covers. */
export interface StoredRollup extends UsageRollup {
  integration: string;
  environment: Environment;
  granularity: Granularity;
  start: string;
}

/** The rollups of usage events, and the queue of minutes to redo. */
export interface UsageRollupStore {
  /** The oldest minutes waiting for their rollup. */
  pendingMinutes(limit: number): Promise<PendingMinute[]>;
  /**
   * Computes the rollups of one bucket again from the level below: a minute
   * from its events, an hour from its minutes, a day from its hours.
   */
  rollUp(granularity: Granularity, bucket: RollupBucket): Promise<void>;
  /** Takes minutes off the queue unless they were marked again meanwhile. */
  clearPending(minutes: PendingMinute[]): Promise<void>;
  /** Drops rollups of one level that start before `cutoff`. */
  deleteOlderThan(granularity: Granularity, cutoff: Date): Promise<number>;
  list(query: RollupQuery): Promise<StoredRollup[]>;
  /**
   * The calls of each integration's buckets and, with `hoursOfDay`, a day's
   * calls per hour.
   */
  callsPerBucket(query: CallsQuery): Promise<BucketCalls[]>;
}

/** Which buckets' calls to read. */
export type CallsQuery = Omit<
  RollupQuery,
  'scope' | 'sumsOnly' | 'overPeriod'
> & { hoursOfDay?: boolean };

/** How many calls an integration made in one bucket. */
export interface BucketCalls {
  integration: string;
  environment: Environment;
  start: string;
  calls: number;
  callsByHour?: number[];
}

/**
 * Which rollups to read. Each bucket has one row per endpoint, method and
 * Component, and one row of the whole integration (endpoint `*`), whose
 * histogram is the merge of the others: percentiles of an integration read
 * one row per bucket instead of every endpoint's.
 */
export interface RollupQuery {
  granularity: Granularity;
  from: Date;
  to: Date;
  integration?: string;
  environment?: Environment;
  /** `endpoints` (the default) or the integration `totals`. */
  scope?: 'endpoints' | 'totals';
  /** Leave out latency histograms, errors and hours where only sums are needed. */
  sumsOnly?: boolean;
  /**
   * Sums only, added up over the whole period in the database: one row per
   * integration, environment, endpoint, method and Component, starting at
   * `from`. Cost and per-endpoint figures need no more, and a month of
   * endpoint rows is too many to carry into the process.
   */
  overPeriod?: boolean;
}

const LEVEL_BELOW: Record<Exclude<Granularity, 'minute'>, Granularity> = {
  hour: 'minute',
  day: 'hour',
};

/** The columns sums need: no histograms, errors or hours to parse. */
const SUM_COLUMNS = [
  'granularity',
  'bucket_start',
  'integration_name',
  'environment',
  'endpoint',
  'method',
  'component',
  'calls',
  'failed',
  'duration_sum',
  'duration_max',
  'request_bytes',
  'response_bytes',
  'units',
  'largest_transfer',
  'largest_transfer_at',
];

/** Knex-backed {@link UsageRollupStore} for SQLite and PostgreSQL. */
export class DatabaseUsageRollupStore implements UsageRollupStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseUsageRollupStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseUsageRollupStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async pendingMinutes(limit: number): Promise<PendingMinute[]> {
    const rows: {
      integration_name: string;
      environment: string;
      minute_start: Date | string | number;
      generation: number;
    }[] = await this.db('usage_rollup_pending')
      .orderBy('minute_start')
      .limit(limit);
    return rows.map(row => ({
      integration: row.integration_name,
      environment: row.environment as Environment,
      start: new Date(toIsoString(row.minute_start)),
      generation: Number(row.generation),
    }));
  }

  async rollUp(granularity: Granularity, bucket: RollupBucket): Promise<void> {
    const start = bucketStart(bucket.start, granularity);
    const end = new Date(start.getTime() + spanOf(granularity));
    const where = {
      integration_name: bucket.integration,
      environment: bucket.environment,
    };
    await this.db.transaction(async tx => {
      let rollups: UsageRollup[];
      if (granularity === 'minute') {
        rollups = rollUpEvents(await eventsIn(tx, where, start, end));
      } else {
        const below = (
          await tx<RollupRow>('usage_rollups')
            .where(where)
            .where('granularity', LEVEL_BELOW[granularity])
            .whereNot('endpoint', TOTAL_ENDPOINT)
            .where('bucket_start', '>=', start)
            .where('bucket_start', '<', end)
        ).map(row => ({
          ...fromRow(row),
          start: toIsoString(row.bucket_start),
        }));
        rollups = mergeRollups(below);
        if (granularity === 'day') {
          const hourly = callsByHourOf(below);
          rollups.forEach(rollup => {
            rollup.callsByHour = hourly.get(keyOf(rollup));
          });
        }
      }
      if (rollups.length) {
        rollups.push(totalOf(rollups));
      }
      await tx('usage_rollups')
        .where(where)
        .where({ granularity, bucket_start: start })
        .delete();
      if (rollups.length) {
        await tx('usage_rollups').insert(
          rollups.map(rollup => toRow(rollup, granularity, bucket, start)),
        );
      }
    });
  }

  async clearPending(minutes: PendingMinute[]): Promise<void> {
    for (const minute of minutes) {
      await this.db('usage_rollup_pending')
        .where({
          integration_name: minute.integration,
          environment: minute.environment,
          minute_start: minute.start,
          generation: minute.generation,
        })
        .delete();
    }
  }

  async deleteOlderThan(
    granularity: Granularity,
    cutoff: Date,
  ): Promise<number> {
    return this.db('usage_rollups')
      .where('granularity', granularity)
      .where('bucket_start', '<', cutoff)
      .delete();
  }

  async list(query: RollupQuery): Promise<StoredRollup[]> {
    if (query.overPeriod) {
      return this.sumsOverPeriod(query);
    }
    const rows: RollupRow[] = await this.rowsOf(query)
      .select(query.sumsOnly ? SUM_COLUMNS : '*')
      .orderBy('bucket_start')
      .orderBy('integration_name')
      .orderBy('endpoint')
      .orderBy('method')
      .orderBy('component');
    const startOf = isoStartsOnce();
    return rows.map(row => ({
      ...fromRow(row),
      integration: row.integration_name,
      environment: row.environment as Environment,
      granularity: row.granularity as Granularity,
      start: startOf(row.bucket_start),
    }));
  }

  async callsPerBucket(query: CallsQuery): Promise<BucketCalls[]> {
    // A few columns of the total rows: peaks and forecasts read weeks of
    // buckets for every integration, and a row costs by its columns.
    const rows: CallsRow[] = await this.rowsOf({ ...query, scope: 'totals' })
      .select(callColumns(query))
      .orderBy('bucket_start')
      .orderBy('integration_name');
    return rows.map(bucketCallsOf());
  }

  private rowsOf(query: RollupQuery): Knex.QueryBuilder {
    return this.db('usage_rollups')
      .where('granularity', query.granularity)
      .where('endpoint', query.scope === 'totals' ? '=' : '<>', TOTAL_ENDPOINT)
      .where('bucket_start', '>=', query.from)
      .where('bucket_start', '<', query.to)
      .modify(builder => {
        if (query.integration) {
          builder.where('integration_name', query.integration);
        }
        if (query.environment) {
          builder.where('environment', query.environment);
        }
      });
  }

  private async sumsOverPeriod(query: RollupQuery): Promise<StoredRollup[]> {
    const groups = [
      'integration_name',
      'environment',
      'endpoint',
      'method',
      'component',
    ];
    const sums: RollupRow[] = await this.rowsOf(query)
      .select(groups)
      .sum({ calls: 'calls', failed: 'failed', duration_sum: 'duration_sum' })
      .max({ duration_max: 'duration_max' })
      .sum({
        request_bytes: 'request_bytes',
        response_bytes: 'response_bytes',
        units: 'units',
      })
      .max({ largest_transfer: 'largest_transfer' })
      .groupBy(groups)
      .orderBy(groups);
    const start = query.from.toISOString();
    return sums.map(row => ({
      // A sum cannot say when its largest transfer was: total rows can.
      ...fromRow({ ...row, largest_transfer_at: null }),
      integration: row.integration_name,
      environment: row.environment as Environment,
      granularity: query.granularity,
      start,
    }));
  }
}

type CallsRow = Pick<
  RollupRow,
  | 'integration_name'
  | 'environment'
  | 'bucket_start'
  | 'calls'
  | 'calls_by_hour'
>;

function callColumns(query: CallsQuery): string[] {
  return [
    'integration_name',
    'environment',
    'bucket_start',
    'calls',
    ...(query.hoursOfDay ? ['calls_by_hour'] : []),
  ];
}

function bucketCallsOf(): (row: CallsRow) => BucketCalls {
  const startOf = isoStartsOnce();
  return row => ({
    integration: row.integration_name,
    environment: row.environment as Environment,
    start: startOf(row.bucket_start),
    calls: Number(row.calls),
    ...(row.calls_by_hour
      ? { callsByHour: JSON.parse(row.calls_by_hour) }
      : {}),
  });
}

async function eventsIn(
  tx: Knex.Transaction,
  where: { integration_name: string; environment: string },
  start: Date,
  end: Date,
): Promise<UsageEvent[]> {
  const rows: {
    endpoint: string;
    method: string;
    status: number | null;
    duration_ms: number;
    request_bytes: number | string | null;
    response_bytes: number | string | null;
    units: number | string | null;
    error_type: string | null;
    component: string | null;
    occurred_at: Date | string | number;
  }[] = await tx('usage_events')
    .where(where)
    .where('occurred_at', '>=', start)
    .where('occurred_at', '<', end)
    .select(
      'endpoint',
      'method',
      'status',
      'duration_ms',
      'request_bytes',
      'response_bytes',
      'units',
      'error_type',
      'component',
      'occurred_at',
    );
  return rows.map(row => ({
    id: '',
    integration: where.integration_name,
    environment: where.environment as Environment,
    endpoint: row.endpoint,
    method: row.method as UsageEvent['method'],
    status: row.status ?? undefined,
    durationMs: Number(row.duration_ms),
    requestBytes: Number(row.request_bytes ?? 0),
    responseBytes: Number(row.response_bytes ?? 0),
    ...(row.units === null ? {} : { units: Number(row.units) }),
    errorType: (row.error_type ?? undefined) as UsageEvent['errorType'],
    ...(row.component ? { component: row.component } : {}),
    occurredAt: toIsoString(row.occurred_at),
  }));
}
