import {
  Environment,
  IncidentCause,
  IncidentStatus,
  IncidentTimelineEntry,
  IncidentTimelineKind,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';

type Timestamp = Date | string | number;

/** An error group of an incident, and the episode of it that was correlated. */
export interface IncidentMember {
  groupId: string;
  integration: string;
  startedAt: string;
  joinedAt: string;
}

/** An incident as stored, with its members. */
export interface StoredIncident {
  id: string;
  environment: Environment;
  status: IncidentStatus;
  causeKey: string;
  cause: IncidentCause;
  startedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  resolvedBy?: string;
  /** Oldest first. */
  members: IncidentMember[];
}

export type IncidentRow = {
  id: string;
  environment: string;
  status: string;
  cause_kind: string;
  cause_key: string;
  open_key: string | null;
  cause: string;
  started_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
};

export type MemberRow = {
  incident_id: string;
  group_id: string;
  integration_name: string;
  environment: string;
  started_at: Timestamp;
  joined_at: Timestamp;
};

export type TimelineRow = {
  incident_id: string;
  at: Timestamp;
  kind: string;
  description: string;
  integration_name: string | null;
  group_id: string | null;
  actor: string | null;
};

export function toMember(row: MemberRow): IncidentMember {
  return {
    groupId: row.group_id,
    integration: row.integration_name,
    startedAt: toIsoString(row.started_at),
    joinedAt: toIsoString(row.joined_at),
  };
}

export function toIncident(
  row: IncidentRow,
  members: IncidentMember[],
): StoredIncident {
  return {
    id: row.id,
    environment: row.environment as Environment,
    status: row.status as IncidentStatus,
    causeKey: row.cause_key,
    cause: JSON.parse(row.cause),
    startedAt: toIsoString(row.started_at),
    updatedAt: toIsoString(row.updated_at),
    ...(row.resolved_at ? { resolvedAt: toIsoString(row.resolved_at) } : {}),
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    members: [...members].sort((a, b) =>
      a.startedAt.localeCompare(b.startedAt),
    ),
  };
}

export function toTimelineEntry(row: TimelineRow): IncidentTimelineEntry {
  return {
    at: toIsoString(row.at),
    kind: row.kind as IncidentTimelineKind,
    description: row.description,
    ...(row.integration_name ? { integration: row.integration_name } : {}),
    ...(row.group_id ? { patternId: row.group_id } : {}),
    ...(row.actor ? { actor: row.actor } : {}),
  };
}

/** A timeline entry as a row of the incident's story. */
export function timelineRow(
  incidentId: string,
  entry: IncidentTimelineEntry,
): TimelineRow {
  return {
    incident_id: incidentId,
    at: new Date(entry.at),
    kind: entry.kind,
    description: entry.description.slice(0, 2000),
    integration_name: entry.integration ?? null,
    group_id: entry.patternId ?? null,
    actor: entry.actor ?? null,
  };
}
