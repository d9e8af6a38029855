import {
  ErrorPatternHistoryEntry,
  ErrorSeverity,
  ErrorSnooze,
  ErrorSource,
  ErrorStatus,
  FAILURE_CLASSES,
  FAILURE_CLASS_INFO,
  FailureClass,
  ResolutionStatus,
} from '@internal/plugin-integrations-common';
import { absoluteTime } from '../../labels';

export const ERROR_SEVERITY_LABELS: Record<ErrorSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ERROR_STATUS_LABELS: Record<ErrorStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  resolved: 'Resolved',
  false_positive: 'False positive',
};

export const RESOLUTION_LABELS: Record<ResolutionStatus, string> = {
  unresolved: 'Unresolved',
  resolved: 'Resolved',
  workaround_applied: 'Workaround applied',
};

export const ERROR_SOURCE_LABELS: Record<ErrorSource, string> = {
  health_check: 'Health check',
  connection_test: 'Connection test',
  usage: 'Reported call',
  token_refresh: 'Token refresh',
  webhook_delivery: 'Webhook delivery',
};

export const HISTORY_ACTION_LABELS: Record<
  ErrorPatternHistoryEntry['action'],
  string
> = {
  created: 'First seen',
  status_changed: 'Status changed',
  resolved: 'Resolved',
  regressed: 'Regressed',
  snoozed: 'Snoozed',
  woke: 'Woke',
  severity_changed: 'Severity changed',
  merged: 'Merged',
  unmerged: 'Unmerged',
  automated_fix: 'Automated fix',
};

/** The failure classes by their labels, for the type filter. */
export const ERROR_TYPE_LABELS = Object.fromEntries(
  FAILURE_CLASSES.map(type => [type, FAILURE_CLASS_INFO[type].label]),
) as Record<FailureClass, string>;

/** "Credentials refused" for a failure class; another type as it is. */
export function errorTypeLabel(type: string): string {
  return ERROR_TYPE_LABELS[type as FailureClass] ?? type;
}

/** What wakes a snoozed group, e.g. "until 3 Mar 2027, 09:00 or after 100 more events". */
export function snoozeConditions(snooze: ErrorSnooze): string {
  const conditions = [
    snooze.until && `until ${absoluteTime(snooze.until)}`,
    snooze.untilOccurrences !== undefined &&
      `after ${snooze.untilOccurrences.toLocaleString('en-US')} more events`,
    snooze.untilRatePerHour !== undefined &&
      `when more than ${snooze.untilRatePerHour.toLocaleString(
        'en-US',
      )} events arrive within an hour`,
  ].filter((condition): condition is string => Boolean(condition));
  return conditions.join(' or ');
}
