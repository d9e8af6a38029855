import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';

// How often each of the plugin's tasks runs unless config says otherwise:
// the defaults in one place, so plugin.ts reads as wiring.

export const DEFAULT_HEALTH_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};

export const DEFAULT_TOKEN_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
  };

/** A schedule from config at `key`, or the default. */
export function scheduleFromConfig(
  config: RootConfigService,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

export const DEFAULT_ROTATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
  };

export const CREDENTIAL_EXPIRY_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { hours: 1 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
  };

export const DEFAULT_USAGE_ROLLUP_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
  };

export const DEFAULT_ALERT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 3 },
};

export const DEFAULT_INCIDENT_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
  };

export const BUDGET_ALERT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 5 },
  initialDelay: { minutes: 2 },
};

export const AUDIT_RETENTION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 10 },
  };

export const HEALTH_RETENTION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 5 },
  };

/**
 * Each backend looks for due webhook deliveries this often; a change that
 * queues one wakes the dispatcher at once, so this only picks up retries
 * and what other backends queued.
 */
export const DEFAULT_WEBHOOK_DISPATCH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { seconds: 2 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
  };
