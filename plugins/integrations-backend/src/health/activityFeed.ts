import {
  AuditLogEntry,
  Environment,
  IntegrationDashboard,
  TestFailure,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { HealthEvent } from './HealthStore';
import {
  configurationActivity,
  configurationChange,
  runActivity,
  runError,
  statusChangeActivity,
} from './dashboardParts';

/**
 * The dashboard's recent activity, newest first, of the integrations the
 * reader sees: tests people ran, status changes and configuration changes in
 * one feed, and the failed runs and configuration changes on their own.
 */
export function recentActivity(options: {
  environment: Environment;
  visible: Set<string>;
  runs: TestRunResult[];
  events: HealthEvent[];
  audit: AuditLogEntry[];
  limit: number;
}): IntegrationDashboard['recentActivity'] {
  const { environment, visible, limit } = options;
  const newestFirst = <T extends { timestamp: string }>(items: T[]) =>
    items
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
      .slice(0, limit);
  const runs = options.runs.filter(run => visible.has(run.integration));
  const configurations = newestFirst(
    options.audit
      .filter(
        entry =>
          entry.outcome === 'success' &&
          visible.has(entry.integration) &&
          (entry.environment === environment ||
            entry.environment === undefined),
      )
      .map(configurationChange),
  );
  return {
    activities: newestFirst([
      ...runs.map(runActivity),
      ...options.events
        .filter(event => visible.has(event.integration))
        .map(statusChangeActivity),
      ...configurations.map(change =>
        configurationActivity(change, environment),
      ),
    ]),
    errors: runs
      .filter(
        (run): run is TestRunResult & { failure: TestFailure } =>
          run.status === 'failed' && Boolean(run.failure),
      )
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, limit)
      .map(runError),
    configurations,
  };
}
