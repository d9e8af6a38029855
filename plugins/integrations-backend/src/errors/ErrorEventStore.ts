import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ErrorOccurrence } from './errorOccurrence';
import {
  EventRow,
  GroupRow,
  StoredErrorEvent,
  StoredErrorGroup,
  hourOf,
  toEvent,
  toGroup,
} from './errorRows';
import { EventOutbox, noEventOutbox } from '../outbox/EventOutbox';
import { triageOnArrival } from './errorArrival';
import { errorGroupOpened } from './errorGroupEvents';
import { Fingerprint } from './fingerprint';
import { configurationsIn } from '../database/configurationsIn';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-integrations-backend',
  'migrations',
);

/** Rows per insert statement: well inside SQLite's bound-variable limit. */
const ROWS_PER_INSERT = 500;
/** A group lists at most this many Components. */
const MAX_COMPONENTS = 20;

/** One fingerprint's new occurrences and how to name its group if it is new. */
export interface OccurrenceBatch {
  fingerprint: Fingerprint;
  occurrences: ErrorOccurrence[];
  newGroup: {
    title: string;
    severity: StoredErrorGroup['severity'];
    severityReason: string;
  };
}

/** What recording a batch changed. */
export interface RecordOutcome {
  /** The group the events show in: their own, or the one it was merged into. */
  group: StoredErrorGroup;
  created: boolean;
  /** Events not stored before; a retried batch records none. */
  inserted: number;
  regressed: boolean;
  woke: boolean;
}

/** Which events to list. */
export interface ErrorEventFilter {
  /** Only these configurations, as `[name, environment]`. */
  configurations: Array<[string, string]>;
  groupIds?: string[];
  type?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Captured failures, and the counting that goes with each. */
export interface ErrorEventStore {
  record(batch: OccurrenceBatch, now: Date): Promise<RecordOutcome | undefined>;
  list(
    filter: ErrorEventFilter,
  ): Promise<{ items: StoredErrorEvent[]; totalCount: number }>;
  get(id: string): Promise<StoredErrorEvent | undefined>;
  /** Events, hourly counts and settled groups last seen before `cutoff`. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

/** Knex-backed {@link ErrorEventStore} for SQLite and PostgreSQL. */
export class DatabaseErrorEventStore implements ErrorEventStore {
  static async create(options: {
    database: DatabaseService;
    /** Where new and regressed groups are announced, in the same transaction. */
    outbox?: EventOutbox;
  }): Promise<DatabaseErrorEventStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseErrorEventStore(client, options.outbox ?? noEventOutbox);
  }

  private constructor(
    private readonly db: Knex,
    private readonly outbox: EventOutbox,
  ) {}

  async record(
    batch: OccurrenceBatch,
    now: Date,
  ): Promise<RecordOutcome | undefined> {
    const { occurrences } = batch;
    if (!occurrences.length) {
      return undefined;
    }
    return this.db.transaction(async tx => {
      const { group: own, created } = await this.groupFor(tx, batch, now);
      const stored = new Set<string>();
      for (let i = 0; i < occurrences.length; i += ROWS_PER_INSERT) {
        const rows: Array<{ id: string }> = await tx('error_events')
          .insert(
            occurrences
              .slice(i, i + ROWS_PER_INSERT)
              .map(occurrence => eventRow(occurrence, own.id, now)),
          )
          .onConflict('id')
          .ignore()
          .returning('id');
        rows.forEach(row => stored.add(row.id));
      }
      const fresh = occurrences.filter(occurrence => stored.has(occurrence.id));
      if (!fresh.length) {
        return created
          ? { group: own, created, inserted: 0, regressed: false, woke: false }
          : undefined;
      }
      await countHours(tx, own.id, fresh);
      const latest = fresh.reduce((a, b) =>
        a.occurredAt >= b.occurredAt ? a : b,
      );
      const earliest = fresh.reduce((a, b) =>
        a.occurredAt <= b.occurredAt ? a : b,
      );
      const components = [
        ...new Set([
          ...own.components,
          ...fresh.flatMap(o => (o.component ? [o.component] : [])),
        ]),
      ].slice(0, MAX_COMPONENTS);
      await tx('error_groups')
        .where('id', own.id)
        .update({
          occurrences: own.occurrences + fresh.length,
          stored_events: tx.raw('?? + ?', ['stored_events', fresh.length]),
          first_seen: new Date(
            Math.min(
              Date.parse(own.firstSeen),
              Date.parse(earliest.occurredAt),
            ),
          ),
          last_seen: new Date(
            Math.max(Date.parse(own.lastSeen), Date.parse(latest.occurredAt)),
          ),
          last_message: latest.message,
          components: JSON.stringify(components),
          ...(!own.documentationUrl && latest.documentationUrl
            ? { documentation_url: latest.documentationUrl }
            : {}),
        });
      const effectiveId = own.mergedInto ?? own.id;
      const triage = await triageOnArrival(tx, effectiveId, fresh, now);
      const [row] = await tx<GroupRow>('error_groups').where('id', effectiveId);
      const group = toGroup(row);
      if (created || triage.regressed) {
        await this.outbox.publish(tx, [
          errorGroupOpened(group, triage.regressed),
        ]);
      }
      return {
        group,
        created,
        inserted: fresh.length,
        ...triage,
      };
    });
  }

  /** The fingerprint's group, made when it is the first of its kind. */
  private async groupFor(
    tx: Knex.Transaction,
    batch: OccurrenceBatch,
    now: Date,
  ): Promise<{ group: StoredErrorGroup; created: boolean }> {
    const find = async () =>
      (
        await tx<GroupRow>('error_groups')
          .where('fingerprint', batch.fingerprint.fingerprint)
          .modify(query => {
            if (tx.client.config.client === 'pg') {
              query.forUpdate();
            }
          })
      )[0];
    const existing = await find();
    if (existing) {
      return { group: toGroup(existing), created: false };
    }
    const [first] = batch.occurrences;
    const id = randomUUID();
    const inserted = await tx('error_groups')
      .insert({
        id,
        fingerprint: batch.fingerprint.fingerprint,
        grouping_version: batch.fingerprint.version,
        integration_name: first.integration,
        environment: first.environment,
        error_type: first.errorType,
        http_status: first.httpStatus ?? null,
        provider_code: first.providerCode ?? null,
        endpoint: first.endpoint ?? null,
        normalized_message: batch.fingerprint.normalizedMessage,
        title: batch.newGroup.title,
        last_message: first.message,
        documentation_url: first.documentationUrl ?? null,
        status: 'open',
        severity: batch.newGroup.severity,
        severity_reason: batch.newGroup.severityReason,
        resolution_status: 'unresolved',
        regressed: false,
        occurrences: 0,
        first_seen: new Date(first.occurredAt),
        last_seen: new Date(first.occurredAt),
        components: '[]',
      })
      .onConflict('fingerprint')
      .ignore()
      .returning('id');
    if (inserted.length) {
      await tx('error_group_history').insert({
        group_id: id,
        at: now,
        actor: 'integrations-backend',
        action: 'created',
        details: `First seen: ${first.message.slice(0, 500)}`,
      });
    }
    // Another backend may have made it a moment ago: read whichever won.
    return { group: toGroup(await find()), created: inserted.length > 0 };
  }

  async list(
    filter: ErrorEventFilter,
  ): Promise<{ items: StoredErrorEvent[]; totalCount: number }> {
    if (!filter.configurations.length || filter.groupIds?.length === 0) {
      return { items: [], totalCount: 0 };
    }
    const query = this.db<EventRow>('error_events')
      .whereRaw(...configurationsIn(filter.configurations))
      .modify(builder => {
        if (filter.groupIds) {
          builder.whereIn('group_id', filter.groupIds);
        }
        if (filter.type) {
          builder.where('error_type', filter.type);
        }
        if (filter.from) {
          builder.where('occurred_at', '>=', filter.from);
        }
        if (filter.to) {
          builder.where('occurred_at', '<', filter.to);
        }
      });
    const [rows, totalCount] = await Promise.all([
      query
        .clone()
        .orderBy('occurred_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset),
      filter.type || filter.from || filter.to
        ? query
            .clone()
            .count({ count: '*' })
            .then(([{ count }]) => Number(count))
        : this.storedEventsOf(filter),
    ]);
    return { items: rows.map(toEvent), totalCount };
  }

  /**
   * The events of the configurations (and groups) from each group's stored
   * count: a row per group, where counting the events themselves reads
   * every one of them. A group's events are all of its configuration.
   */
  private async storedEventsOf(filter: ErrorEventFilter): Promise<number> {
    const [{ count }] = await this.db('error_groups')
      .whereRaw(...configurationsIn(filter.configurations))
      .modify(builder => {
        if (filter.groupIds) {
          builder.whereIn('id', filter.groupIds);
        }
      })
      .sum({ count: 'stored_events' });
    return Number(count ?? 0);
  }

  async get(id: string): Promise<StoredErrorEvent | undefined> {
    const [row] = await this.db<EventRow>('error_events').where('id', id);
    return row ? toEvent(row) : undefined;
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    // Group by group, so that each group's stored count loses exactly the
    // events removed (the deleted rows are counted by the delete itself).
    const withOld: Array<{ group_id: string }> = await this.db('error_events')
      .where('occurred_at', '<', cutoff)
      .distinct('group_id');
    let events = 0;
    for (const { group_id: groupId } of withOld) {
      events += await this.db.transaction(async tx => {
        const removed = await tx('error_events')
          .where('group_id', groupId)
          .where('occurred_at', '<', cutoff)
          .delete();
        await tx('error_groups')
          .where('id', groupId)
          .decrement('stored_events', removed);
        return removed;
      });
    }
    await this.db('error_group_hours')
      .where('hour_start', '<', cutoff)
      .delete();
    // Settled groups nobody has seen since are history; open ones stay.
    const settled = this.db('error_groups')
      .where('last_seen', '<', cutoff)
      .whereIn('status', ['resolved', 'false_positive'])
      .select('id');
    await this.db('error_group_history').whereIn('group_id', settled).delete();
    await this.db('error_groups')
      .where('last_seen', '<', cutoff)
      .whereIn('status', ['resolved', 'false_positive'])
      .delete();
    return events;
  }
}

function eventRow(occurrence: ErrorOccurrence, groupId: string, now: Date) {
  const json = (value: unknown) =>
    value === undefined ? null : JSON.stringify(value);
  return {
    id: occurrence.id,
    group_id: groupId,
    integration_name: occurrence.integration,
    environment: occurrence.environment,
    source: occurrence.source,
    error_type: occurrence.errorType,
    http_status: occurrence.httpStatus ?? null,
    provider_code: occurrence.providerCode ?? null,
    endpoint: occurrence.endpoint ?? null,
    operation: occurrence.operation ?? null,
    message: occurrence.message,
    request_data: json(occurrence.requestData),
    response_data: json(occurrence.responseData),
    request_id: occurrence.requestId ?? null,
    component: occurrence.component ?? null,
    user_ref: occurrence.userRef ?? null,
    occurred_at: new Date(occurrence.occurredAt),
    received_at: now,
  };
}

/** Adds the events to their hours' counts. */
async function countHours(
  tx: Knex.Transaction,
  groupId: string,
  occurrences: ErrorOccurrence[],
) {
  const perHour = new Map<number, number>();
  for (const occurrence of occurrences) {
    const hour = hourOf(occurrence.occurredAt).getTime();
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  await tx('error_group_hours')
    .insert(
      [...perHour].map(([hour, events]) => ({
        group_id: groupId,
        hour_start: new Date(hour),
        events,
      })),
    )
    .onConflict(['group_id', 'hour_start'])
    .merge({
      events: tx.raw('?? + ??', [
        'error_group_hours.events',
        'excluded.events',
      ]),
    });
}
