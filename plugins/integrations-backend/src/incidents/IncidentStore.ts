import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Environment,
  IncidentCause,
  IncidentStatus,
  IncidentTimelineEntry,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  CandidateGroup,
  UNSETTLED,
  candidateGroups,
  joinGroups,
  withMembers,
} from './incidentMembers';
import {
  IncidentRow,
  MemberRow,
  StoredIncident,
  TimelineRow,
  timelineRow,
  toTimelineEntry,
} from './incidentRows';

export type { CandidateGroup } from './incidentMembers';
export type { IncidentMember, StoredIncident } from './incidentRows';

/** Who resolves an incident once all its groups are resolved. */
export const INCIDENT_ACTOR = 'integrations-backend';

/** A cause found for groups, and what the incident it opens starts its story with. */
export interface NewIncident {
  environment: Environment;
  /** The same cause found twice is the same key, e.g. `configuration:stripe:7`. */
  causeKey: string;
  cause: IncidentCause;
  /** Entries before the groups', e.g. the configuration change. */
  timeline: IncidentTimelineEntry[];
}

/** Which incidents to list. */
export interface IncidentFilter {
  /** Only incidents all of whose integrations are among these `[name, environment]`. */
  configurations: Array<[string, string]>;
  environment?: Environment;
  status?: IncidentStatus;
  limit: number;
  offset: number;
}

/** Incidents, their groups and their timelines. */
export interface IncidentStore {
  /** Unsettled, unmerged groups whose episode started since `since` and that no incident took in yet. */
  candidateGroups(since: Date): Promise<CandidateGroup[]>;
  listOpen(): Promise<StoredIncident[]>;
  /**
   * Opens an incident for the cause with the groups; when one is open for
   * the same cause in the environment already, the groups join that one.
   */
  open(
    incident: NewIncident,
    groups: CandidateGroup[],
    now: Date,
  ): Promise<{ incident: StoredIncident; created: boolean }>;
  /** Adds the groups to an open incident; undefined when it is no longer open. */
  join(
    incidentId: string,
    groups: CandidateGroup[],
    now: Date,
  ): Promise<StoredIncident | undefined>;
  /** Resolves the open incidents none of whose groups is open or investigated any more. */
  resolveSettled(now: Date): Promise<StoredIncident[]>;
  /** Resolves an open incident by hand; undefined when it was not open. */
  resolve(
    id: string,
    by: string,
    note: string | undefined,
    now: Date,
  ): Promise<StoredIncident | undefined>;
  get(id: string): Promise<StoredIncident | undefined>;
  list(
    filter: IncidentFilter,
  ): Promise<{ items: StoredIncident[]; totalCount: number }>;
  /** What happened, oldest first. */
  timeline(id: string): Promise<IncidentTimelineEntry[]>;
  /** The incident that last took the group in. */
  incidentOf(groupId: string): Promise<string | undefined>;
  /** Removes incidents resolved before the cutoff, with their groups and timelines. */
  deleteResolvedBefore(cutoff: Date): Promise<number>;
}

/** Knex-backed {@link IncidentStore} for SQLite and PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseIncidentStore> {
    return new DatabaseIncidentStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async candidateGroups(since: Date): Promise<CandidateGroup[]> {
    return candidateGroups(this.db, since);
  }

  async listOpen(): Promise<StoredIncident[]> {
    const rows = await this.db<IncidentRow>('incidents').where(
      'status',
      'open',
    );
    return withMembers(this.db, rows);
  }

  async open(
    incident: NewIncident,
    groups: CandidateGroup[],
    now: Date,
  ): Promise<{ incident: StoredIncident; created: boolean }> {
    const openKey = `${incident.environment}:${incident.causeKey}`;
    return this.db.transaction(async tx => {
      const id = randomUUID();
      const startedAt = new Date(
        Math.min(...groups.map(group => Date.parse(group.startedAt))),
      );
      const inserted = await tx('incidents')
        .insert({
          id,
          environment: incident.environment,
          status: 'open',
          cause_kind: incident.cause.kind,
          cause_key: incident.causeKey,
          open_key: openKey,
          cause: JSON.stringify(incident.cause),
          started_at: startedAt,
          updated_at: now,
          resolved_at: null,
          resolved_by: null,
        })
        .onConflict('open_key')
        .ignore()
        .returning('id');
      if (!inserted.length) {
        // Another run found the same cause a moment ago: join its incident.
        const [existing] = await tx<IncidentRow>('incidents').where(
          'open_key',
          openKey,
        );
        const joined =
          existing && (await joinGroups(tx, existing.id, groups, now));
        if (!joined) {
          // It resolved in between; the next run opens the cause again.
          throw new Error(
            `The open incident of ${openKey} resolved while groups joined it`,
          );
        }
        return { incident: joined, created: false };
      }
      await tx('incident_timeline').insert(
        [
          ...incident.timeline,
          {
            at: now.toISOString(),
            kind: 'opened' as const,
            description: `Opened: ${incident.cause.description}`,
            actor: INCIDENT_ACTOR,
          },
        ].map(entry => timelineRow(id, entry)),
      );
      return {
        incident: (await joinGroups(tx, id, groups, now))!,
        created: true,
      };
    });
  }

  async join(
    incidentId: string,
    groups: CandidateGroup[],
    now: Date,
  ): Promise<StoredIncident | undefined> {
    return this.db.transaction(tx => joinGroups(tx, incidentId, groups, now));
  }

  async resolveSettled(now: Date): Promise<StoredIncident[]> {
    const unsettledMember = this.db('incident_groups as m')
      .join('error_groups as g', 'g.id', 'm.group_id')
      .leftJoin('error_groups as t', 't.id', 'g.merged_into')
      .whereRaw('m.incident_id = i.id')
      .where(builder =>
        builder
          .whereIn('t.status', UNSETTLED)
          .orWhere(own => own.whereNull('t.id').whereIn('g.status', UNSETTLED)),
      )
      .select(this.db.raw('1'));
    const settled: Array<{ id: string }> = await this.db('incidents as i')
      .where('i.status', 'open')
      .whereNotExists(unsettledMember)
      .select('i.id');
    const resolved: StoredIncident[] = [];
    for (const { id } of settled) {
      const incident = await this.resolve(
        id,
        INCIDENT_ACTOR,
        'all its error groups were resolved',
        now,
      );
      if (incident) {
        resolved.push(incident);
      }
    }
    return resolved;
  }

  async resolve(
    id: string,
    by: string,
    note: string | undefined,
    now: Date,
  ): Promise<StoredIncident | undefined> {
    return this.db.transaction(async tx => {
      const changed = await tx('incidents')
        .where({ id, status: 'open' })
        .update({
          status: 'resolved',
          open_key: null,
          resolved_at: now,
          resolved_by: by,
          updated_at: now,
        });
      if (!changed) {
        return undefined;
      }
      await tx('incident_timeline').insert(
        timelineRow(id, {
          at: now.toISOString(),
          kind: 'resolved',
          description: note ? `Resolved: ${note}` : 'Resolved',
          actor: by,
        }),
      );
      const [row] = await tx<IncidentRow>('incidents').where('id', id);
      const [incident] = await withMembers(tx, [row]);
      return incident;
    });
  }

  async get(id: string): Promise<StoredIncident | undefined> {
    const rows = await this.db<IncidentRow>('incidents').where('id', id);
    const [incident] = await withMembers(this.db, rows);
    return incident;
  }

  async list(
    filter: IncidentFilter,
  ): Promise<{ items: StoredIncident[]; totalCount: number }> {
    if (!filter.configurations.length) {
      return { items: [], totalCount: 0 };
    }
    const query = this.db<IncidentRow>('incidents as i')
      .whereNotExists(
        this.db('incident_groups as m')
          .whereRaw('m.incident_id = i.id')
          .whereNotIn(
            ['m.integration_name', 'm.environment'],
            filter.configurations,
          )
          .select(this.db.raw('1')),
      )
      .modify(builder => {
        if (filter.environment) {
          builder.where('i.environment', filter.environment);
        }
        if (filter.status) {
          builder.where('i.status', filter.status);
        }
      });
    const [rows, [{ count }]] = await Promise.all([
      query
        .clone()
        .select('i.*')
        .orderBy('i.started_at', 'desc')
        .orderBy('i.id')
        .limit(filter.limit)
        .offset(filter.offset),
      query.clone().count({ count: '*' }),
    ]);
    return {
      items: await withMembers(this.db, rows as IncidentRow[]),
      totalCount: Number(count),
    };
  }

  async timeline(id: string): Promise<IncidentTimelineEntry[]> {
    const rows = await this.db<TimelineRow>('incident_timeline')
      .where('incident_id', id)
      .orderBy('at')
      .orderBy('id')
      .limit(500);
    return rows.map(toTimelineEntry);
  }

  async incidentOf(groupId: string): Promise<string | undefined> {
    const [row] = await this.db<MemberRow>('incident_groups')
      .where('group_id', groupId)
      .orderBy('joined_at', 'desc')
      .limit(1);
    return row?.incident_id;
  }

  async deleteResolvedBefore(cutoff: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const old = () =>
        tx('incidents')
          .where('status', 'resolved')
          .where('resolved_at', '<', cutoff);
      await tx('incident_timeline')
        .whereIn('incident_id', old().select('id'))
        .delete();
      await tx('incident_groups')
        .whereIn('incident_id', old().select('id'))
        .delete();
      const removed: number = await old().delete();
      return removed;
    });
  }
}
