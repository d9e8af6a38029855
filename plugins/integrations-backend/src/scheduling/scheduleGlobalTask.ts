import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';

/**
 * The one way the plugin schedules its background work: once across all
 * replicas (`scope: 'global'`), and a failed run thrown on to the scheduler,
 * which logs it, wrapped so the log says which task failed.
 */
export async function scheduleGlobalTask(
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  task: { id: string; failure: string; run: () => Promise<unknown> },
): Promise<void> {
  await scheduler.scheduleTask({
    id: task.id,
    ...schedule,
    scope: 'global',
    fn: async () => {
      try {
        await task.run();
      } catch (error) {
        throw new ForwardedError(task.failure, error);
      }
    },
  });
}
