import {
  AlertKind,
  IntegrationConfig,
  IntegrationHealthStatus,
  RateLimitStatus,
} from '@internal/plugin-integrations-common';
import { LatencyHistogram, quantileOf } from '../usage/latencyHistogram';
import { AlertCondition } from './AlertStore';

/** The window the error rate and response time are measured over. */
export const RECENT_WINDOW_MINUTES = 15;

/**
 * Fewer calls than this in the window (or checks in a day, for uptime) say
 * too little: one failure of two calls pages nobody.
 */
export const MIN_SAMPLES = 20;

/** The alert types the rule evaluation raises. */
export const RULE_TYPES = [
  'error_rate',
  'response_time',
  'uptime',
  'health',
  'rate_limit',
] as const;

/** What the evaluation knows about one configuration. */
export interface ConfigurationReadings {
  config: IntegrationConfig;
  health: IntegrationHealthStatus;
  /** Calls in the recent window: the product's (usage) and the health checks. */
  recent: { calls: number; failed: number; latency: LatencyHistogram };
  rateLimits?: RateLimitStatus;
}

const percent = (value: number) => `${Math.round(value * 10) / 10} %`;

/**
 * The conditions that fire for one configuration, each only where its
 * `enabledAlerts` include the kind. Being down (`health`) counts as an
 * uptime alert.
 */
export function firingConditions(
  readings: ConfigurationReadings,
): AlertCondition[] {
  const { config, health, recent } = readings;
  const enabled = (kind: AlertKind) =>
    config.monitoringConfig.enabledAlerts.includes(kind);
  const thresholds = config.monitoringConfig.alertThresholds;
  const where = `${config.displayName} (${config.environment})`;
  const base = (type: AlertCondition['type'], key = '') => ({
    integration: config.name,
    environment: config.environment,
    type,
    dedupeKey: `${type}:${config.name}:${config.environment}${key}`,
  });
  const window = `the last ${RECENT_WINDOW_MINUTES} minutes`;
  const conditions: AlertCondition[] = [];

  if (enabled('error_rate') && recent.calls >= MIN_SAMPLES) {
    const rate = (recent.failed / recent.calls) * 100;
    if (rate > thresholds.errorRate) {
      conditions.push({
        ...base('error_rate'),
        severity: 'warning',
        title: `Error rate of ${where} is ${percent(rate)}`,
        message: `${recent.failed} of ${recent.calls} calls failed in ${window}, above the ${thresholds.errorRate} % threshold.`,
        rule: `error rate above ${thresholds.errorRate} % over ${RECENT_WINDOW_MINUTES} minutes, at least ${MIN_SAMPLES} calls`,
        value: percent(rate),
      });
    }
  }

  const timed = Object.values(recent.latency).reduce((s, n) => s + n, 0);
  const p95 =
    timed >= MIN_SAMPLES ? quantileOf(recent.latency, 0.95) : undefined;
  if (
    enabled('response_time') &&
    p95 !== undefined &&
    p95 > thresholds.responseTime
  ) {
    conditions.push({
      ...base('response_time'),
      severity: 'warning',
      title: `Response time of ${where} is ${Math.round(p95)} ms at p95`,
      message: `The 95th percentile of ${timed} calls in ${window} is above the ${thresholds.responseTime} ms threshold.`,
      rule: `p95 response time above ${thresholds.responseTime} ms over ${RECENT_WINDOW_MINUTES} minutes`,
      value: `${Math.round(p95)} ms`,
    });
  }

  const checks = health.checks.passed + health.checks.failed;
  if (
    enabled('uptime') &&
    health.uptime !== null &&
    checks >= MIN_SAMPLES &&
    health.uptime < thresholds.uptime
  ) {
    conditions.push({
      ...base('uptime'),
      severity: 'warning',
      title: `Uptime of ${where} is ${percent(health.uptime)} over 24 hours`,
      message: `${health.checks.failed} of ${checks} health checks failed in the last 24 hours, below the ${thresholds.uptime} % uptime threshold.`,
      rule: `uptime below ${thresholds.uptime} % over 24 hours`,
      value: percent(health.uptime),
    });
  }

  if (enabled('uptime') && health.status === 'unhealthy') {
    conditions.push({
      ...base('health'),
      severity: 'critical',
      title: `${where} is unhealthy`,
      message: health.reasons.join('; ') || 'The latest health check failed.',
      rule: 'the latest health check failed',
    });
  }

  if (enabled('rate_limit')) {
    for (const [key, limit] of Object.entries(
      readings.rateLimits?.rateLimits ?? {},
    )) {
      if (limit.forecast.status !== 'critical') {
        continue;
      }
      const spent = limit.remaining === 0;
      conditions.push({
        ...base('rate_limit', `:${key}`),
        severity: spent ? 'critical' : 'warning',
        title: spent
          ? `Rate limit ${key} of ${where} is spent`
          : `Rate limit ${key} of ${where} runs out before it resets`,
        message: limit.forecast.message,
        rule: 'a rate limit runs out before it resets at the recent call rate',
        ...(limit.remaining !== undefined && limit.limit !== undefined
          ? { value: `${limit.remaining} of ${limit.limit} left` }
          : {}),
      });
    }
  }
  return conditions;
}
