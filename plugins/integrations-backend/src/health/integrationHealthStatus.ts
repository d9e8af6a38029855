import {
  ExpiringCredential,
  HealthStatus,
  IntegrationConfig,
  IntegrationHealthStatus,
} from '@internal/plugin-integrations-common';
import { callsSince, healthMetricsOf } from './dashboardParts';
import { RANGE_MS } from './healthHistory';
import { uptimeOf } from './healthStatus';
import { HealthRollup, HealthState, hourBucket } from './HealthStore';

const DAY_MS = 86_400_000;

/**
 * One configuration's health in the spec's shape, from its latest state, its
 * hourly rollups of the last 30 days and the status of its dependencies.
 */
export function integrationHealthStatus(
  config: IntegrationConfig,
  context: {
    state?: HealthState;
    rollups: HealthRollup[];
    now: Date;
    status: HealthStatus;
    missingCredentials: string[];
    expiringCredentials: ExpiringCredential[];
    dependencyStatus: Array<{ name: string; status: HealthStatus }>;
  },
): IntegrationHealthStatus {
  const { state, rollups: own, now, status, dependencyStatus } = context;
  const since30d = hourBucket(new Date(now.getTime() - RANGE_MS['30d']));
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  const day = own.filter(
    r => Date.parse(r.bucketStart) >= now.getTime() - DAY_MS,
  );
  const checks = day.reduce((sum, r) => sum + r.checks, 0);
  const failed = day.reduce((sum, r) => sum + r.failures, 0);
  const errorRate =
    checks === 0 ? null : Math.round((failed / checks) * 10_000) / 100;
  const troubled = dependencyStatus.find(d => d.status === 'unhealthy');
  const failure =
    status === 'disabled' || status === 'not_configured'
      ? undefined
      : state?.failure;
  const rateLimit = state?.rateLimit;
  const uptimeWindows = {
    last24h: uptimeOf(own, new Date(now.getTime() - DAY_MS)),
    last7d: uptimeOf(own, new Date(now.getTime() - RANGE_MS['7d'])),
    last30d: uptimeOf(own, since30d),
  };
  return {
    name: config.name,
    displayName: config.displayName,
    status,
    enabled: config.enabled,
    ...(state?.lastCheckedAt ? { lastChecked: state.lastCheckedAt } : {}),
    uptime: uptimeWindows.last24h,
    ...(state?.responseTimeMs !== undefined
      ? { responseTime: state.responseTimeMs }
      : {}),
    errorRate,
    apiCallsToday: callsSince(own, midnight).get(config.name) ?? 0,
    ...(rateLimit?.limit !== undefined && rateLimit.remaining !== undefined
      ? {
          rateLimitStatus: {
            current: rateLimit.limit - rateLimit.remaining,
            limit: rateLimit.limit,
            ...(rateLimit.resetAt ? { resetTime: rateLimit.resetAt } : {}),
          },
        }
      : {}),
    healthMetrics: healthMetricsOf({
      checked: Boolean(state?.lastCheckedAt),
      failure,
      rateLimitRemaining: rateLimit?.remaining,
      errorRate,
      errorRateThreshold: config.monitoringConfig.alertThresholds.errorRate,
    }),
    configuration: {
      lastUpdated: config.metadata.lastUpdated,
      updatedBy: config.metadata.updatedBy,
      version: String(config.metadata.version),
    },
    dependencies: config.dependencies,
    dependents: config.dependents,
    integration: config.name,
    environment: config.environment,
    provider: config.provider,
    category: config.category,
    owner: config.owner,
    reasons: reasonsOf(status, state, context.missingCredentials),
    ...(state?.lastCheckedAt ? { lastCheckedAt: state.lastCheckedAt } : {}),
    ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(failure ? { failure } : {}),
    ...(state?.responseTimeMs !== undefined
      ? { responseTimeMs: state.responseTimeMs }
      : {}),
    checks: { passed: checks - failed, failed },
    uptimeWindows,
    ...(rateLimit ? { rateLimit } : {}),
    configVersion: config.metadata.version,
    healthCheckIntervalSeconds: config.monitoringConfig.healthCheckInterval,
    dependencyStatus,
    expiringCredentials: context.expiringCredentials,
    ...(troubled && status !== 'healthy' && status !== 'disabled'
      ? {
          likelyCause: {
            dependency: troubled.name,
            status: troubled.status,
          },
        }
      : {}),
  };
}

/** Why a configuration has its status, in plain words. */
function reasonsOf(
  status: HealthStatus,
  state: HealthState | undefined,
  missingCredentials: string[],
): string[] {
  if (status === 'disabled') {
    return ['Switched off in this environment'];
  }
  if (status === 'not_configured') {
    return [
      `Credentials missing: ${missingCredentials.join(
        ', ',
      )}. Add them in the Credentials section; until then nothing is checked.`,
    ];
  }
  return state?.reasons ?? ['Not checked yet'];
}
