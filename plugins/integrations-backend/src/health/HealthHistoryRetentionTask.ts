import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { HealthStore } from './HealthStore';

const DAY_MS = 86_400_000;
/** Rollups outlive the longest chart (30 days) by a margin. */
const ROLLUP_RETENTION_DAYS = 35;

/** Deletes test runs, rollups and status changes past their retention. */
export class HealthHistoryRetentionTask {
  constructor(
    private readonly options: {
      health: HealthStore;
      runRetentionDays: number;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'integrations-health-retention',
      ...schedule,
      scope: 'global',
      fn: async () => {
        try {
          await this.prune();
        } catch (error) {
          throw new ForwardedError('Health history retention failed', error);
        }
      },
    });
  }

  async prune(): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    await this.options.health.deleteOlderThan({
      runsBefore: new Date(now - this.options.runRetentionDays * DAY_MS),
      rollupsBefore: new Date(now - ROLLUP_RETENTION_DAYS * DAY_MS),
      eventsBefore: new Date(now - ROLLUP_RETENTION_DAYS * DAY_MS),
    });
  }
}
