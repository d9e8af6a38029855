import {
  AuditAction,
  AuditCategory,
  AuditLogEntry,
  Environment,
} from '@internal/plugin-integrations-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import { toIsoString } from '../database/timestamps';

/** An audit log entry to append; the store stamps nothing but the row id. */
export type AuditRecord = AuditLogEntry;

/**
 * Credentials opened by a task (not a person): counted, one row per
 * configuration, actor, purpose, fields and hour.
 */
export interface CredentialUse {
  integration: string;
  environment: Environment;
  actor: string;
  purpose: string;
  fields: string[];
  at: Date;
}

const HOUR_MS = 3_600_000;

/** Narrows an audit log listing. */
export interface AuditFilter {
  integration?: string;
  user?: string;
  action?: AuditAction;
  excludeAction?: AuditAction;
  category?: AuditCategory;
  from?: string;
  to?: string;
}

type AuditRow = {
  event_id: string;
  occurred_at: Date | string | number;
  user_id: string;
  integration: string;
  environment: string | null;
  action: string;
  category: string;
  details: string;
  context: string;
  outcome: string;
  error: string | null;
  use_count: number | string;
  count_key: string | null;
};

/**
 * The append-only audit log. The database's triggers refuse any UPDATE but
 * raising a counted row's count, and any DELETE but the retention path's.
 */
export interface AuditStore {
  /**
   * Appends the records; inside the given transaction when they must commit
   * together with the change they describe.
   */
  append(records: AuditRecord[], tx?: Knex.Transaction): Promise<void>;
  /**
   * Counts scheduled credential uses into their hour's row: the first use in
   * the hour inserts it, later ones raise its count (the only UPDATE the
   * database allows on the log).
   */
  countUses(uses: CredentialUse[], tx?: Knex.Transaction): Promise<void>;
  /**
   * The one path that may delete: removes rows older than `before` and
   * appends `record(removed)` saying what it removed, in one transaction.
   * The database refuses it for a cutoff less than 30 days ago.
   */
  removeOlderThan(
    before: Date,
    record: (removed: number) => AuditRecord,
  ): Promise<number>;
  list(
    filter: AuditFilter,
    page?: { offset?: number; limit?: number },
  ): Promise<{ items: AuditLogEntry[]; totalCount: number }>;
}

/** Knex-backed {@link AuditStore} for SQLite and PostgreSQL. */
export class DatabaseAuditStore implements AuditStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAuditStore> {
    return new DatabaseAuditStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async append(records: AuditRecord[], tx?: Knex.Transaction): Promise<void> {
    if (records.length === 0) {
      return;
    }
    await (tx ?? this.db)('audit_log').insert(
      records.map(record => ({
        event_id: record.eventId,
        occurred_at: new Date(record.timestamp),
        user_id: record.userId,
        integration: record.integration,
        environment: record.environment ?? null,
        action: record.action,
        category: record.category,
        details: JSON.stringify(record.details),
        context: JSON.stringify(record.context),
        outcome: record.outcome,
        error: record.error ?? null,
      })),
    );
  }

  async countUses(uses: CredentialUse[], tx?: Knex.Transaction): Promise<void> {
    const rows = new Map<string, ReturnType<typeof countedRow>>();
    for (const use of uses) {
      const row = countedRow(use);
      const same = rows.get(row.count_key);
      // One statement may not update a row twice: same-hour uses add up here first.
      rows.set(
        row.count_key,
        same ? { ...same, use_count: same.use_count + 1 } : row,
      );
    }
    if (rows.size === 0) {
      return;
    }
    const db = tx ?? this.db;
    await db('audit_log')
      .insert([...rows.values()])
      .onConflict('count_key')
      .merge({
        use_count: db.raw('audit_log.use_count + excluded.use_count'),
      });
  }

  async removeOlderThan(
    before: Date,
    record: (removed: number) => AuditRecord,
  ): Promise<number> {
    return this.db.transaction(async tx => {
      // The grant never commits: no other transaction can delete with it.
      await tx('audit_log_retention_grants').insert({ cutoff: before });
      const removed = await tx('audit_log')
        .where('occurred_at', '<', before)
        .delete();
      await tx('audit_log_retention_grants').delete();
      await this.append([record(removed)], tx);
      return removed;
    });
  }

  async list(
    filter: AuditFilter,
    page: { offset?: number; limit?: number } = {},
  ): Promise<{ items: AuditLogEntry[]; totalCount: number }> {
    const query = this.db('audit_log');
    if (filter.integration) {
      query.where('integration', filter.integration);
    }
    if (filter.user) {
      query.where('user_id', filter.user);
    }
    if (filter.action) {
      query.where('action', filter.action);
    }
    if (filter.excludeAction) {
      query.whereNot('action', filter.excludeAction);
    }
    if (filter.category) {
      query.where('category', filter.category);
    }
    if (filter.from) {
      query.where('occurred_at', '>=', new Date(filter.from));
    }
    if (filter.to) {
      query.where('occurred_at', '<=', new Date(filter.to));
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows: AuditRow[] = await query
      .select('*')
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset ?? 0)
      .limit(page.limit ?? 100);
    return { items: rows.map(toAuditLogEntry), totalCount: Number(count) };
  }
}

function countedRow(use: CredentialUse) {
  const hour = new Date(Math.floor(use.at.getTime() / HOUR_MS) * HOUR_MS);
  const fields = [...use.fields].sort();
  return {
    event_id: randomUUID(),
    occurred_at: use.at,
    user_id: use.actor,
    integration: use.integration,
    environment: use.environment,
    action: 'credentials_use',
    category: 'credentials',
    details: JSON.stringify({
      changedFields: [],
      fields,
      purpose: use.purpose,
    }),
    context: JSON.stringify({ time: use.at.toISOString() }),
    outcome: 'success',
    error: null,
    use_count: 1,
    count_key: createHash('sha256')
      .update(
        JSON.stringify([
          hour.toISOString(),
          use.integration,
          use.environment,
          use.actor,
          use.purpose,
          fields,
        ]),
      )
      .digest('hex'),
  };
}

function toAuditLogEntry(row: AuditRow): AuditLogEntry {
  return {
    eventId: row.event_id,
    timestamp: toIsoString(row.occurred_at),
    userId: row.user_id,
    integration: row.integration,
    ...(row.environment ? { environment: row.environment as Environment } : {}),
    action: row.action as AuditAction,
    category: row.category as AuditCategory,
    details: JSON.parse(row.details),
    context: JSON.parse(row.context),
    outcome: row.outcome as AuditLogEntry['outcome'],
    ...(row.error ? { error: row.error } : {}),
    ...(row.count_key ? { count: Number(row.use_count) } : {}),
  };
}
