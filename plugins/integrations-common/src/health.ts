import {
  AlertSeverity,
  AlertStatus,
  AlertType,
  Environment,
  IntegrationCategory,
} from './types';
import { RateLimitReading, TestFailure, TestRunStatus } from './testing';

export const HEALTH_STATUSES = [
  'healthy',
  'degraded',
  'unhealthy',
  'disabled',
  'unknown',
  'not_configured',
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

/** The spec's five yes/no answers behind a status. */
export interface HealthMetrics {
  /** The latest check reached the provider. */
  connectionTest: boolean;
  /** The provider accepted the credentials in the latest check. */
  authenticationValid: boolean;
  /** The latest check's functional call answered as expected. */
  apiEndpointsAccessible: boolean;
  /** The provider's rate limit is not exhausted. */
  rateWithinLimits: boolean;
  /** The error rate of the last 24 hours is within the integration's threshold. */
  errorRateAcceptable: boolean;
}

/**
 * The spec's IntegrationHealthStatus: one integration in one environment. The
 * spec's fields come first; the rest say why and are what the dashboard shows.
 */
export interface IntegrationHealthStatus {
  /** The integration's name (the spec's `name`). */
  name: string;
  displayName: string;
  status: HealthStatus;
  enabled: boolean;
  /** When the latest check ran; absent before the first. */
  lastChecked?: string;
  /** Percent of passed checks over the last 24 hours; null without checks. */
  uptime: number | null;
  /** Milliseconds the provider took to answer the latest check. */
  responseTime?: number;
  /** Percent of failed checks over the last 24 hours; null without checks. */
  errorRate: number | null;
  /** Calls made to the provider since midnight UTC. */
  apiCallsToday: number;
  /** Requests used of the provider's rate limit, from its latest headers. */
  rateLimitStatus?: { current: number; limit: number; resetTime?: string };
  healthMetrics: HealthMetrics;
  configuration: { lastUpdated: string; updatedBy: string; version: string };
  /** Names of the integrations this one depends on. */
  dependencies: string[];
  /** Names of the integrations that depend on this one. */
  dependents: string[];

  /** The same as `name`. */
  integration: string;
  environment: Environment;
  provider: string;
  category: IntegrationCategory;
  owner: string;
  /** Why the status is what it is, in plain words. */
  reasons: string[];
  /** The same as `lastChecked`. */
  lastCheckedAt?: string;
  lastSuccessAt?: string;
  /** The failure of the latest check, when it failed. */
  failure?: TestFailure;
  /** The same as `responseTime`. */
  responseTimeMs?: number;
  /** Checks over the last 24 hours. */
  checks: { passed: number; failed: number };
  /** Uptime over 24 hours, 7 and 30 days. */
  uptimeWindows: UptimeFigures;
  rateLimit?: RateLimitReading;
  configVersion: number;
  healthCheckIntervalSeconds: number;
  /** The status of each dependency. */
  dependencyStatus: Array<{ name: string; status: HealthStatus }>;
  /** An unhealthy dependency that probably explains this integration's trouble. */
  likelyCause?: { dependency: string; status: HealthStatus };
  /**
   * Stored credential fields that expired or expire within
   * {@link CREDENTIAL_EXPIRY_WARNING_DAYS} days, soonest first; an access
   * token the backend renews itself is not among them.
   */
  expiringCredentials: ExpiringCredential[];
}

/** How far ahead a credential's expiry is worth a warning. */
export const CREDENTIAL_EXPIRY_WARNING_DAYS = 7;

/** A stored credential field that expired or expires soon; never its value. */
export interface ExpiringCredential {
  field: string;
  label: string;
  expiresAt: string;
}

/** @public */
export interface HealthListResponse {
  /** The environment the statuses are of; production unless the request named one. */
  environment: Environment;
  items: IntegrationHealthStatus[];
}

/** The spec's `overviewMetrics`: one environment at a glance. */
export interface OverviewMetrics {
  totalIntegrations: number;
  healthyIntegrations: number;
  degradedIntegrations: number;
  unhealthyIntegrations: number;
  disabledIntegrations: number;
  /** Enabled, but not checked yet. */
  unknownIntegrations: number;
  /** Enabled, but its required credentials are not stored yet. */
  notConfiguredIntegrations: number;
  /** When the newest check ran; absent before the first. */
  lastHealthCheck?: string;
  /**
   * Calls made to providers since midnight UTC: those the product reported
   * as usage, and the manager's own health checks.
   */
  totalAPICallsToday: number;
  totalErrorsToday: number;
  /** Milliseconds, over today's timed calls and checks; null without any. */
  averageResponseTime: number | null;
}

export const ACTIVITY_KINDS = [
  'test',
  'health_change',
  'config_change',
] as const;

/** @public */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The spec's IntegrationActivity: one line of the recent-activity feed. */
export interface IntegrationActivity {
  id: string;
  integration: string;
  /** What happened: a test, a status change or a configuration change. */
  operation: ActivityKind;
  status: 'success' | 'error' | 'warning';
  timestamp: string;
  /** Milliseconds the operation took; 0 where it has no duration. */
  duration: number;
  /** The line as people read it. */
  details: string;
  userId?: string;
  metadata: {
    environment: Environment;
    /** The run status of a test, or the new health status of a change. */
    resultStatus?: HealthStatus | TestRunStatus;
  };
}

/** The spec's ConfigurationChange: a saved change of one configuration. */
export interface ConfigurationChange {
  id: string;
  integration: string;
  environment?: Environment;
  action: string;
  changedFields: string[];
  version?: number;
  updatedBy: string;
  timestamp: string;
}

/** The spec's IntegrationError, as far as connection tests and checks report one. */
export interface IntegrationErrorSummary {
  id: string;
  integration: string;
  environment: Environment;
  /** The failure class. */
  errorType: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: 'open' | 'resolved';
  errorDetails: { message: string; operation: string; httpStatus?: number };
  context: { timestamp: string; userId?: string };
}

/**
 * The spec's IntegrationAlert, with where the alert stands in its life:
 * acknowledged, resolved, held back because a dependency is failing, and
 * how often its owners were told.
 *
 * @public
 */
export interface IntegrationAlert {
  id: string;
  integration: string;
  environment: Environment;
  type: AlertType;
  severity: AlertSeverity;
  title: string;
  message: string;
  /** The rule that fired, e.g. `error rate above 5 % over 15 minutes`. */
  rule?: string;
  /** What was measured when it last fired, e.g. `12.5 %`. */
  value?: string;
  /** When it was raised. */
  timestamp: string;
  updatedAt: string;
  status: AlertStatus;
  acknowledged: boolean;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  /** Every alert resolves by itself once its condition has cleared. */
  autoResolve: boolean;
  /**
   * The dependency whose failure holds this alert back: it is shown, but
   * its owners are not notified until the dependency recovers.
   */
  suppressedBy?: string;
  /** How many reminders were sent because nobody acknowledged it. */
  escalationLevel: number;
  /** Whether its owners were ever notified (they then hear when it resolves). */
  notified: boolean;
  actions: Array<{ label: string; link: string }>;
}

/** An action the dashboard offers, with the endpoint that performs it. */
export interface QuickAction {
  id: string;
  label: string;
  description: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
}

/** The spec's IntegrationDashboard: one environment, in one call. */
export interface IntegrationDashboard {
  environment: Environment;
  generatedAt: string;
  overviewMetrics: OverviewMetrics;
  /** Keyed by integration name. */
  integrationStatus: Record<string, IntegrationHealthStatus>;
  recentActivity: {
    activities: IntegrationActivity[];
    errors: IntegrationErrorSummary[];
    configurations: ConfigurationChange[];
  };
  alerts: {
    critical: IntegrationAlert[];
    warnings: IntegrationAlert[];
    info: IntegrationAlert[];
  };
  quickActions: {
    availableActions: QuickAction[];
    bulkOperations: QuickAction[];
  };
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
