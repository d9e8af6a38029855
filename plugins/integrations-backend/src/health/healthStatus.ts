import {
  FAILURE_CLASS_INFO,
  HealthStatus,
  MonitoringConfig,
} from '@internal/plugin-integrations-common';
import { CheckSample, HealthRollup } from './HealthStore';

/** How many of the latest checks the error rate is computed over. */
export const RECENT_WINDOW = 10;

/**
 * The health of a configuration from its latest checks and its thresholds:
 * the latest check failing makes it unhealthy (degraded when the provider is
 * only throttling); an error rate or response time over the thresholds makes
 * it degraded.
 */
export function computeHealthStatus(input: {
  enabled: boolean;
  recent: CheckSample[];
  thresholds: MonitoringConfig['alertThresholds'];
}): { status: HealthStatus; reasons: string[] } {
  if (!input.enabled) {
    return {
      status: 'disabled',
      reasons: ['Switched off in this environment'],
    };
  }
  const recent = input.recent.slice(0, RECENT_WINDOW);
  const [latest] = recent;
  if (!latest) {
    return { status: 'unknown', reasons: ['Not checked yet'] };
  }
  if (!latest.passed) {
    const label = latest.failureClass
      ? FAILURE_CLASS_INFO[latest.failureClass].label
      : 'failed';
    return latest.failureClass === 'rate_limited'
      ? {
          status: 'degraded',
          reasons: ['The provider is rate limiting requests'],
        }
      : { status: 'unhealthy', reasons: [`Latest check failed: ${label}`] };
  }

  const reasons: string[] = [];
  const failures = recent.filter(sample => !sample.passed).length;
  const errorRate = (failures / recent.length) * 100;
  if (failures > 0 && errorRate > input.thresholds.errorRate) {
    reasons.push(
      `${failures} of the last ${recent.length} checks failed (${Math.round(
        errorRate,
      )}%, threshold ${input.thresholds.errorRate}%)`,
    );
  }
  if (
    latest.responseTimeMs !== undefined &&
    latest.responseTimeMs > input.thresholds.responseTime
  ) {
    reasons.push(
      `Response time ${latest.responseTimeMs} ms is above the ${input.thresholds.responseTime} ms threshold`,
    );
  }
  return reasons.length
    ? { status: 'degraded', reasons }
    : { status: 'healthy', reasons: ['All recent checks passed'] };
}

/** Percent of passed checks in the rollups from `since` on; null without checks. */
export function uptimeOf(rollups: HealthRollup[], since: Date): number | null {
  let checks = 0;
  let failures = 0;
  for (const rollup of rollups) {
    if (Date.parse(rollup.bucketStart) >= since.getTime()) {
      checks += rollup.checks;
      failures += rollup.failures;
    }
  }
  return checks === 0
    ? null
    : Math.round(((checks - failures) / checks) * 10_000) / 100;
}
