import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Removes finished deliveries, their attempts and unreferenced events past the retention. */
export class WebhookRetentionTask {
  constructor(
    private readonly options: {
      deliveries: WebhookDeliveryStore;
      retentionDays: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<number> {
    const now = this.options.now?.() ?? new Date();
    return this.options.deliveries.deleteOlderThan(
      new Date(now.getTime() - this.options.retentionDays * DAY_MS),
    );
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'integrations-webhook-retention',
      ...schedule,
      fn: async () => {
        await this.run();
      },
    });
  }
}
