import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { KeyRotationService } from './KeyRotationService';

/** Runs the key rotation on a schedule, once across all backend replicas. */
export class KeyRotationTask {
  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      rotation: KeyRotationService;
      logger: LoggerService;
    },
  ) {}

  async start(): Promise<void> {
    const { scheduler, schedule, rotation, logger } = this.options;
    await scheduler.scheduleTask({
      id: 'integrations-key-rotation',
      scope: 'global',
      ...schedule,
      fn: async () => {
        const result = await rotation.rotate('schedule');
        if (result.rewrapped > 0 || result.remaining > 0) {
          logger.info(
            `Key rotation re-wrapped ${result.rewrapped} credential field(s) under ${result.primaryKeyId}; ${result.remaining} remain`,
          );
        }
      },
    });
  }
}
