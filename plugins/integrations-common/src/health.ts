import { Environment, IntegrationCategory } from './types';
import { RateLimitReading, TestFailure, TestRunStatus } from './testing';

export const HEALTH_STATUSES = [
  'healthy',
  'degraded',
  'unhealthy',
  'disabled',
  'unknown',
] as const;

/** @public */
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const HEALTH_RANGES = ['24h', '7d', '30d'] as const;

/** @public */
export type HealthRange = (typeof HEALTH_RANGES)[number];

/** Uptime in percent over each window; null where no check ran. */
export interface UptimeFigures {
  last24h: number | null;
  last7d: number | null;
  last30d: number | null;
}

/** The spec's IntegrationHealthStatus: one integration in one environment. */
export interface IntegrationHealthStatus {
  integration: string;
  environment: Environment;
  displayName: string;
  provider: string;
  category: IntegrationCategory;
  owner: string;
  enabled: boolean;
  status: HealthStatus;
  /** Why the status is what it is, in plain words. */
  reasons: string[];
  lastCheckedAt?: string;
  lastSuccessAt?: string;
  /** The failure of the latest check, when it failed. */
  failure?: TestFailure;
  responseTimeMs?: number;
  uptime: UptimeFigures;
  /** Checks over the last 24 hours. */
  checks: { passed: number; failed: number };
  /** Percent of failed checks over the last 24 hours. */
  errorRate: number | null;
  rateLimit?: RateLimitReading;
  configVersion: number;
  healthCheckIntervalSeconds: number;
  dependencies: Array<{ name: string; status: HealthStatus }>;
  /** An unhealthy dependency that probably explains this integration's trouble. */
  likelyCause?: { dependency: string; status: HealthStatus };
}

/** @public */
export interface HealthListResponse {
  items: IntegrationHealthStatus[];
}

export interface DashboardOverview {
  total: number;
  healthy: number;
  degraded: number;
  unhealthy: number;
  disabled: number;
  unknown: number;
  lastHealthCheckAt?: string;
  /** Calls the integration manager made to providers since midnight UTC. */
  apiCallsToday: number;
  errorsToday: number;
  averageResponseTimeMs: number | null;
}

export const ACTIVITY_KINDS = [
  'test',
  'health_change',
  'config_change',
] as const;

/** @public */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One line of the dashboard's recent-activity feed. */
export interface ActivityItem {
  id: string;
  at: string;
  kind: ActivityKind;
  integration: string;
  environment: Environment;
  summary: string;
  actor?: string;
  status?: HealthStatus | TestRunStatus;
}

/** The spec's IntegrationDashboard, in one call. */
export interface IntegrationDashboard {
  environment: Environment;
  generatedAt: string;
  overview: DashboardOverview;
  integrations: IntegrationHealthStatus[];
  activity: ActivityItem[];
}

/** One bucket of a response-time and error-rate chart. */
export interface HealthHistoryPoint {
  at: string;
  checks: number;
  failures: number;
  averageResponseMs: number | null;
  maxResponseMs: number | null;
  /** Percent of passed checks in the bucket; null without checks. */
  uptime: number | null;
}

/** @public */
export interface HealthHistoryResponse {
  environment: Environment;
  range: HealthRange;
  series: Array<{ integration: string; points: HealthHistoryPoint[] }>;
}

/** The Signals channel on which status changes are broadcast. */
export const HEALTH_SIGNAL_CHANNEL = 'integrations:health';

/** The message sent on {@link HEALTH_SIGNAL_CHANNEL}. */
export interface HealthSignal {
  integration: string;
  environment: Environment;
  status: HealthStatus;
  previousStatus: HealthStatus;
  checkedAt: string;
}
