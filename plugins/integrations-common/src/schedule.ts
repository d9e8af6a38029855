import { z } from 'zod';
import { HealthStatus } from './health';
import { environmentSchema } from './schemas';
import { Environment, IntegrationCategory } from './types';

/** When one configuration is health-checked, and whether the checks are paused. */
export interface HealthCheckSchedule {
  integration: string;
  environment: Environment;
  displayName: string;
  provider: string;
  category: IntegrationCategory;
  owner: string;
  enabled: boolean;
  status: HealthStatus;
  paused: boolean;
  /** Who paused the checks, while they are paused. */
  pausedBy?: string;
  pausedAt?: string;
  intervalSeconds: number;
  lastCheckedAt?: string;
  /** When the next check is due; absent while no checks run (disabled or paused). */
  nextCheckAt?: string;
}

/** @public */
export interface HealthScheduleResponse {
  items: HealthCheckSchedule[];
}

/** Query of `GET /health/schedule`: all readable environments when left out. */
export const healthScheduleQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
});

/**
 * When the next check of a configuration is due: one interval after the last
 * check, or now when it was never checked; none while checks do not run.
 */
export function nextHealthCheckAt(options: {
  enabled: boolean;
  paused: boolean;
  intervalSeconds: number;
  lastCheckedAt?: string;
  now: Date;
}): string | undefined {
  if (!options.enabled || options.paused) {
    return undefined;
  }
  if (!options.lastCheckedAt) {
    return options.now.toISOString();
  }
  return new Date(
    Date.parse(options.lastCheckedAt) + options.intervalSeconds * 1000,
  ).toISOString();
}
