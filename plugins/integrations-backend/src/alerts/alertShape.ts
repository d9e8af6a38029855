import {
  IntegrationAlert,
  IntegrationDashboard,
} from '@internal/plugin-integrations-common';
import { Alert } from './AlertStore';

/** Where to go about an alert: what it is about decides the page. */
function actionsOf(alert: Alert): IntegrationAlert['actions'] {
  const integration = encodeURIComponent(alert.integration);
  const configuration = `/integrations/config?integration=${integration}&environment=${alert.environment}`;
  switch (alert.type) {
    case 'budget':
      return [
        {
          label: 'Open usage and cost',
          link: `/integrations/analytics?integration=${integration}&range=30d`,
        },
      ];
    case 'credential_expiry':
      return [
        {
          label: 'Open credentials',
          link: `${configuration}&section=credentials`,
        },
      ];
    case 'rate_limit':
      return [
        {
          label: 'Open rate limits',
          link: `/integrations/analytics?integration=${integration}&environment=${alert.environment}`,
        },
      ];
    default:
      return [
        { label: 'Open test history', link: `${configuration}&section=tests` },
      ];
  }
}

/** A stored alert as the API and the dashboard show it: the spec's IntegrationAlert. */
export function toIntegrationAlert(alert: Alert): IntegrationAlert {
  return {
    id: alert.id,
    integration: alert.integration,
    environment: alert.environment,
    type: alert.type,
    severity: alert.severity,
    title: alert.title,
    message: alert.message,
    ...(alert.rule ? { rule: alert.rule } : {}),
    ...(alert.value ? { value: alert.value } : {}),
    timestamp: alert.createdAt,
    updatedAt: alert.updatedAt,
    status: alert.status,
    acknowledged: Boolean(alert.acknowledgedAt),
    ...(alert.acknowledgedBy ? { acknowledgedBy: alert.acknowledgedBy } : {}),
    ...(alert.acknowledgedAt ? { acknowledgedAt: alert.acknowledgedAt } : {}),
    ...(alert.resolvedAt ? { resolvedAt: alert.resolvedAt } : {}),
    autoResolve: true,
    ...(alert.suppressedBy ? { suppressedBy: alert.suppressedBy } : {}),
    escalationLevel: alert.escalationLevel,
    notified: alert.notified,
    actions: actionsOf(alert),
  };
}

/** Active alerts by the spec's three severities. */
export function alertsBySeverity(
  alerts: Alert[],
): IntegrationDashboard['alerts'] {
  const shaped = alerts.map(toIntegrationAlert);
  return {
    critical: shaped.filter(a => a.severity === 'critical'),
    warnings: shaped.filter(a => a.severity === 'warning'),
    info: shaped.filter(a => a.severity === 'info'),
  };
}
