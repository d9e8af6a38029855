import {
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleGlobalTask } from '../../scheduling/scheduleTasks';
import { InboundDeliveryStore } from './InboundDeliveryStore';

const DAY_MS = 86_400_000;
/** A month of received webhooks answers "did Stripe ever send it?". */
export const DEFAULT_INBOUND_RETENTION_DAYS = 30;

/** `integrations.webhooks.inbound.retentionDays`, checked at start-up. */
export function inboundRetentionDaysFromConfig(
  config: RootConfigService,
): number {
  const key = 'integrations.webhooks.inbound.retentionDays';
  const days = config.getOptionalNumber(key) ?? DEFAULT_INBOUND_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(
      `${key} must be a whole number of days from 1 to 3650, not ${days}`,
    );
  }
  return days;
}

/**
 * Deletes received webhooks past their retention. Their event ids go with
 * them: a resend older than that is only refused by a signed timestamp.
 */
export class InboundRetentionTask {
  constructor(
    private readonly options: {
      store: Pick<InboundDeliveryStore, 'deleteOlderThan'>;
      retentionDays: number;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-inbound-webhook-retention',
      failure: 'Inbound webhook retention failed',
      run: () => this.prune(),
    });
  }

  /** Deletes what is past the retention; returns how many. */
  async prune(): Promise<number> {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    return this.options.store.deleteOlderThan(
      new Date(now - this.options.retentionDays * DAY_MS),
    );
  }
}
