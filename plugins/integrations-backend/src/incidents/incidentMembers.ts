import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import {
  IncidentRow,
  MemberRow,
  StoredIncident,
  timelineRow,
  toIncident,
  toMember,
} from './incidentRows';

type Timestamp = Date | string | number;

/** Triage states in which a group still needs someone. */
export const UNSETTLED = ['open', 'investigating'];

/** An error group whose current episode started recently and is not in an incident yet. */
export interface CandidateGroup {
  id: string;
  integration: string;
  environment: Environment;
  title: string;
  /** When its current episode started: first seen, or its latest regression. */
  startedAt: string;
  regressed: boolean;
}

/**
 * Unsettled, unmerged error groups whose episode started since `since` and
 * that no incident took in since that episode began.
 */
export async function candidateGroups(
  db: Knex,
  since: Date,
): Promise<CandidateGroup[]> {
  const regressions = db('error_group_history')
    .where('action', 'regressed')
    .where('at', '>=', since)
    .groupBy('group_id')
    .select('group_id')
    .max({ regressed_at: 'at' })
    .as('r');
  const rows: Array<{
    id: string;
    integration_name: string;
    environment: string;
    title: string;
    first_seen: Timestamp;
    regressed_at: Timestamp | null;
  }> = await db('error_groups as g')
    .leftJoin(regressions, 'r.group_id', 'g.id')
    .whereNull('g.merged_into')
    .whereIn('g.status', UNSETTLED)
    .where(recent =>
      recent
        .where('g.first_seen', '>=', since)
        .orWhereNotNull('r.regressed_at'),
    )
    .select(
      'g.id',
      'g.integration_name',
      'g.environment',
      'g.title',
      'g.first_seen',
      'r.regressed_at',
    );
  if (!rows.length) {
    return [];
  }
  const joined: Array<{ group_id: string; joined_at: Timestamp }> = await db(
    'incident_groups',
  )
    .whereIn(
      'group_id',
      rows.map(row => row.id),
    )
    .groupBy('group_id')
    .select('group_id')
    .max({ joined_at: 'joined_at' });
  const lastJoined = new Map(
    joined.map(row => [row.group_id, Date.parse(toIsoString(row.joined_at))]),
  );
  return rows.flatMap(row => {
    const firstSeen = Date.parse(toIsoString(row.first_seen));
    const regressedAt =
      row.regressed_at === null
        ? undefined
        : Date.parse(toIsoString(row.regressed_at));
    const startedAt = Math.max(firstSeen, regressedAt ?? firstSeen);
    // An episode was taken in when a membership was made after it began.
    if ((lastJoined.get(row.id) ?? -Infinity) >= startedAt) {
      return [];
    }
    return [
      {
        id: row.id,
        integration: row.integration_name,
        environment: row.environment as Environment,
        title: row.title,
        startedAt: new Date(startedAt).toISOString(),
        regressed: regressedAt !== undefined && regressedAt >= firstSeen,
      },
    ];
  });
}

/** The incidents of the rows with their members. */
export async function withMembers(
  db: Knex,
  rows: IncidentRow[],
): Promise<StoredIncident[]> {
  if (!rows.length) {
    return [];
  }
  const members: MemberRow[] = await db<MemberRow>('incident_groups').whereIn(
    'incident_id',
    rows.map(row => row.id),
  );
  return rows.map(row =>
    toIncident(
      row,
      members.filter(m => m.incident_id === row.id).map(toMember),
    ),
  );
}

/**
 * Adds the groups to an open incident, each with a line in its timeline; a
 * member that regressed is taken in again with its new episode. Undefined
 * when the incident is no longer open.
 */
export async function joinGroups(
  tx: Knex.Transaction,
  incidentId: string,
  groups: CandidateGroup[],
  now: Date,
): Promise<StoredIncident | undefined> {
  const [row] = await tx<IncidentRow>('incidents')
    .where({ id: incidentId, status: 'open' })
    .modify(builder => {
      if (tx.client.config.client === 'pg') {
        builder.forUpdate();
      }
    });
  if (!row) {
    return undefined;
  }
  const existing = new Set(
    (
      await tx('incident_groups')
        .where('incident_id', incidentId)
        .whereIn(
          'group_id',
          groups.map(group => group.id),
        )
        .select('group_id')
    ).map((member: { group_id: string }) => member.group_id),
  );
  for (const group of groups) {
    const membership = {
      started_at: new Date(group.startedAt),
      joined_at: now,
    };
    if (existing.has(group.id)) {
      await tx('incident_groups')
        .where({ incident_id: incidentId, group_id: group.id })
        .update(membership);
    } else {
      await tx('incident_groups')
        .insert({
          incident_id: incidentId,
          group_id: group.id,
          integration_name: group.integration,
          environment: group.environment,
          ...membership,
        })
        .onConflict(['incident_id', 'group_id'])
        .ignore();
    }
  }
  if (groups.length) {
    await tx('incident_timeline').insert(
      groups.map(group =>
        timelineRow(incidentId, {
          at: group.startedAt,
          kind: group.regressed ? 'group_regressed' : 'group_first_seen',
          description: `${group.regressed ? 'Regressed' : 'First seen'} on ${
            group.integration
          }: ${group.title}`,
          integration: group.integration,
          patternId: group.id,
        }),
      ),
    );
    const earliest = Math.min(
      ...groups.map(group => Date.parse(group.startedAt)),
    );
    await tx('incidents')
      .where('id', incidentId)
      .update({
        updated_at: now,
        ...(earliest < Date.parse(toIsoString(row.started_at))
          ? { started_at: new Date(earliest) }
          : {}),
      });
  }
  const [updated] = await tx<IncidentRow>('incidents').where('id', incidentId);
  const [incident] = await withMembers(tx, [updated]);
  return incident;
}
