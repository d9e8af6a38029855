import {
  ActivityKind,
  FAILURE_CLASS_INFO,
  FailureClass,
  HealthRange,
  HealthStatus,
  TestRunStatus,
  TestSuite,
  UptimeFigures,
} from '@internal/plugin-integrations-common';

export const HEALTH_STATUS_LABELS: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  disabled: 'Disabled',
  unknown: 'Unknown',
  not_configured: 'Not configured',
};

export const TEST_RUN_STATUS_LABELS: Record<TestRunStatus, string> = {
  passed: 'Passed',
  degraded: 'Passed with warnings',
  failed: 'Failed',
};

export const TEST_SUITE_LABELS: Record<TestSuite, string> = {
  health: 'Health check',
  quick: 'Quick test',
  auth: 'Authentication',
  performance: 'Performance',
  full: 'Full diagnostics',
};

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  test: 'Tests',
  health_change: 'Health changes',
  config_change: 'Configuration changes',
};

export const HEALTH_RANGE_LABELS: Record<HealthRange, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
};

/** Statuses needing attention come first: unhealthy, degraded, … healthy, then disabled. */
export const HEALTH_STATUS_ATTENTION_ORDER: Record<HealthStatus, number> = {
  unhealthy: 0,
  degraded: 1,
  not_configured: 2,
  unknown: 3,
  healthy: 4,
  disabled: 5,
};

/** Sorts statuses worst first, then by display name. */
export function byAttention(
  a: { status: HealthStatus; displayName: string },
  b: { status: HealthStatus; displayName: string },
): number {
  return (
    (HEALTH_STATUS_ATTENTION_ORDER[a.status] ?? 2) -
      (HEALTH_STATUS_ATTENTION_ORDER[b.status] ?? 2) ||
    a.displayName.localeCompare(b.displayName)
  );
}

/** The uptime below which an integration misses its SLA when none is configured. */
export const DEFAULT_UPTIME_TARGET = 99.9;

/** "Credentials refused", or the class id for a class this build does not know. */
export function failureLabel(failureClass: FailureClass): string {
  return FAILURE_CLASS_INFO[failureClass]?.label ?? failureClass;
}

/** "99.95 %" (never split over two lines), or "no data" without checks. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return 'no data';
  }
  return `${Number(value.toFixed(2))}\u00a0%`;
}

/** "99.9 % · 99.5 % · 98 %": uptime over the last 24 hours, 7 days and 30 days. */
export function formatUptimeWindows(uptime: UptimeFigures): string {
  return [uptime.last24h, uptime.last7d, uptime.last30d]
    .map(formatPercent)
    .join(' · ');
}

/** "230 ms" or "1.4 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)}\u00a0ms`;
  }
  return `${Number((ms / 1000).toFixed(1))}\u00a0s`;
}
