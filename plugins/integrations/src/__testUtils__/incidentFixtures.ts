import { Incident, IncidentDetail } from '@internal/plugin-integrations-common';

const NOW = Date.now();
const minutesAgo = (minutes: number) =>
  new Date(NOW - minutes * 60_000).toISOString();

/** An open incident: Stripe failing in production since a configuration change to v7. */
export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: '3f0c8a52-9d1e-4b7a-8c2f-5e6d7a8b9c01',
    title: 'stripe failing after configuration change v7 of stripe',
    status: 'open',
    environment: 'production',
    integrations: ['stripe'],
    groupIds: ['p-stripe-timeout', 'p-stripe-5xx'],
    startedAt: minutesAgo(12),
    updatedAt: minutesAgo(10),
    likelyCause: {
      kind: 'configuration_change',
      description: `configuration change v7 of stripe by user:default/ada at ${minutesAgo(
        15,
      )}`,
      integration: 'stripe',
      version: 7,
      rollbackToVersion: 6,
      changedBy: 'user:default/ada',
      changedAt: minutesAgo(15),
    },
    ...overrides,
  };
}

/** The incident with its timeline and its two groups. */
export function incidentDetail(
  overrides: Partial<IncidentDetail> = {},
): IncidentDetail {
  const base = incident(overrides);
  const integration = base.integrations[0];
  return {
    ...base,
    timeline: [
      {
        at: minutesAgo(15),
        kind: 'configuration_change',
        description: `Configuration of ${integration} saved as v7 (connectionConfig.timeout)`,
        integration,
        actor: 'user:default/ada',
      },
      {
        at: minutesAgo(12),
        kind: 'group_first_seen',
        description: `First seen on ${integration}: Timeout on /v1/charges`,
        integration,
        patternId: 'p-stripe-timeout',
      },
      {
        at: minutesAgo(11),
        kind: 'alert_raised',
        description: `Alert raised: Error rate of ${integration} is 34 %`,
        integration,
      },
      {
        at: minutesAgo(10),
        kind: 'opened',
        description: 'Opened: configuration change v7 of stripe',
        actor: 'integrations-backend',
      },
    ],
    patterns: [
      {
        patternId: 'p-stripe-timeout',
        name: 'Timeout on /v1/charges',
        integration,
        status: 'open',
        severity: 'critical',
      },
      {
        patternId: 'p-stripe-5xx',
        name: 'Server error on /v1/refunds',
        integration,
        status: 'investigating',
        severity: 'high',
      },
    ],
    ...overrides,
  };
}
