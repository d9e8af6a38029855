import {
  ActivityItem,
  AuditLogEntry,
  Environment,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { HealthEvent } from './HealthStore';

/**
 * The dashboard's recent-activity feed: tests people ran, status changes and
 * configuration changes, newest first, of the integrations the reader sees.
 */
export function activityFeed(options: {
  environment: Environment;
  visible: Set<string>;
  runs: TestRunResult[];
  events: HealthEvent[];
  audit: AuditLogEntry[];
  limit: number;
}): ActivityItem[] {
  const { environment, visible, runs, events, audit, limit } = options;
  const items: ActivityItem[] = [
    ...runs.map(run => ({
      id: `test:${run.id}`,
      at: run.startedAt,
      kind: 'test' as const,
      integration: run.integration,
      environment: run.environment,
      summary: `${run.suite} test ${run.status}${
        run.failure ? `: ${run.failure.class}` : ''
      }`,
      actor: run.triggeredBy,
      status: run.status,
    })),
    ...events.map(event => ({
      id: `health:${event.id}`,
      at: event.occurredAt,
      kind: 'health_change' as const,
      integration: event.integration,
      environment: event.environment,
      summary: `${event.previousStatus} → ${event.status}: ${event.summary}`,
      status: event.status,
    })),
    ...audit
      .filter(
        entry =>
          entry.outcome === 'success' &&
          (entry.environment === environment ||
            entry.environment === undefined),
      )
      .map(entry => ({
        id: `config:${entry.eventId}`,
        at: entry.timestamp,
        kind: 'config_change' as const,
        integration: entry.integration,
        environment,
        summary: `${entry.action.replace('_', ' ')}${
          entry.details.changedFields.length
            ? `: ${entry.details.changedFields.slice(0, 4).join(', ')}`
            : ''
        }`,
        actor: entry.userId,
      })),
  ];
  return items
    .filter(item => visible.has(item.integration))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}
