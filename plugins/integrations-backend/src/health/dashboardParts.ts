import {
  AuditLogEntry,
  ConfigurationChange,
  Environment,
  FailureClass,
  HealthMetrics,
  HealthStatus,
  IntegrationActivity,
  IntegrationDashboard,
  IntegrationErrorSummary,
  IntegrationHealthStatus,
  OverviewMetrics,
  TestFailure,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { UsageRollup } from '../usage/usageRollup';
import { HealthRollup } from './HealthStore';

/** Failures that mean the provider was never reached. */
const UNREACHABLE: readonly FailureClass[] = [
  'dns_failure',
  'connection_refused',
  'timeout',
  'tls_error',
  'blocked_by_policy',
];

const AUTH_FAILURES: readonly FailureClass[] = [
  'auth_invalid',
  'auth_expired',
  'permission_missing',
];

/**
 * The spec's five answers behind a status, read from the latest check's
 * failure (a later step only runs once the earlier ones passed).
 */
export function healthMetricsOf(options: {
  checked: boolean;
  failure?: TestFailure;
  rateLimitRemaining?: number;
  errorRate: number | null;
  errorRateThreshold: number;
}): HealthMetrics {
  const { checked, failure, errorRate, errorRateThreshold } = options;
  const failed = failure?.class;
  const reached = checked && !(failed && UNREACHABLE.includes(failed));
  const authenticated = reached && !(failed && AUTH_FAILURES.includes(failed));
  return {
    connectionTest: reached,
    authenticationValid: authenticated,
    apiEndpointsAccessible: authenticated && !failed,
    rateWithinLimits:
      failed !== 'rate_limited' && options.rateLimitRemaining !== 0,
    errorRateAcceptable: errorRate === null || errorRate <= errorRateThreshold,
  };
}

/** Checks per integration since `since`, from the hourly rollups. */
export function callsSince(
  rollups: HealthRollup[],
  since: Date,
): Map<string, number> {
  const calls = new Map<string, number>();
  for (const rollup of rollups) {
    if (Date.parse(rollup.bucketStart) >= since.getTime()) {
      calls.set(
        rollup.integration,
        (calls.get(rollup.integration) ?? 0) + rollup.checks,
      );
    }
  }
  return calls;
}

/**
 * The environment at a glance. Calls, errors and response time today are
 * every call made to the providers: those the product reported as usage
 * (today's usage rollups) plus the manager's own health checks, which call
 * the provider too (and count against its rate limits) but are never
 * reported as usage.
 */
export function overviewMetrics(
  integrations: IntegrationHealthStatus[],
  today: HealthRollup[],
  usage: Pick<UsageRollup, 'calls' | 'failed' | 'durationSumMs'>[],
): OverviewMetrics {
  const count = (status: HealthStatus) =>
    integrations.filter(i => i.status === status).length;
  const lastChecks = integrations
    .map(i => i.lastChecked)
    .filter((at): at is string => Boolean(at))
    .sort();
  const usageCalls = usage.reduce((s, r) => s + r.calls, 0);
  const timedCalls =
    today.reduce((s, r) => s + r.responseMsCount, 0) + usageCalls;
  const timeSpent =
    today.reduce((s, r) => s + r.responseMsSum, 0) +
    usage.reduce((s, r) => s + r.durationSumMs, 0);
  return {
    totalIntegrations: integrations.length,
    healthyIntegrations: count('healthy'),
    degradedIntegrations: count('degraded'),
    unhealthyIntegrations: count('unhealthy'),
    disabledIntegrations: count('disabled'),
    unknownIntegrations: count('unknown'),
    notConfiguredIntegrations: count('not_configured'),
    ...(lastChecks.length
      ? { lastHealthCheck: lastChecks[lastChecks.length - 1] }
      : {}),
    totalAPICallsToday: today.reduce((s, r) => s + r.checks, 0) + usageCalls,
    totalErrorsToday:
      today.reduce((s, r) => s + r.failures, 0) +
      usage.reduce((s, r) => s + r.failed, 0),
    averageResponseTime:
      timedCalls === 0 ? null : Math.round(timeSpent / timedCalls),
  };
}

const RUN_OUTCOME: Record<
  TestRunResult['status'],
  IntegrationActivity['status']
> = {
  passed: 'success',
  degraded: 'warning',
  failed: 'error',
};

const HEALTH_OUTCOME: Record<HealthStatus, IntegrationActivity['status']> = {
  healthy: 'success',
  degraded: 'warning',
  unhealthy: 'error',
  disabled: 'warning',
  unknown: 'warning',
  not_configured: 'warning',
};

/** A stored run as a line of the activity feed. */
export function runActivity(run: TestRunResult): IntegrationActivity {
  return {
    id: `test:${run.id}`,
    integration: run.integration,
    operation: 'test',
    status: RUN_OUTCOME[run.status],
    timestamp: run.startedAt,
    duration: run.durationMs,
    details: `${run.suite} test ${run.status}${
      run.failure ? `: ${run.failure.class}` : ''
    }`,
    userId: run.triggeredBy,
    metadata: { environment: run.environment, resultStatus: run.status },
  };
}

/** A status change as a line of the activity feed. */
export function statusChangeActivity(event: {
  id: string;
  integration: string;
  environment: Environment;
  occurredAt: string;
  previousStatus: HealthStatus;
  status: HealthStatus;
  summary: string;
}): IntegrationActivity {
  return {
    id: `health:${event.id}`,
    integration: event.integration,
    operation: 'health_change',
    status: HEALTH_OUTCOME[event.status],
    timestamp: event.occurredAt,
    duration: 0,
    details: `${event.previousStatus} → ${event.status}: ${event.summary}`,
    metadata: { environment: event.environment, resultStatus: event.status },
  };
}

/** A successful configuration change from the audit log. */
export function configurationChange(entry: AuditLogEntry): ConfigurationChange {
  return {
    id: entry.eventId,
    integration: entry.integration,
    ...(entry.environment ? { environment: entry.environment } : {}),
    action: entry.action,
    changedFields: entry.details.changedFields,
    ...(entry.details.version !== undefined
      ? { version: entry.details.version }
      : {}),
    updatedBy: entry.userId,
    timestamp: entry.timestamp,
  };
}

/** A configuration change as a line of the activity feed. */
export function configurationActivity(
  change: ConfigurationChange,
  environment: Environment,
): IntegrationActivity {
  return {
    id: `config:${change.id}`,
    integration: change.integration,
    operation: 'config_change',
    status: 'success',
    timestamp: change.timestamp,
    duration: 0,
    details: `${change.action.replace('_', ' ')}${
      change.changedFields.length
        ? `: ${change.changedFields.slice(0, 4).join(', ')}`
        : ''
    }`,
    userId: change.updatedBy,
    metadata: { environment },
  };
}

const FAILURE_SEVERITY: Partial<
  Record<FailureClass, IntegrationErrorSummary['severity']>
> = {
  auth_invalid: 'critical',
  auth_expired: 'critical',
  dns_failure: 'high',
  connection_refused: 'high',
  connection_closed: 'high',
  not_http: 'high',
  request_invalid: 'high',
  tls_error: 'high',
  blocked_by_policy: 'high',
  permission_missing: 'high',
  timeout: 'medium',
  provider_error: 'medium',
  bad_response: 'medium',
  rate_limited: 'low',
};

/** A failed run as the spec's IntegrationError. */
export function runError(
  run: TestRunResult & { failure: TestFailure },
): IntegrationErrorSummary {
  return {
    id: `test:${run.id}`,
    integration: run.integration,
    environment: run.environment,
    errorType: run.failure.class,
    severity: FAILURE_SEVERITY[run.failure.class] ?? 'medium',
    status: 'open',
    errorDetails: {
      message: run.failure.explanation,
      operation: `${run.suite} test`,
      ...(run.failure.httpStatus !== undefined
        ? { httpStatus: run.failure.httpStatus }
        : {}),
    },
    context: { timestamp: run.startedAt, userId: run.triggeredBy },
  };
}

/** What the dashboard offers to do, and the endpoint that does it. */
export const QUICK_ACTIONS: IntegrationDashboard['quickActions'] = {
  availableActions: [
    {
      id: 'test',
      label: 'Test now',
      description: 'Run the quick connection test of one integration',
      method: 'POST',
      path: '/:name/test?environment=',
    },
    {
      id: 'diagnostics',
      label: 'Run diagnostics',
      description: 'Run a named test suite of one integration',
      method: 'POST',
      path: '/:name/diagnostics?environment=',
    },
    {
      id: 'toggle',
      label: 'Enable or disable',
      description: 'Switch one configuration on or off',
      method: 'PUT',
      path: '/configs/:name?environment=',
    },
  ],
  bulkOperations: [
    {
      id: 'bulk-test',
      label: 'Test all',
      description: 'Test several integrations, five at a time',
      method: 'POST',
      path: '/bulk-test',
    },
    {
      id: 'bulk-update',
      label: 'Enable or disable several',
      description: 'Change several configurations all-or-nothing',
      method: 'POST',
      path: '/bulk-update',
    },
  ],
};
