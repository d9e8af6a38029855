import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { RateLimitRecorder } from './RateLimitRecorder';

const DAY_MS = 86_400_000;

/** Drops limit hits older than the raw usage events they sit beside. */
export class RateLimitRetentionTask {
  constructor(
    private readonly options: {
      recorder: RateLimitRecorder;
      retentionDays: number;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-rate-limit-retention',
      failure: 'Rate-limit history retention failed',
      run: () => this.prune(),
    });
  }

  async prune(): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    await this.options.recorder.deleteHitsOlderThan(
      new Date(now - this.options.retentionDays * DAY_MS),
    );
  }
}
