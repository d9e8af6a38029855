import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ErrorPatternHistoryEntry,
  ErrorSeverity,
  ErrorStatus,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { EventOutbox, noEventOutbox } from '../outbox/EventOutbox';
import { errorGroupResolved } from './errorGroupEvents';
import {
  GroupRow,
  HistoryRow,
  StoredErrorGroup,
  hourOf,
  toGroup,
  toHistory,
} from './errorRows';

/** Which groups to list: those shown in their own right, newest first. */
export interface ErrorGroupFilter {
  configurations: Array<[string, string]>;
  status?: ErrorStatus;
  severity?: ErrorSeverity;
  type?: string;
  /** Snoozed groups are left out unless asked for. */
  includeSnoozed?: boolean;
  limit: number;
  offset: number;
}

/** What the Errors page header is made of. */
export interface SummaryCounts {
  /** Events per hour across the configurations. */
  hours: Array<{ hour: string; events: number }>;
  /** Events per integration in the period. */
  eventsByIntegration: Map<string, number>;
  /** Groups shown in their own right, by integration, status and severity. */
  patterns: Array<{
    integration: string;
    status: ErrorStatus;
    severity: ErrorSeverity;
    count: number;
    seenInPeriod: number;
  }>;
}

/** A triage change and the history line that records it. */
export interface GroupChange {
  /** Columns as stored. */
  set: Record<string, unknown>;
  history: {
    actor: string;
    action: ErrorPatternHistoryEntry['action'];
    details: string;
  };
}

/** Error groups: reading, triage, merging, history and hourly counts. */
export interface ErrorGroupStore {
  get(id: string): Promise<StoredErrorGroup | undefined>;
  list(
    filter: ErrorGroupFilter,
  ): Promise<{ items: StoredErrorGroup[]; totalCount: number }>;
  getMany(ids: string[]): Promise<StoredErrorGroup[]>;
  /** Counts for the Errors page header over the given configurations. */
  summaryCounts(
    configurations: Array<[string, string]>,
    from: Date,
    to: Date,
  ): Promise<SummaryCounts>;
  /** Groups merged into each of the given ones. */
  mergedInto(ids: string[]): Promise<StoredErrorGroup[]>;
  /** Events per hour of each group since `from`. */
  hours(
    ids: string[],
    from: Date,
  ): Promise<Array<{ groupId: string; hour: string; events: number }>>;
  history(id: string): Promise<ErrorPatternHistoryEntry[]>;
  change(id: string, change: GroupChange, now: Date): Promise<StoredErrorGroup>;
  /**
   * Moves the sources (and what was merged into them) into the target: their
   * events show there, and so will their future events.
   */
  merge(
    targetId: string,
    sourceIds: string[],
    actor: string,
    now: Date,
  ): Promise<StoredErrorGroup>;
  /** Lets a merged group stand alone again, with its own events. */
  unmerge(
    targetId: string,
    sourceId: string,
    actor: string,
    now: Date,
  ): Promise<StoredErrorGroup>;
  /** The severity computed from impact, kept unless a person overrode it. */
  setComputedSeverity(
    id: string,
    severity: ErrorSeverity,
    reason: string,
  ): Promise<void>;
}

/** Knex-backed {@link ErrorGroupStore}; tables made by the event store's migrations. */
export class DatabaseErrorGroupStore implements ErrorGroupStore {
  static async create(options: {
    database: DatabaseService;
    /** Where resolved groups are announced, in the same transaction. */
    outbox?: EventOutbox;
  }): Promise<DatabaseErrorGroupStore> {
    return new DatabaseErrorGroupStore(
      await options.database.getClient(),
      options.outbox ?? noEventOutbox,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly outbox: EventOutbox,
  ) {}

  async get(id: string): Promise<StoredErrorGroup | undefined> {
    const [row] = await this.db<GroupRow>('error_groups').where('id', id);
    return row ? toGroup(row) : undefined;
  }

  async list(
    filter: ErrorGroupFilter,
  ): Promise<{ items: StoredErrorGroup[]; totalCount: number }> {
    if (!filter.configurations.length) {
      return { items: [], totalCount: 0 };
    }
    const query = this.db<GroupRow>('error_groups')
      .whereIn(['integration_name', 'environment'], filter.configurations)
      .whereNull('merged_into')
      .modify(builder => {
        if (filter.status) {
          builder.where('status', filter.status);
        }
        if (filter.severity) {
          builder.where(inner =>
            inner
              .where('severity_override', filter.severity!)
              .orWhere(computed =>
                computed
                  .whereNull('severity_override')
                  .where('severity', filter.severity!),
              ),
          );
        }
        if (filter.type) {
          builder.where('error_type', filter.type);
        }
        if (!filter.includeSnoozed) {
          builder
            .whereNull('snooze_until')
            .whereNull('snooze_until_occurrences')
            .whereNull('snooze_rate_per_hour');
        }
      });
    const [rows, [{ count }]] = await Promise.all([
      query
        .clone()
        .orderBy('last_seen', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset),
      query.clone().count({ count: '*' }),
    ]);
    return { items: rows.map(toGroup), totalCount: Number(count) };
  }

  async getMany(ids: string[]): Promise<StoredErrorGroup[]> {
    if (!ids.length) {
      return [];
    }
    return (await this.db<GroupRow>('error_groups').whereIn('id', ids)).map(
      toGroup,
    );
  }

  async summaryCounts(
    configurations: Array<[string, string]>,
    from: Date,
    to: Date,
  ): Promise<SummaryCounts> {
    if (!configurations.length) {
      return { hours: [], eventsByIntegration: new Map(), patterns: [] };
    }
    const hoursOfVisible = () =>
      this.db('error_group_hours as h')
        .join('error_groups as g', 'g.id', 'h.group_id')
        .whereIn(['g.integration_name', 'g.environment'], configurations)
        .where('h.hour_start', '>=', hourOf(from))
        .where('h.hour_start', '<', to);
    const [hours, byIntegration, patterns] = await Promise.all([
      hoursOfVisible()
        .select('h.hour_start')
        .sum({ events: 'h.events' })
        .groupBy('h.hour_start')
        .orderBy('h.hour_start'),
      hoursOfVisible()
        .select('g.integration_name')
        .sum({ events: 'h.events' })
        .groupBy('g.integration_name'),
      this.db('error_groups')
        .whereIn(['integration_name', 'environment'], configurations)
        .whereNull('merged_into')
        .select(
          'integration_name',
          'status',
          this.db.raw('coalesce(severity_override, severity) as severity'),
        )
        .count({ count: '*' })
        .sum({
          seen: this.db.raw('case when last_seen >= ? then 1 else 0 end', [
            from,
          ]),
        })
        .groupBy(
          'integration_name',
          'status',
          this.db.raw('coalesce(severity_override, severity)'),
        ),
    ]);
    return {
      hours: hours.map((row: any) => ({
        hour: toIsoString(row.hour_start),
        events: Number(row.events),
      })),
      eventsByIntegration: new Map(
        byIntegration.map((row: any) => [
          row.integration_name,
          Number(row.events),
        ]),
      ),
      patterns: patterns.map((row: any) => ({
        integration: row.integration_name,
        status: row.status,
        severity: row.severity,
        count: Number(row.count),
        seenInPeriod: Number(row.seen),
      })),
    };
  }

  async mergedInto(ids: string[]): Promise<StoredErrorGroup[]> {
    if (!ids.length) {
      return [];
    }
    const rows = await this.db<GroupRow>('error_groups')
      .whereIn('merged_into', ids)
      .orderBy('first_seen');
    return rows.map(toGroup);
  }

  async hours(
    ids: string[],
    from: Date,
  ): Promise<Array<{ groupId: string; hour: string; events: number }>> {
    if (!ids.length) {
      return [];
    }
    const rows: Array<{
      group_id: string;
      hour_start: Date | string | number;
      events: number | string;
    }> = await this.db('error_group_hours')
      .whereIn('group_id', ids)
      .where('hour_start', '>=', from)
      .orderBy('hour_start');
    return rows.map(row => ({
      groupId: row.group_id,
      hour: toIsoString(row.hour_start),
      events: Number(row.events),
    }));
  }

  async history(id: string): Promise<ErrorPatternHistoryEntry[]> {
    const rows = await this.db<HistoryRow>('error_group_history')
      .where('group_id', id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(200);
    return rows.map(toHistory);
  }

  async change(
    id: string,
    change: GroupChange,
    now: Date,
  ): Promise<StoredErrorGroup> {
    return this.db.transaction(async tx => {
      if (Object.keys(change.set).length) {
        await tx('error_groups').where('id', id).update(change.set);
      }
      await tx('error_group_history').insert({
        group_id: id,
        at: now,
        actor: change.history.actor,
        action: change.history.action,
        details: change.history.details.slice(0, 2000),
      });
      const [row] = await tx<GroupRow>('error_groups').where('id', id);
      const group = toGroup(row);
      if (change.set.status === 'resolved') {
        await this.outbox.publish(tx, [
          errorGroupResolved(group, change.history.actor, now),
        ]);
      }
      return group;
    });
  }

  async merge(
    targetId: string,
    sourceIds: string[],
    actor: string,
    now: Date,
  ): Promise<StoredErrorGroup> {
    return this.db.transaction(async tx => {
      const sources = (
        await tx<GroupRow>('error_groups').whereIn('id', sourceIds)
      ).map(toGroup);
      await tx('error_groups')
        .whereIn('id', sourceIds)
        .orWhereIn('merged_into', sourceIds)
        .update({ merged_into: targetId });
      const [target] = await tx<GroupRow>('error_groups').where('id', targetId);
      const lastSeen = Math.max(
        Date.parse(toIsoString(target.last_seen)),
        ...sources.map(source => Date.parse(source.lastSeen)),
      );
      await tx('error_groups')
        .where('id', targetId)
        .update({ last_seen: new Date(lastSeen) });
      await tx('error_group_history').insert([
        {
          group_id: targetId,
          at: now,
          actor,
          action: 'merged',
          details: `Merged in: ${sources
            .map(source => `${source.title} (${source.id})`)
            .join(', ')}`.slice(0, 2000),
        },
        ...sources.map(source => ({
          group_id: source.id,
          at: now,
          actor,
          action: 'merged',
          details: `Merged into ${target.title} (${targetId})`,
        })),
      ]);
      const [row] = await tx<GroupRow>('error_groups').where('id', targetId);
      return toGroup(row);
    });
  }

  async unmerge(
    targetId: string,
    sourceId: string,
    actor: string,
    now: Date,
  ): Promise<StoredErrorGroup> {
    return this.db.transaction(async tx => {
      await tx('error_groups')
        .where({ id: sourceId, merged_into: targetId })
        .update({ merged_into: null });
      // The target's last sighting is its own latest event or a remaining
      // merged group's, no longer the one that left.
      const [own] = await tx('error_events')
        .where('group_id', targetId)
        .max({ at: 'occurred_at' });
      const [merged] = await tx('error_groups')
        .where('merged_into', targetId)
        .max({ at: 'last_seen' });
      const candidates = [own?.at, merged?.at]
        .filter(value => value !== null && value !== undefined)
        .map(value => Date.parse(toIsoString(value)));
      if (candidates.length) {
        await tx('error_groups')
          .where('id', targetId)
          .update({ last_seen: new Date(Math.max(...candidates)) });
      }
      const [source] = await tx<GroupRow>('error_groups').where('id', sourceId);
      await tx('error_group_history').insert([
        {
          group_id: targetId,
          at: now,
          actor,
          action: 'unmerged',
          details: `${source.title} (${sourceId}) stands alone again`,
        },
        {
          group_id: sourceId,
          at: now,
          actor,
          action: 'unmerged',
          details: `Taken out of ${targetId}`,
        },
      ]);
      return toGroup(source);
    });
  }

  async setComputedSeverity(
    id: string,
    severity: ErrorSeverity,
    reason: string,
  ): Promise<void> {
    await this.db('error_groups')
      .where('id', id)
      .update({ severity, severity_reason: reason.slice(0, 500) });
  }
}
