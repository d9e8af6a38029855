import {
  Environment,
  FailureClass,
  HealthStatus,
  RateLimitReading,
  TestFailure,
} from '@internal/plugin-integrations-common';

/** One check as the status computation sees it. */
export interface CheckSample {
  at: string;
  passed: boolean;
  responseTimeMs?: number;
  failureClass?: FailureClass;
}

/** The current health of one configuration. */
export interface HealthState {
  integration: string;
  environment: Environment;
  status: HealthStatus;
  reasons: string[];
  /** Latest checks, newest first. */
  recent: CheckSample[];
  lastCheckedAt?: string;
  lastSuccessAt?: string;
  statusChangedAt?: string;
  lastRunId?: string;
  failure?: TestFailure;
  responseTimeMs?: number;
  rateLimit?: RateLimitReading;
}

/** A change of status, for the activity feed. */
export interface HealthEvent {
  id: string;
  integration: string;
  environment: Environment;
  occurredAt: string;
  previousStatus: HealthStatus;
  status: HealthStatus;
  summary: string;
}

/** Checks of one configuration in one hour. */
export interface HealthRollup {
  integration: string;
  bucketStart: string;
  checks: number;
  failures: number;
  responseMsSum: number;
  responseMsCount: number;
  responseMsMax: number | null;
}

const HOUR_MS = 3_600_000;

/** The start of the hour that holds `at`, the rollups' bucket. */
export function hourBucket(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}
