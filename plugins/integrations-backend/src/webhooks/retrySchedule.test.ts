import { DEFAULT_WEBHOOK_DELIVERY_SETTINGS } from '@internal/plugin-integrations-common';
import { nextAttemptAt, retryDelaysSeconds } from './retrySchedule';

const now = new Date('2026-12-07T10:00:00Z');
const secondsAfterNow = (date: Date | undefined) =>
  date && (date.getTime() - now.getTime()) / 1000;

describe('the retry schedule', () => {
  it('is the Standard Webhooks schedule by default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    expect(retryDelaysSeconds(DEFAULT_WEBHOOK_DELIVERY_SETTINGS)).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 36000,
    ]);
  });

  it('scales to a first delay, repeats its last step and caps every delay', () => {
    expect(
      retryDelaysSeconds({
        retryAttempts: 9,
        retryDelaySeconds: 10,
        maxRetryDelay: 50_000,
      }),
    ).toEqual([10, 600, 3600, 14400, 36000, 50000, 50000, 50000, 50000]);
  });

  it('waits the scheduled delay, moved by at most a tenth either way', () => {
    const settings = DEFAULT_WEBHOOK_DELIVERY_SETTINGS;
    expect(
      secondsAfterNow(nextAttemptAt(settings, 1, now, { random: () => 0.5 })),
    ).toBe(5);
    expect(
      secondsAfterNow(nextAttemptAt(settings, 2, now, { random: () => 0 })),
    ).toBe(270);
    expect(
      secondsAfterNow(nextAttemptAt(settings, 2, now, { random: () => 1 })),
    ).toBe(330);
    expect(
      secondsAfterNow(nextAttemptAt(settings, 7, now, { random: () => 0.5 })),
    ).toBe(36000);
  });

  it('gives up after the last retry', () => {
    expect(
      nextAttemptAt(DEFAULT_WEBHOOK_DELIVERY_SETTINGS, 8, now),
    ).toBeUndefined();
  });

  it("waits as long as a receiver's Retry-After asks, up to the maximum delay", () => {
    const settings = {
      ...DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
      maxRetryDelay: 600,
    };
    expect(
      secondsAfterNow(
        nextAttemptAt(settings, 1, now, { retryAfterSeconds: 120 }),
      ),
    ).toBe(120);
    expect(
      secondsAfterNow(
        nextAttemptAt(settings, 1, now, { retryAfterSeconds: 7200 }),
      ),
    ).toBe(600);
  });
});
