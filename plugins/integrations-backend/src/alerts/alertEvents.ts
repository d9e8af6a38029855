import { OutboxEvent } from '../outbox/EventOutbox';
import { Alert } from './alertTypes';

const DAY_MS = 24 * 60 * 60 * 1000;

function subject(alert: Alert) {
  return {
    integration: alert.integration,
    environment: alert.environment,
  };
}

/**
 * A new alert, and what kind of news it also is: a credential close to
 * expiry, or a rate limit or budget that will run out, has an event of its
 * own that subscribers may want without every other alert.
 */
export function alertRaised(
  alert: Alert,
  facts: Record<string, unknown> = {},
): OutboxEvent[] {
  const occurredAt = new Date(alert.createdAt);
  const event = (type: string, data: Record<string, unknown>) => ({
    type,
    ...subject(alert),
    occurredAt,
    data: { ...subject(alert), ...data },
  });
  const events: OutboxEvent[] = [
    event('alert.raised', {
      alertId: alert.id,
      alertType: alert.type,
      severity: alert.severity,
      title: alert.title,
      message: alert.message,
      raisedAt: alert.createdAt,
    }),
  ];
  if (
    alert.type === 'credential_expiry' &&
    typeof facts.expiresAt === 'string'
  ) {
    events.push(
      event('integration.credential_expiring', {
        field: facts.field,
        expiresAt: facts.expiresAt,
        daysLeft: Math.max(
          0,
          Math.floor(
            (Date.parse(facts.expiresAt) - occurredAt.getTime()) / DAY_MS,
          ),
        ),
      }),
    );
  }
  if (alert.type === 'rate_limit' || alert.type === 'budget') {
    events.push(
      event('usage.quota_forecast', {
        alertId: alert.id,
        kind: alert.type,
        severity: alert.severity,
        message: `${alert.title}. ${alert.message}`,
        forecastAt: alert.createdAt,
      }),
    );
  }
  return events;
}

export function alertResolved(alert: Alert): OutboxEvent {
  return {
    type: 'alert.resolved',
    ...subject(alert),
    occurredAt: new Date(alert.resolvedAt ?? alert.updatedAt),
    data: {
      ...subject(alert),
      alertId: alert.id,
      alertType: alert.type,
      title: alert.title,
      resolvedAt: alert.resolvedAt ?? alert.updatedAt,
    },
  };
}
