import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  AlertSeverity,
  AlertStatus,
  AlertType,
  Environment,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  Alert,
  AlertCondition,
  NotificationKind,
  SentNotification,
} from './alertTypes';
import { EventOutbox, noEventOutbox } from '../outbox/EventOutbox';
import { alertRaised, alertResolved } from './alertEvents';
import {
  AlertRow,
  NotificationRow,
  conditionColumns,
  toAlert,
  toSentNotification,
} from './alertRows';

export type {
  Alert,
  AlertCondition,
  NotificationKind,
  SentNotification,
} from './alertTypes';

/** Which alerts to list. */
export interface AlertQuery {
  integration?: string;
  environment?: Environment;
  /** A status, or `active`: open or acknowledged. */
  status?: AlertStatus | 'active';
  severity?: AlertSeverity;
  /** Only alerts of these configurations, e.g. those the caller may read. */
  configurations?: Array<{ name: string; environment: Environment }>;
  offset?: number;
  limit?: number;
}

/** Alerts and their lifecycle, kept consistent across backends sharing the database. */
export interface AlertStore {
  /**
   * Opens an alert for each condition that has no unresolved one, and
   * refreshes the unresolved one otherwise (what it says, and its count of
   * clear evaluations back to 0). Returns the alerts it opened.
   */
  raise(conditions: AlertCondition[], at: Date): Promise<Alert[]>;
  /** One more evaluation found these alerts' conditions clear; returns them as they now are. */
  countClear(ids: string[], at: Date): Promise<Alert[]>;
  /** Resolves an unresolved alert; undefined when another backend already did. */
  resolve(id: string, at: Date): Promise<Alert | undefined>;
  /** Acknowledges an open alert; `changed` is false when it already was. */
  acknowledge(
    id: string,
    by: string,
    at: Date,
  ): Promise<{ alert: Alert; changed: boolean } | undefined>;
  setSuppressedBy(
    id: string,
    dependency: string | undefined,
    at: Date,
  ): Promise<void>;
  /**
   * Records the alert's next notification, unless another backend recorded
   * that one first: the one that recorded it sends it. Returns the alert as
   * it now is, or undefined when it was not this caller's to send.
   */
  recordNotification(
    alert: Alert,
    notification: { kind: NotificationKind; escalationLevel: number },
    at: Date,
  ): Promise<Alert | undefined>;
  get(id: string): Promise<Alert | undefined>;
  /** Open and acknowledged alerts. */
  listActive(filter?: {
    types?: readonly AlertType[];
    environment?: Environment;
  }): Promise<Alert[]>;
  /** A page of alerts, newest first. */
  list(query: AlertQuery): Promise<{ items: Alert[]; totalCount: number }>;
  listNotifications(alertId: string): Promise<SentNotification[]>;
}

const UNRESOLVED: AlertStatus[] = ['open', 'acknowledged'];

/** Knex-backed {@link AlertStore} for SQLite and PostgreSQL. */
export class DatabaseAlertStore implements AlertStore {
  static async create(options: {
    database: DatabaseService;
    /** Where raised and resolved alerts are announced, in the same transaction. */
    outbox?: EventOutbox;
  }): Promise<DatabaseAlertStore> {
    return new DatabaseAlertStore(
      await options.database.getClient(),
      options.outbox ?? noEventOutbox,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly outbox: EventOutbox,
  ) {}

  async raise(conditions: AlertCondition[], at: Date): Promise<Alert[]> {
    const raised: Alert[] = [];
    for (const condition of conditions) {
      const alert = await this.db.transaction(tx =>
        this.raiseOne(tx, condition, at),
      );
      if (alert) {
        raised.push(alert);
      }
    }
    return raised;
  }

  private async raiseOne(
    tx: Knex.Transaction,
    condition: AlertCondition,
    at: Date,
  ): Promise<Alert | undefined> {
    const latest: AlertRow | undefined = await tx('alerts')
      .where('dedupe_key', condition.dedupeKey)
      .orderBy('episode', 'desc')
      .first();
    const columns = conditionColumns(condition);
    if (latest && latest.status !== 'resolved') {
      const changed =
        Number(latest.clear_count) !== 0 ||
        Object.entries(columns).some(
          ([column, value]) =>
            (latest[column as keyof AlertRow] ?? null) !== value,
        );
      if (changed) {
        await tx('alerts')
          .where('id', latest.id)
          .whereIn('status', UNRESOLVED)
          .update({ ...columns, clear_count: 0, updated_at: at });
      }
      return undefined;
    }
    const row = {
      id: randomUUID(),
      ...columns,
      dedupe_key: condition.dedupeKey,
      episode: (latest ? Number(latest.episode) : 0) + 1,
      status: 'open',
      created_at: at,
      updated_at: at,
    };
    // Another backend opening the same episode at the same moment wins the
    // unique (dedupe_key, episode); this insert then adds nothing.
    const inserted = await tx('alerts')
      .insert(row)
      .onConflict(['dedupe_key', 'episode'])
      .ignore()
      .returning('id');
    if (inserted.length === 0) {
      return undefined;
    }
    const alert = (await this.getIn(tx, row.id))!;
    await this.outbox.publish(tx, alertRaised(alert, condition.facts));
    return alert;
  }

  async countClear(ids: string[], at: Date): Promise<Alert[]> {
    if (ids.length === 0) {
      return [];
    }
    await this.db('alerts')
      .whereIn('id', ids)
      .whereIn('status', UNRESOLVED)
      .update({
        clear_count: this.db.raw('clear_count + 1'),
        updated_at: at,
      });
    const rows: AlertRow[] = await this.db('alerts')
      .whereIn('id', ids)
      .whereIn('status', UNRESOLVED);
    return rows.map(toAlert);
  }

  async resolve(id: string, at: Date): Promise<Alert | undefined> {
    return this.db.transaction(async tx => {
      const updated = await tx('alerts')
        .where('id', id)
        .whereIn('status', UNRESOLVED)
        .update({ status: 'resolved', resolved_at: at, updated_at: at });
      if (updated !== 1) {
        return undefined;
      }
      const alert = (await this.getIn(tx, id))!;
      await this.outbox.publish(tx, [alertResolved(alert)]);
      return alert;
    });
  }

  async acknowledge(
    id: string,
    by: string,
    at: Date,
  ): Promise<{ alert: Alert; changed: boolean } | undefined> {
    const updated = await this.db('alerts')
      .where({ id, status: 'open' })
      .update({
        status: 'acknowledged',
        acknowledged_by: by,
        acknowledged_at: at,
        updated_at: at,
      });
    const alert = await this.get(id);
    return alert && { alert, changed: updated === 1 };
  }

  async setSuppressedBy(
    id: string,
    dependency: string | undefined,
    at: Date,
  ): Promise<void> {
    await this.db('alerts')
      .where('id', id)
      .whereIn('status', UNRESOLVED)
      .update({ suppressed_by: dependency ?? null, updated_at: at });
  }

  async recordNotification(
    alert: Alert,
    notification: { kind: NotificationKind; escalationLevel: number },
    at: Date,
  ): Promise<Alert | undefined> {
    return this.db.transaction(async tx => {
      const sequence = alert.notifyCount + 1;
      // Compare and set: of two backends sending the same notification, the
      // second finds the count moved on (PostgreSQL re-reads the row after
      // the first commits) and sends nothing.
      const updated = await tx('alerts')
        .where({
          id: alert.id,
          notify_count: alert.notifyCount,
          status: alert.status,
        })
        .update({
          notified: true,
          notify_count: sequence,
          last_notified_at: at,
          escalation_level: notification.escalationLevel,
          updated_at: at,
        });
      if (updated !== 1) {
        return undefined;
      }
      await tx('alert_notifications').insert({
        alert_id: alert.id,
        sequence,
        kind: notification.kind,
        escalation_level: notification.escalationLevel,
        sent_at: at,
      });
      return this.getIn(tx, alert.id);
    });
  }

  async get(id: string): Promise<Alert | undefined> {
    return this.getIn(this.db, id);
  }

  private async getIn(db: Knex, id: string): Promise<Alert | undefined> {
    const row: AlertRow | undefined = await db('alerts')
      .where('id', id)
      .first();
    return row && toAlert(row);
  }

  async listActive(
    filter: { types?: readonly AlertType[]; environment?: Environment } = {},
  ): Promise<Alert[]> {
    const query = this.db('alerts')
      .whereIn('status', UNRESOLVED)
      .orderBy('created_at', 'desc')
      .orderBy('id');
    if (filter.types) {
      query.whereIn('type', filter.types);
    }
    if (filter.environment) {
      query.where('environment', filter.environment);
    }
    const rows: AlertRow[] = await query;
    return rows.map(toAlert);
  }

  async list(
    query: AlertQuery,
  ): Promise<{ items: Alert[]; totalCount: number }> {
    if (query.configurations?.length === 0) {
      return { items: [], totalCount: 0 };
    }
    const filtered = () => {
      const q = this.db('alerts');
      if (query.integration) {
        q.where('integration_name', query.integration);
      }
      if (query.environment) {
        q.where('environment', query.environment);
      }
      if (query.status === 'active') {
        q.whereIn('status', UNRESOLVED);
      } else if (query.status) {
        q.where('status', query.status);
      }
      if (query.severity) {
        q.where('severity', query.severity);
      }
      if (query.configurations) {
        q.whereIn(
          ['integration_name', 'environment'],
          query.configurations.map(c => [c.name, c.environment]),
        );
      }
      return q;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows: AlertRow[] = await filtered()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50);
    return { items: rows.map(toAlert), totalCount: Number(count) };
  }

  async listNotifications(alertId: string): Promise<SentNotification[]> {
    const rows: NotificationRow[] = await this.db('alert_notifications')
      .where('alert_id', alertId)
      .orderBy('sequence');
    return rows.map(toSentNotification);
  }
}
