/** Where a provider's rate-limit window stands, as its headers report it. */
export interface RateLimitUsage {
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends, in ms since the epoch. */
  resetAt: number;
  /** Whole seconds until the window ends. */
  resetInSeconds: number;
  /** Length of the window. */
  windowSeconds: number;
  /** The 24-hour cap counted beside the window, for providers that have one (X). */
  day?: RateLimitUsage;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fixed-window request counter, like the per-hour or per-15-minute windows
 * most providers count in. Windows are aligned to the epoch so that a fake
 * clock gives predictable resets.
 */
export class RateLimitWindow {
  private windowStart = 0;
  private used = 0;
  private readonly day?: RateLimitWindow;

  private limit: number;
  private windowMs: number;

  constructor(
    private readonly defaults: { limit: number; windowMs: number },
    private readonly now: () => number,
    dailyLimit?: number,
  ) {
    this.limit = defaults.limit;
    this.windowMs = defaults.windowMs;
    this.day =
      dailyLimit === undefined
        ? undefined
        : new RateLimitWindow({ limit: dailyLimit, windowMs: DAY_MS }, now);
  }

  /** Counts in a different window from now on, starting empty; none restores the provider's own. */
  configure(override?: { limit: number; windowMs: number }): void {
    this.limit = override?.limit ?? this.defaults.limit;
    this.windowMs = override?.windowMs ?? this.defaults.windowMs;
    this.windowStart = 0;
    this.used = 0;
  }

  /** Counts one request; false when the window's (or the day's) allowance was already spent. */
  take(): boolean {
    this.roll();
    if (this.used >= this.limit || this.day?.usage().remaining === 0) {
      return false;
    }
    this.used += 1;
    this.day?.take();
    return true;
  }

  usage(): RateLimitUsage {
    this.roll();
    const resetAt = this.windowStart + this.windowMs;
    return {
      limit: this.limit,
      used: this.used,
      remaining: this.limit - this.used,
      resetAt,
      resetInSeconds: Math.ceil((resetAt - this.now()) / 1000),
      windowSeconds: this.windowMs / 1000,
      ...(this.day ? { day: this.day.usage() } : {}),
    };
  }

  /** Spends the window down to `remaining`, as heavy traffic from elsewhere would. */
  spendTo(remaining: number): void {
    this.roll();
    this.used = Math.max(0, this.limit - remaining);
  }

  reset(): void {
    this.used = 0;
    this.day?.reset();
  }

  private roll() {
    const windowStart = Math.floor(this.now() / this.windowMs) * this.windowMs;
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
  }
}
