import { RateLimitThrottle } from './RateLimitThrottle';

describe('RateLimitThrottle', () => {
  let now = 1_000_000;
  const clock = () => now;
  const advance = async (ms: number) => {
    now += ms;
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets one call through until an answer says whether the provider reports a limit', async () => {
    const throttle = new RateLimitThrottle(clock);
    const first = await throttle.acquire({
      buffer: 0.1,
      budgetMs: 5_000,
      sleep: advance,
    });
    expect(first).toEqual({ go: true, waitMs: 0 });

    const second = await throttle.acquire({
      buffer: 0.1,
      budgetMs: 5_000,
      sleep: async ms => {
        now += ms;
        // The first call's answer arrives, without rate-limit headers.
        throttle.observe(undefined);
      },
    });
    expect(second).toEqual({ go: true, waitMs: 100 });

    throttle.release();
    throttle.release();
    // Known not to report: calls are no longer held.
    await Promise.all(
      [1, 2, 3].map(async () =>
        expect(
          await throttle.acquire({ buffer: 0.1, budgetMs: 0, sleep: advance }),
        ).toEqual({ go: true, waitMs: 0 }),
      ),
    );
  });

  it('holds calls once only the buffer is left, until the window resets', async () => {
    const throttle = new RateLimitThrottle(clock);
    await throttle.acquire({ buffer: 0.2, budgetMs: 5_000, sleep: advance });
    throttle.observe({
      limit: 10,
      remaining: 3,
      resetAt: new Date(now + 2_000).toISOString(),
    });
    throttle.release();

    expect(
      await throttle.acquire({ buffer: 0.2, budgetMs: 5_000, sleep: advance }),
    ).toEqual({ go: true, waitMs: 0 });
    // 2 of 10 stay free: the next call waits for the reset.
    expect(
      await throttle.acquire({ buffer: 0.2, budgetMs: 5_000, sleep: advance }),
    ).toEqual({ go: true, waitMs: 2_000 });
  });

  it('answers with the wait instead when it would outlast the call', async () => {
    const throttle = new RateLimitThrottle(clock);
    await throttle.acquire({ buffer: 0.1, budgetMs: 5_000, sleep: advance });
    throttle.observe({
      limit: 5000,
      remaining: 0,
      resetAt: new Date(now + 60_000).toISOString(),
    });
    throttle.release();
    expect(
      await throttle.acquire({ buffer: 0.1, budgetMs: 5_000, sleep: advance }),
    ).toEqual({ go: false, retryAfterMs: 60_000 });
  });

  it('takes the calls still in flight off what an answer reports', async () => {
    const throttle = new RateLimitThrottle(clock);
    await throttle.acquire({ buffer: 0, budgetMs: 0, sleep: advance });
    throttle.observe({
      limit: 10,
      remaining: 9,
      resetAt: new Date(now + 1_000).toISOString(),
    });
    for (let i = 0; i < 5; i++) {
      await throttle.acquire({ buffer: 0, budgetMs: 0, sleep: advance });
    }
    // An answer of the first of six calls in flight: five more may be counted after it.
    throttle.observe({
      limit: 10,
      remaining: 8,
      resetAt: new Date(now + 1_000).toISOString(),
    });
    const allowed = [];
    for (let i = 0; i < 10; i++) {
      allowed.push(
        await throttle.acquire({ buffer: 0, budgetMs: 0, sleep: advance }),
      );
    }
    expect(allowed.filter(decision => decision.go)).toHaveLength(3);
  });
});
