import { parseEntityRef } from '@backstage/catalog-model';
import {
  AuditAction,
  AuditCategory,
  ConfigChangeType,
  Environment,
} from '@internal/plugin-integrations-common';
import { DateTime } from 'luxon';

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  development: 'Development',
  staging: 'Staging',
  production: 'Production',
};

export const CHANGE_TYPE_LABELS: Record<ConfigChangeType, string> = {
  create: 'Created',
  update: 'Updated',
  rollback: 'Rolled back',
  copy: 'Copied',
  bulk_update: 'Bulk update',
  delete: 'Deleted',
  restore: 'Restored',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  restore: 'Restore',
  copy: 'Copy',
  rollback: 'Rollback',
  bulk_update: 'Bulk update',
  credentials_update: 'Credentials changed',
  credentials_use: 'Credentials used',
  token_refresh: 'Token refreshed',
  keys_rotate: 'Keys rotated',
  health_checks_paused: 'Health checks paused',
  health_checks_resumed: 'Health checks resumed',
  audit_retention: 'Old audit rows removed',
  usage_export: 'Usage exported',
  error_triage: 'Error triaged',
  alert_acknowledge: 'Alert acknowledged',
  incident_resolve: 'Incident resolved',
  webhook_create: 'Webhook endpoint created',
  webhook_update: 'Webhook endpoint changed',
  webhook_delete: 'Webhook endpoint deleted',
  webhook_secret_rotate: 'Webhook secret rotated',
  webhook_retry: 'Webhook delivery retried',
  webhook_replay: 'Webhook events replayed',
  webhook_test: 'Webhook test sent',
  webhook_event_publish: 'Custom event published',
};

export const AUDIT_CATEGORY_LABELS: Record<AuditCategory, string> = {
  configuration: 'Configuration',
  credentials: 'Credentials',
  access: 'Access',
  operations: 'Operations',
};

/** The name part of a catalog ref, e.g. `ada` for `user:default/ada`; other text as is. */
export function shortRef(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** "3 minutes ago", for an ISO timestamp. */
export function relativeTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toRelative() ?? iso : iso;
}

/** The full local date and time, for tooltips and exports. */
export function absoluteTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : iso;
}

/** A configuration value as one line of text. */
export function formatFieldValue(value: unknown): string {
  if (value === undefined || value === null) {
    return 'not set';
  }
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}
