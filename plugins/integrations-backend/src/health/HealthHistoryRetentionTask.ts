import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { HealthStore } from './HealthStore';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';

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
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-health-retention',
      failure: 'Health history retention failed',
      run: () => this.prune(),
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
