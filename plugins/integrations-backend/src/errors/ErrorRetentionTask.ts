import {
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { ErrorEventStore } from './ErrorEventStore';

const DAY_MS = 86_400_000;
/** A month of errors shows a regression's whole story. */
export const DEFAULT_ERROR_RETENTION_DAYS = 30;

/** `integrations.errors.retentionDays`, checked at start-up. */
export function errorRetentionDaysFromConfig(
  config: RootConfigService,
): number {
  const days =
    config.getOptionalNumber('integrations.errors.retentionDays') ??
    DEFAULT_ERROR_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(
      `integrations.errors.retentionDays must be a whole number of days from 1 to 3650, not ${days}`,
    );
  }
  return days;
}

/**
 * Deletes error events past their retention, and settled groups nobody has
 * seen since; open groups stay whatever their age.
 */
export class ErrorRetentionTask {
  constructor(
    private readonly options: {
      events: ErrorEventStore;
      retentionDays: number;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-error-retention',
      failure: 'Error retention failed',
      run: () => this.prune(),
    });
  }

  async prune(): Promise<number> {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    return this.options.events.deleteOlderThan(
      new Date(now - this.options.retentionDays * DAY_MS),
    );
  }
}
