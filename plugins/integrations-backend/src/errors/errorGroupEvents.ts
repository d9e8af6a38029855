import { OutboxEvent } from '../outbox/EventOutbox';
import { StoredErrorGroup } from './errorRows';

function subject(group: StoredErrorGroup) {
  return { integration: group.integration, environment: group.environment };
}

/** A group seen for the first time, or back after it was resolved. */
export function errorGroupOpened(
  group: StoredErrorGroup,
  regression: boolean,
): OutboxEvent {
  return {
    type: 'error_group.opened',
    ...subject(group),
    occurredAt: new Date(group.lastSeen),
    data: {
      ...subject(group),
      groupId: group.id,
      title: group.title,
      severity: group.severityOverride ?? group.severity,
      category: group.errorType,
      firstSeen: group.firstSeen,
      regression,
    },
  };
}

export function errorGroupResolved(
  group: StoredErrorGroup,
  by: string,
  at: Date,
): OutboxEvent {
  return {
    type: 'error_group.resolved',
    ...subject(group),
    occurredAt: at,
    data: {
      ...subject(group),
      groupId: group.id,
      title: group.title,
      resolvedBy: by,
      resolvedAt: at.toISOString(),
    },
  };
}
