import {
  AuditAction,
  AuditCategory,
  AuditLogEntry,
  Environment,
} from '@internal/plugin-integrations-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

/** An audit log entry to append; the store stamps nothing but the row id. */
export type AuditRecord = AuditLogEntry;

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
};

/**
 * The append-only audit log. It has no update or delete: the database's
 * triggers would refuse them anyway.
 */
export interface AuditStore {
  /**
   * Appends the records; inside the given transaction when they must commit
   * together with the change they describe.
   */
  append(records: AuditRecord[], tx?: Knex.Transaction): Promise<void>;
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
  };
}
