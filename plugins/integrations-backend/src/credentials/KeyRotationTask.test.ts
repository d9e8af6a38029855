import { mockServices } from '@backstage/backend-test-utils';
import { ForwardedError } from '@backstage/errors';
import { KeyRotationService } from './KeyRotationService';
import { KeyRotationTask } from './KeyRotationTask';

describe('KeyRotationTask', () => {
  const schedule = {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
  };

  function startTask(rotate: KeyRotationService['rotate']) {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    const task = new KeyRotationTask({
      rotation: { rotate } as KeyRotationService,
      logger,
    });
    return { scheduler, logger, started: task.start(scheduler, schedule) };
  }

  it('runs once across replicas on the given schedule', async () => {
    const rotate = jest.fn(async () => ({
      primaryKeyId: 'k2',
      rewrapped: 3,
      remaining: 0,
    })) as unknown as KeyRotationService['rotate'];
    const { scheduler, logger, started } = startTask(rotate);
    await started;

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'integrations-key-rotation',
        scope: 'global',
        ...schedule,
      }),
    );
    const [{ fn }] = scheduler.scheduleTask.mock.calls[0];
    await fn(new AbortController().signal);
    expect(rotate).toHaveBeenCalledWith('schedule');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('re-wrapped 3 credential field(s) under k2'),
    );
  });

  it('hands a failed run to the scheduler as a forwarded error', async () => {
    const { scheduler, started } = startTask(async () => {
      throw new Error('the database is gone');
    });
    await started;

    const [{ fn }] = scheduler.scheduleTask.mock.calls[0];
    const run = fn(new AbortController().signal);
    await expect(run).rejects.toBeInstanceOf(ForwardedError);
    await expect(run).rejects.toThrow(/the database is gone/);
  });
});
