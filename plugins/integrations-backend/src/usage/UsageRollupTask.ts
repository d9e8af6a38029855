import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { UsageEventStore } from './UsageEventStore';
import { RollupBucket, UsageRollupStore } from './UsageRollupStore';
import { Granularity, bucketStart } from './usageRollup';

const DAY_MS = 86_400_000;

/** Minutes taken off the queue per round. */
const MINUTES_PER_ROUND = 500;

/** How long each level is kept; raw events and minutes by setting. */
export interface UsageRetention {
  /** Raw events and minute rollups; also the oldest event ingest accepts. */
  rawDays: number;
  hourDays: number;
  dayDays: number;
}

export const DEFAULT_USAGE_RETENTION: UsageRetention = {
  rawDays: 14,
  hourDays: 90,
  dayDays: 731,
};

/**
 * Rolls the minutes that gained events into minute, hour and day rollups,
 * then drops what is past its retention. A minute leaves the queue only
 * after its hour and day are redone, so a crash anywhere means the next run
 * does the same work again, never that an event is left out.
 */
export class UsageRollupTask {
  private readonly events: UsageEventStore;
  private readonly rollups: UsageRollupStore;
  private readonly retention: UsageRetention;
  private readonly now: () => Date;

  constructor(options: {
    events: UsageEventStore;
    rollups: UsageRollupStore;
    retention?: UsageRetention;
    now?: () => Date;
  }) {
    this.events = options.events;
    this.rollups = options.rollups;
    this.retention = options.retention ?? DEFAULT_USAGE_RETENTION;
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-usage-rollup',
      failure: 'Usage rollup failed',
      run: () => this.run(),
    });
  }

  /** Rolls up everything queued and prunes; returns how many minutes were redone. */
  async run(): Promise<{ minutes: number }> {
    let minutes = 0;
    for (;;) {
      const pending = await this.rollups.pendingMinutes(MINUTES_PER_ROUND);
      if (!pending.length) {
        break;
      }
      for (const minute of pending) {
        await this.rollups.rollUp('minute', minute);
      }
      for (const granularity of ['hour', 'day'] as const) {
        for (const bucket of distinctBuckets(pending, granularity)) {
          await this.rollups.rollUp(granularity, bucket);
        }
      }
      await this.rollups.clearPending(pending);
      minutes += pending.length;
      if (pending.length < MINUTES_PER_ROUND) {
        break;
      }
    }
    await this.prune();
    return { minutes };
  }

  private async prune(): Promise<void> {
    const now = this.now().getTime();
    const before = (days: number) => new Date(now - days * DAY_MS);
    await this.events.deleteOlderThan(before(this.retention.rawDays));
    await this.rollups.deleteOlderThan(
      'minute',
      before(this.retention.rawDays),
    );
    await this.rollups.deleteOlderThan('hour', before(this.retention.hourDays));
    await this.rollups.deleteOlderThan('day', before(this.retention.dayDays));
  }
}

function distinctBuckets(
  minutes: RollupBucket[],
  granularity: Granularity,
): RollupBucket[] {
  const buckets = new Map<string, RollupBucket>();
  for (const minute of minutes) {
    const start = bucketStart(minute.start, granularity);
    buckets.set(
      `${minute.integration}:${minute.environment}:${start.getTime()}`,
      {
        integration: minute.integration,
        environment: minute.environment,
        start,
      },
    );
  }
  return [...buckets.values()];
}
