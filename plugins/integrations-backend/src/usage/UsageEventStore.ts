import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  StoredUsageEvent,
  UsageEvent,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { bucketStart } from './usageRollup';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** Where a usage event came in. */
export type UsageSource = 'api' | 'otlp' | 'client' | 'webhook';

/** Rows per statement: well inside both databases' parameter limits. */
const ROWS_PER_INSERT = 500;

/** Raw usage events, each stored once by its id. */
export interface UsageEventStore {
  /**
   * Stores the events whose ids are new and returns how many were; an id
   * already stored (a retried batch, another replica) is skipped.
   */
  insert(
    events: UsageEvent[],
    origin: { source: UsageSource; receivedAt: Date },
  ): Promise<number>;
  /** Drops events that happened before `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
  /** The events of one configuration in `[from, to)`, oldest first. */
  list(query: {
    integration: string;
    environment: Environment;
    from: Date;
    to: Date;
  }): Promise<StoredUsageEvent[]>;
}

type UsageEventRow = {
  id: string;
  integration_name: string;
  environment: string;
  endpoint: string;
  method: string;
  status: number | null;
  duration_ms: number;
  request_bytes: number | string | null;
  response_bytes: number | string | null;
  units: number | string | null;
  error_type: string | null;
  caller: string | null;
  component: string | null;
  source: string;
  occurred_at: Date | string | number;
  received_at: Date | string | number;
};

/** Knex-backed {@link UsageEventStore} for SQLite and PostgreSQL. */
export class DatabaseUsageEventStore implements UsageEventStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseUsageEventStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseUsageEventStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async insert(
    events: UsageEvent[],
    origin: { source: UsageSource; receivedAt: Date },
  ): Promise<number> {
    const rows = events.map(event => usageEventRow(event, origin));
    // One transaction: the caller hears "accepted" only once every row is
    // durable, and a failure keeps none of the batch, nor its rollup marks.
    return this.db.transaction(async tx => {
      const inserted = new Set<string>();
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const stored: { id: string }[] = await tx('usage_events')
          .insert(rows.slice(start, start + ROWS_PER_INSERT))
          .onConflict('id')
          .ignore()
          .returning('id');
        stored.forEach(({ id }) => inserted.add(id));
      }
      await markMinutes(
        tx,
        rows.filter(row => inserted.has(row.id)),
      );
      return inserted.size;
    });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.db('usage_events').where('occurred_at', '<', cutoff).delete();
  }

  async list(query: {
    integration: string;
    environment: Environment;
    from: Date;
    to: Date;
  }): Promise<StoredUsageEvent[]> {
    const rows: UsageEventRow[] = await this.db('usage_events')
      .where({
        integration_name: query.integration,
        environment: query.environment,
      })
      .where('occurred_at', '>=', query.from)
      .where('occurred_at', '<', query.to)
      .orderBy('occurred_at')
      .orderBy('id');
    return rows.map(fromRow);
  }
}

/** Queues the minutes that gained events for their rollups to be redone. */
async function markMinutes(tx: Knex.Transaction, rows: UsageEventRow[]) {
  const minutes = new Map<
    string,
    { integration_name: string; environment: string; minute_start: Date }
  >();
  for (const row of rows) {
    const minute = bucketStart(row.occurred_at as Date, 'minute');
    minutes.set(
      `${row.integration_name}:${row.environment}:${minute.getTime()}`,
      {
        integration_name: row.integration_name,
        environment: row.environment,
        minute_start: minute,
      },
    );
  }
  const marks = [...minutes.values()].map(mark => ({ ...mark, generation: 1 }));
  for (let start = 0; start < marks.length; start += ROWS_PER_INSERT) {
    await tx('usage_rollup_pending')
      .insert(marks.slice(start, start + ROWS_PER_INSERT))
      .onConflict(['integration_name', 'environment', 'minute_start'])
      .merge({
        generation: tx.raw('?? + 1', ['usage_rollup_pending.generation']),
      });
  }
}

/** The row a usage event is stored as; the benchmarks insert raw rows with it too. */
export function usageEventRow(
  event: UsageEvent,
  origin: { source: UsageSource; receivedAt: Date },
): UsageEventRow {
  return {
    id: event.id,
    integration_name: event.integration,
    environment: event.environment,
    endpoint: event.endpoint,
    method: event.method,
    status: event.status ?? null,
    duration_ms: event.durationMs,
    request_bytes: event.requestBytes ?? null,
    response_bytes: event.responseBytes ?? null,
    units: event.units ?? null,
    error_type: event.errorType ?? null,
    caller: event.caller ?? null,
    component: event.component ?? null,
    source: origin.source,
    occurred_at: new Date(event.occurredAt),
    received_at: origin.receivedAt,
  };
}

function fromRow(row: UsageEventRow): StoredUsageEvent {
  return {
    id: row.id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    endpoint: row.endpoint,
    method: row.method as UsageEvent['method'],
    ...(row.status === null ? {} : { status: row.status }),
    durationMs: Number(row.duration_ms),
    // PostgreSQL returns bigint columns as text.
    ...(row.request_bytes === null
      ? {}
      : { requestBytes: Number(row.request_bytes) }),
    ...(row.response_bytes === null
      ? {}
      : { responseBytes: Number(row.response_bytes) }),
    ...(row.units === null ? {} : { units: Number(row.units) }),
    ...(row.error_type === null
      ? {}
      : { errorType: row.error_type as UsageEvent['errorType'] }),
    ...(row.caller === null ? {} : { caller: row.caller }),
    ...(row.component === null ? {} : { component: row.component }),
    occurredAt: toIsoString(row.occurred_at),
    source: row.source,
    receivedAt: toIsoString(row.received_at),
  };
}
