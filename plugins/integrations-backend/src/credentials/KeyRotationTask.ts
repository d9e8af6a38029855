import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { KeyRotationService } from './KeyRotationService';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';

/** Runs the key rotation on a schedule, once across all backend replicas. */
export class KeyRotationTask {
  constructor(
    private readonly options: {
      rotation: KeyRotationService;
      logger: LoggerService;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-key-rotation',
      failure: 'Key rotation failed',
      run: () => this.rotate(),
    });
  }

  private async rotate(): Promise<void> {
    const { rotation, logger } = this.options;
    const result = await rotation.rotate('schedule');
    if (result.rewrapped > 0 || result.remaining > 0) {
      logger.info(
        `Key rotation re-wrapped ${result.rewrapped} credential field(s) under ${result.primaryKeyId}; ${result.remaining} remain`,
      );
    }
  }
}
