import {
  AuditAction,
  AuditCategory,
  AuditLogEntry,
  Environment,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { Actor } from './actor';
import { AuditRecord } from './AuditStore';
import { maskSettingsSecrets } from './maskSecrets';

/** The one way an audit row is made: who did what to which integration, when. */
export function auditRecord(
  actor: Pick<Actor, 'userRef' | 'ip' | 'userAgent'>,
  at: Date,
  event: {
    action: AuditAction;
    category: AuditCategory;
    integration: string;
    environment?: Environment;
    details: AuditLogEntry['details'];
  },
): AuditRecord {
  return {
    eventId: randomUUID(),
    timestamp: at.toISOString(),
    userId: actor.userRef,
    integration: event.integration,
    ...(event.environment ? { environment: event.environment } : {}),
    action: event.action,
    category: event.category,
    details: event.details,
    context: {
      time: at.toISOString(),
      ...(actor.ip ? { ip: actor.ip } : {}),
      ...(actor.userAgent ? { userAgent: actor.userAgent } : {}),
    },
    outcome: 'success',
  };
}

/**
 * The details of a change to a configuration's settings. Values under
 * secret-looking keys are masked: the audit log must never hold a secret.
 */
export function settingsChangeDetails(change: {
  changedFields: string[];
  before?: unknown;
  after?: unknown;
  version?: number;
  extra?: Record<string, unknown>;
}): AuditLogEntry['details'] {
  return {
    ...change.extra,
    changedFields: change.changedFields,
    ...(change.before !== undefined
      ? { before: maskSettingsSecrets(change.before) }
      : {}),
    ...(change.after !== undefined
      ? { after: maskSettingsSecrets(change.after) }
      : {}),
    ...(change.version !== undefined ? { version: change.version } : {}),
  };
}

/** Where a refused change is filed, when not under configuration. */
const REFUSED_CATEGORIES: Partial<Record<AuditAction, AuditCategory>> = {
  credentials_update: 'credentials',
  health_checks_paused: 'operations',
  health_checks_resumed: 'operations',
  usage_export: 'access',
  error_triage: 'operations',
  alert_acknowledge: 'operations',
  incident_resolve: 'operations',
};

/** The record of a change that was refused (permission or conflict). */
export function refusedChangeRecord(
  actor: Pick<Actor, 'userRef' | 'ip' | 'userAgent'>,
  at: Date,
  refused: {
    action: AuditAction;
    integration: string;
    environment?: Environment;
    error: Error;
  },
): AuditRecord {
  return {
    ...auditRecord(actor, at, {
      action: refused.action,
      category: REFUSED_CATEGORIES[refused.action] ?? 'configuration',
      integration: refused.integration,
      environment: refused.environment,
      details: { changedFields: [] },
    }),
    outcome: 'failure',
    error: `${refused.error.name}: ${refused.error.message}`,
  };
}
