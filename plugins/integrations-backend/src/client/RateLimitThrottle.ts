import { RateLimitReading } from '@internal/plugin-integrations-common';

/** What the throttle decided for one call. */
export type ThrottleDecision =
  /** Go now, after waiting this long (0 when there was room). */
  | { go: true; waitMs: number }
  /** Waiting for the window to reset would outlast the caller's budget. */
  | { go: false; retryAfterMs: number };

/** How often a held call looks again while no answer has reported the window yet. */
const UNKNOWN_RESET_POLL_MS = 100;

interface Window {
  limit: number;
  remaining: number;
  /** Epoch ms; unknown once the window the provider reported has ended. */
  resetAt?: number;
}

/**
 * Keeps a share of one integration's rate limit free: it counts calls
 * against the last limit the provider reported, and once only the buffer is
 * left it holds calls until the window resets. Reported figures win over the
 * count within a window only when they are lower, since answers to earlier
 * calls arrive while later ones are still in flight.
 */
export class RateLimitThrottle {
  private window?: Window;
  /** Calls let through and not yet finished. */
  private inFlight = 0;
  /**
   * Whether answers report the limit: until the first answer says, one call
   * at a time goes, so a burst cannot spend a limit nobody has seen yet.
   */
  private reporting: 'unknown' | 'yes' | 'no' = 'unknown';

  constructor(private readonly now: () => number = Date.now) {}

  /** Reserves one call, waiting (at most `budgetMs`) while only the buffer is left. */
  async acquire(options: {
    /** The share of the limit to keep free, 0 to 0.9. */
    buffer: number;
    budgetMs: number;
    sleep: (ms: number) => Promise<void>;
  }): Promise<ThrottleDecision> {
    let waited = 0;
    for (;;) {
      const wait = this.waitNeeded(options.buffer);
      if (wait === 0) {
        if (this.window) {
          this.window.remaining -= 1;
        }
        this.inFlight += 1;
        return { go: true, waitMs: waited };
      }
      if (waited + wait > options.budgetMs) {
        return { go: false, retryAfterMs: wait };
      }
      await options.sleep(wait);
      waited += wait;
    }
  }

  /** A call let through has finished, answered or not. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /**
   * Takes in what an answer said of the limit. The other calls in flight
   * may not be counted in it yet, so they are taken off what it says is left.
   */
  observe(reading: RateLimitReading | undefined): void {
    if (!reading || reading.limit === undefined) {
      if (this.reporting === 'unknown') {
        this.reporting = 'no';
      }
      return;
    }
    this.reporting = 'yes';
    const resetAt = reading.resetAt ? Date.parse(reading.resetAt) : undefined;
    const others = Math.max(0, this.inFlight - 1);
    const remaining = Math.max(
      0,
      (reading.remaining ?? reading.limit) - others,
    );
    const sameWindow =
      this.window !== undefined &&
      this.window.resetAt !== undefined &&
      resetAt !== undefined &&
      Math.abs(this.window.resetAt - resetAt) < 1000;
    this.window = {
      limit: reading.limit,
      remaining: sameWindow
        ? Math.min(this.window!.remaining, remaining)
        : remaining,
      resetAt,
    };
  }

  /** A 429 with Retry-After: nothing is left until then, whatever the count says. */
  refusedFor(retryAfterMs: number): void {
    this.window = {
      limit: this.window?.limit ?? 1,
      remaining: 0,
      resetAt: this.now() + retryAfterMs,
    };
  }

  private waitNeeded(buffer: number): number {
    const window = this.window;
    if (!window) {
      return this.reporting === 'unknown' && this.inFlight > 0
        ? UNKNOWN_RESET_POLL_MS
        : 0;
    }
    const now = this.now();
    if (window.resetAt !== undefined && window.resetAt <= now) {
      // A new window: count from the full limit until an answer reports it.
      this.window = { limit: window.limit, remaining: window.limit };
      return 0;
    }
    // At least one call per window goes through, whatever the buffer.
    const kept = Math.min(Math.ceil(window.limit * buffer), window.limit - 1);
    if (window.remaining > kept) {
      return 0;
    }
    // The count says the buffer is reached in a window whose end is not
    // known yet: the answers in flight will tell.
    return window.resetAt === undefined
      ? UNKNOWN_RESET_POLL_MS
      : window.resetAt - now;
  }
}
