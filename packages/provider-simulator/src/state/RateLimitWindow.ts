/** Where a provider's rate-limit window stands, as its headers report it. */
export interface RateLimitUsage {
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends, in ms since the epoch. */
  resetAt: number;
  /** Whole seconds until the window ends. */
  resetInSeconds: number;
}

/**
 * A fixed-window request counter, like the per-hour or per-15-minute windows
 * most providers count in. Windows are aligned to the epoch so that a fake
 * clock gives predictable resets.
 */
export class RateLimitWindow {
  private windowStart = 0;
  private used = 0;

  private limit: number;
  private windowMs: number;

  constructor(
    private readonly defaults: { limit: number; windowMs: number },
    private readonly now: () => number,
  ) {
    this.limit = defaults.limit;
    this.windowMs = defaults.windowMs;
  }

  /** Counts in a different window from now on, starting empty; none restores the provider's own. */
  configure(override?: { limit: number; windowMs: number }): void {
    this.limit = override?.limit ?? this.defaults.limit;
    this.windowMs = override?.windowMs ?? this.defaults.windowMs;
    this.windowStart = 0;
    this.used = 0;
  }

  /** Counts one request; false when the window's allowance was already spent. */
  take(): boolean {
    this.roll();
    if (this.used >= this.limit) {
      return false;
    }
    this.used += 1;
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
    };
  }

  private roll() {
    const windowStart = Math.floor(this.now() / this.windowMs) * this.windowMs;
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
  }
}
