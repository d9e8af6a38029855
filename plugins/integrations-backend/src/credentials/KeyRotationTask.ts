import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { KeyRotationService } from './KeyRotationService';

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
    await scheduler.scheduleTask({
      id: 'integrations-key-rotation',
      ...schedule,
      scope: 'global',
      fn: async () => {
        try {
          await this.rotate();
        } catch (error) {
          throw new ForwardedError('Key rotation failed', error);
        }
      },
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
