import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  InboundDelivery,
  InboundSignatureScheme,
  InboundVerification,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { configurationsIn } from '../../database/configurationsIn';
import { toIsoString } from '../../database/timestamps';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** A received webhook about to be recorded. */
export interface ReceivedDelivery {
  integration: string;
  environment: Environment;
  scheme: InboundSignatureScheme;
  receivedAt: Date;
  verification: InboundVerification;
  reason?: string;
  providerEventId?: string;
  eventType?: string;
  responseStatus: number;
  topic?: string;
  size: number;
  /** JSON text of a verified body; left out when too large to keep. */
  body?: string;
}

/** A recorded webhook, its body still JSON text. */
export type StoredInboundDelivery = Omit<InboundDelivery, 'body'> & {
  body?: string;
};

/** Which received webhooks to list, newest first. */
export interface InboundDeliveryFilter {
  /** Only these configurations, as `[name, environment]`. */
  configurations: Array<[string, string]>;
  verification?: InboundVerification;
  limit: number;
  offset: number;
}

/** Every webhook the providers sent in, kept for the inbound log. */
export interface InboundDeliveryStore {
  /**
   * Records the webhook. A verified one whose provider event id was recorded
   * before, here or by another replica, is recorded as a duplicate instead,
   * neither published nor with its body; the answer says which it became.
   */
  record(delivery: ReceivedDelivery): Promise<StoredInboundDelivery>;
  list(
    filter: InboundDeliveryFilter,
  ): Promise<{ items: StoredInboundDelivery[]; totalCount: number }>;
  /** Drops webhooks received before `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

interface InboundDeliveryRow {
  id: string;
  integration_name: string;
  environment: string;
  scheme: string;
  received_at: Date | string | number;
  verification: string;
  reason: string | null;
  provider_event_id: string | null;
  dedupe_key: string | null;
  event_type: string | null;
  response_status: number;
  topic: string | null;
  size: number;
  body: string | null;
}

/** Knex-backed {@link InboundDeliveryStore} for SQLite and PostgreSQL. */
export class DatabaseInboundDeliveryStore implements InboundDeliveryStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseInboundDeliveryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseInboundDeliveryStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async record(delivery: ReceivedDelivery): Promise<StoredInboundDelivery> {
    const row = toRow(delivery);
    if (row.dedupe_key === null) {
      await this.db('inbound_deliveries').insert(row);
      return toDelivery(row);
    }
    const inserted: Array<{ id: string }> = await this.db('inbound_deliveries')
      .insert(row)
      .onConflict(['integration_name', 'environment', 'dedupe_key'])
      .ignore()
      .returning('id');
    if (inserted.length) {
      return toDelivery(row);
    }
    const duplicate: InboundDeliveryRow = {
      ...row,
      verification: 'duplicate',
      dedupe_key: null,
      topic: null,
      body: null,
    };
    await this.db('inbound_deliveries').insert(duplicate);
    return toDelivery(duplicate);
  }

  async list(
    filter: InboundDeliveryFilter,
  ): Promise<{ items: StoredInboundDelivery[]; totalCount: number }> {
    if (!filter.configurations.length) {
      return { items: [], totalCount: 0 };
    }
    const query = this.db<InboundDeliveryRow>('inbound_deliveries')
      .whereRaw(...configurationsIn(filter.configurations))
      .modify(builder => {
        if (filter.verification) {
          builder.where('verification', filter.verification);
        }
      });
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: InboundDeliveryRow[] = await query
      .clone()
      .select('*')
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toDelivery), totalCount: Number(count) };
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.db('inbound_deliveries')
      .where('received_at', '<', cutoff)
      .delete();
  }
}

function toRow(delivery: ReceivedDelivery): InboundDeliveryRow {
  const verified = delivery.verification === 'verified';
  return {
    id: randomUUID(),
    integration_name: delivery.integration,
    environment: delivery.environment,
    scheme: delivery.scheme,
    received_at: delivery.receivedAt,
    verification: delivery.verification,
    reason: delivery.reason ?? null,
    provider_event_id: delivery.providerEventId ?? null,
    dedupe_key: verified ? delivery.providerEventId ?? null : null,
    event_type: delivery.eventType ?? null,
    response_status: delivery.responseStatus,
    topic: delivery.topic ?? null,
    size: delivery.size,
    body: verified ? delivery.body ?? null : null,
  };
}

function toDelivery(row: InboundDeliveryRow): StoredInboundDelivery {
  return {
    id: row.id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    scheme: row.scheme as InboundSignatureScheme,
    receivedAt: toIsoString(row.received_at),
    verification: row.verification as InboundVerification,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.provider_event_id !== null
      ? { providerEventId: row.provider_event_id }
      : {}),
    ...(row.event_type !== null ? { eventType: row.event_type } : {}),
    responseStatus: row.response_status,
    ...(row.topic !== null ? { topic: row.topic } : {}),
    size: row.size,
    ...(row.body !== null ? { body: row.body } : {}),
  };
}
