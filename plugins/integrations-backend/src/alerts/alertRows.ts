import {
  AlertSeverity,
  AlertStatus,
  AlertType,
  Environment,
} from '@internal/plugin-integrations-common';
import { toIsoString } from '../database/timestamps';
import {
  Alert,
  AlertCondition,
  NotificationKind,
  SentNotification,
} from './alertTypes';

type Timestamp = Date | string | number;

export type AlertRow = {
  id: string;
  integration_name: string;
  environment: string;
  type: string;
  severity: string;
  title: string;
  message: string;
  rule: string | null;
  value: string | null;
  status: string;
  dedupe_key: string;
  episode: number | string;
  created_at: Timestamp;
  updated_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
  clear_count: number | string;
  /** SQLite answers 0 or 1. */
  notified: boolean | number;
  notify_count: number | string;
  last_notified_at: Timestamp | null;
  escalation_level: number | string;
  suppressed_by: string | null;
};

export type NotificationRow = {
  alert_id: string;
  sequence: number | string;
  kind: string;
  escalation_level: number | string;
  sent_at: Timestamp;
};

/** What a condition says, as the columns a refresh may change. */
export function conditionColumns(condition: AlertCondition) {
  return {
    integration_name: condition.integration,
    environment: condition.environment,
    type: condition.type,
    severity: condition.severity,
    title: condition.title.slice(0, 300),
    message: condition.message,
    rule: condition.rule?.slice(0, 300) ?? null,
    value: condition.value?.slice(0, 100) ?? null,
  };
}

const optionalTime = (value: Timestamp | null) =>
  value === null || value === undefined ? undefined : toIsoString(value);

export function toAlert(row: AlertRow): Alert {
  const acknowledgedAt = optionalTime(row.acknowledged_at);
  const resolvedAt = optionalTime(row.resolved_at);
  const lastNotifiedAt = optionalTime(row.last_notified_at);
  return {
    id: row.id,
    integration: row.integration_name,
    environment: row.environment as Environment,
    type: row.type as AlertType,
    severity: row.severity as AlertSeverity,
    title: row.title,
    message: row.message,
    ...(row.rule ? { rule: row.rule } : {}),
    ...(row.value ? { value: row.value } : {}),
    dedupeKey: row.dedupe_key,
    episode: Number(row.episode),
    status: row.status as AlertStatus,
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at ?? row.created_at),
    ...(row.acknowledged_by ? { acknowledgedBy: row.acknowledged_by } : {}),
    ...(acknowledgedAt ? { acknowledgedAt } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    clearCount: Number(row.clear_count),
    notified: Boolean(row.notified),
    notifyCount: Number(row.notify_count),
    ...(lastNotifiedAt ? { lastNotifiedAt } : {}),
    escalationLevel: Number(row.escalation_level),
    ...(row.suppressed_by ? { suppressedBy: row.suppressed_by } : {}),
  };
}

export function toSentNotification(row: NotificationRow): SentNotification {
  return {
    sequence: Number(row.sequence),
    kind: row.kind as NotificationKind,
    escalationLevel: Number(row.escalation_level),
    sentAt: toIsoString(row.sent_at),
  };
}
