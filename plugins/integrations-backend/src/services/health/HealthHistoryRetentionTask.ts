import { SchedulerService } from '@backstage/backend-plugin-api';
import { IntegrationConfigStore } from '../../database/IntegrationConfigStore';

const DAY_MS = 86_400_000;
/** Rollups outlive the longest chart (30 days) by a margin. */
const ROLLUP_RETENTION_DAYS = 35;

/** Deletes test runs, rollups and status changes past their retention, daily. */
export class HealthHistoryRetentionTask {
  constructor(
    private readonly options: {
      store: IntegrationConfigStore;
      runRetentionDays: number;
      now?: () => Date;
    },
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'integrations-health-retention',
      scope: 'global',
      frequency: { hours: 24 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 5 },
      fn: async () => {
        await this.prune();
      },
    });
  }

  async prune(): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    await this.options.store.health.deleteOlderThan({
      runsBefore: new Date(now - this.options.runRetentionDays * DAY_MS),
      rollupsBefore: new Date(now - ROLLUP_RETENTION_DAYS * DAY_MS),
      eventsBefore: new Date(now - ROLLUP_RETENTION_DAYS * DAY_MS),
    });
  }
}
