import {
  Environment,
  ErrorPatternHistoryEntry,
  ErrorResolution,
  ErrorSeverity,
  ErrorSource,
  ErrorStatus,
  ResolutionStatus,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';
import { ErrorOccurrence } from './errorOccurrence';

type Timestamp = Date | string | number;

/** A group as stored: its own counts, and the triage of the group it shows in. */
export interface StoredErrorGroup {
  id: string;
  fingerprint: string;
  groupingVersion: number;
  integration: string;
  environment: Environment;
  errorType: string;
  httpStatus?: number;
  providerCode?: string;
  endpoint?: string;
  normalizedMessage: string;
  title: string;
  lastMessage: string;
  documentationUrl?: string;
  status: ErrorStatus;
  severity: ErrorSeverity;
  severityReason: string;
  severityOverride?: ErrorSeverity;
  resolution: ErrorResolution;
  regressed: boolean;
  snooze?: {
    until?: string;
    untilOccurrences?: number;
    ratePerHour?: number;
    by: string;
    at: string;
  };
  /** Set on a group merged into another: that one shows its events. */
  mergedInto?: string;
  automatedFix: { enabled: boolean; lastRunAt?: string };
  occurrences: number;
  firstSeen: string;
  lastSeen: string;
  components: string[];
}

/** A stored failure with the group it landed in. */
export interface StoredErrorEvent extends ErrorOccurrence {
  groupId: string;
  receivedAt: string;
}

export type GroupRow = {
  id: string;
  fingerprint: string;
  grouping_version: number;
  integration_name: string;
  environment: string;
  error_type: string;
  http_status: number | null;
  provider_code: string | null;
  endpoint: string | null;
  normalized_message: string;
  title: string;
  last_message: string;
  documentation_url: string | null;
  status: string;
  severity: string;
  severity_reason: string;
  severity_override: string | null;
  resolution_status: string;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_text: string | null;
  prevention_measures: string | null;
  regressed: boolean | number;
  snooze_until: Timestamp | null;
  snooze_until_occurrences: number | string | null;
  snooze_rate_per_hour: number | null;
  snoozed_by: string | null;
  snoozed_at: Timestamp | null;
  merged_into: string | null;
  automated_fix_enabled: boolean | number;
  automated_fix_last_run_at: Timestamp | null;
  occurrences: number | string;
  first_seen: Timestamp;
  last_seen: Timestamp;
  components: string;
};

export type EventRow = {
  id: string;
  group_id: string;
  integration_name: string;
  environment: string;
  source: string;
  error_type: string;
  http_status: number | null;
  provider_code: string | null;
  endpoint: string | null;
  operation: string | null;
  message: string;
  request_data: string | null;
  response_data: string | null;
  request_id: string | null;
  component: string | null;
  user_ref: string | null;
  occurred_at: Timestamp;
  received_at: Timestamp;
};

export type HistoryRow = {
  group_id: string;
  at: Timestamp;
  actor: string;
  action: string;
  details: string;
};

const optional = <T>(value: T | null | undefined) =>
  value === null || value === undefined ? undefined : value;

export function toGroup(row: GroupRow): StoredErrorGroup {
  const snoozed =
    row.snooze_until !== null ||
    row.snooze_until_occurrences !== null ||
    row.snooze_rate_per_hour !== null;
  const resolution: ErrorResolution = {
    status: row.resolution_status as ResolutionStatus,
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    ...(row.resolved_at ? { resolvedAt: toIsoString(row.resolved_at) } : {}),
    ...(row.resolution_text ? { resolution: row.resolution_text } : {}),
    ...(row.prevention_measures
      ? { preventionMeasures: JSON.parse(row.prevention_measures) }
      : {}),
  };
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    groupingVersion: Number(row.grouping_version),
    integration: row.integration_name,
    environment: row.environment as Environment,
    errorType: row.error_type,
    httpStatus: optional(row.http_status),
    providerCode: optional(row.provider_code),
    endpoint: optional(row.endpoint),
    normalizedMessage: row.normalized_message,
    title: row.title,
    lastMessage: row.last_message,
    documentationUrl: optional(row.documentation_url),
    status: row.status as ErrorStatus,
    severity: row.severity as ErrorSeverity,
    severityReason: row.severity_reason,
    severityOverride: optional(row.severity_override) as
      | ErrorSeverity
      | undefined,
    resolution,
    regressed: Boolean(row.regressed),
    ...(snoozed
      ? {
          snooze: {
            ...(row.snooze_until
              ? { until: toIsoString(row.snooze_until) }
              : {}),
            ...(row.snooze_until_occurrences !== null
              ? { untilOccurrences: Number(row.snooze_until_occurrences) }
              : {}),
            ...(row.snooze_rate_per_hour !== null
              ? { ratePerHour: Number(row.snooze_rate_per_hour) }
              : {}),
            by: row.snoozed_by ?? 'unknown',
            at: toIsoString(row.snoozed_at ?? row.last_seen),
          },
        }
      : {}),
    mergedInto: optional(row.merged_into),
    automatedFix: {
      enabled: Boolean(row.automated_fix_enabled),
      ...(row.automated_fix_last_run_at
        ? { lastRunAt: toIsoString(row.automated_fix_last_run_at) }
        : {}),
    },
    occurrences: Number(row.occurrences),
    firstSeen: toIsoString(row.first_seen),
    lastSeen: toIsoString(row.last_seen),
    components: JSON.parse(row.components),
  };
}

const parsed = (text: string | null) =>
  text === null ? undefined : JSON.parse(text);

export function toEvent(row: EventRow): StoredErrorEvent {
  return {
    id: row.id,
    groupId: row.group_id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    source: row.source as ErrorSource,
    errorType: row.error_type,
    message: row.message,
    httpStatus: optional(row.http_status),
    providerCode: optional(row.provider_code),
    endpoint: optional(row.endpoint),
    operation: optional(row.operation),
    requestData: parsed(row.request_data),
    responseData: parsed(row.response_data),
    requestId: optional(row.request_id),
    component: optional(row.component),
    userRef: optional(row.user_ref),
    occurredAt: toIsoString(row.occurred_at),
    receivedAt: toIsoString(row.received_at),
  };
}

export function toHistory(row: HistoryRow): ErrorPatternHistoryEntry {
  return {
    at: toIsoString(row.at),
    actor: row.actor,
    action: row.action as ErrorPatternHistoryEntry['action'],
    details: row.details,
  };
}

/** The start of the hour (UTC) a time falls in. */
export function hourOf(at: string | Date): Date {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(Math.floor(time / 3_600_000) * 3_600_000);
}
