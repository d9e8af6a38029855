import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';

type PluginTask = { id: string; failure: string; run: () => Promise<unknown> };

/**
 * The way the plugin schedules most of its background work: once across all
 * replicas (`scope: 'global'`), and a failed run thrown on to the scheduler,
 * which logs it, wrapped so the log says which task failed.
 */
export async function scheduleGlobalTask(
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  task: PluginTask,
): Promise<void> {
  await scheduleTask(scheduler, schedule, task, 'global');
}

/**
 * The same on every replica (`scope: 'local'`), for work the replicas share
 * out among themselves through claims in the database.
 */
export async function scheduleLocalTask(
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  task: PluginTask,
): Promise<void> {
  await scheduleTask(scheduler, schedule, task, 'local');
}

async function scheduleTask(
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  task: PluginTask,
  scope: 'global' | 'local',
): Promise<void> {
  await scheduler.scheduleTask({
    id: task.id,
    ...schedule,
    scope,
    fn: async () => {
      try {
        await task.run();
      } catch (error) {
        throw new ForwardedError(task.failure, error);
      }
    },
  });
}
