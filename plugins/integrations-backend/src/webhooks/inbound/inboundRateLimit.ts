/** `integrations.webhooks.inbound.rateLimit`: what one integration may send. */
export interface InboundRateLimit {
  /** Webhooks per second, sustained. */
  perSecond: number;
  /** Webhooks at once after a quiet spell. */
  burst: number;
}

export const DEFAULT_INBOUND_RATE_LIMIT: InboundRateLimit = {
  perSecond: 50,
  burst: 100,
};

/** Integrations followed at once; the longest idle one is forgotten beyond. */
const MAX_TRACKED = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per integration, so one sender's flood (or a forged one
 * under its name) cannot crowd out the others. Per replica: a limit, not
 * an exact quota.
 */
export class InboundRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: InboundRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token; when none is left, the seconds until one is. */
  take(
    integration: string,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const { perSecond, burst } = this.limit;
    const bucket = this.buckets.get(integration) ?? { tokens: burst, at: now };
    const tokens = Math.min(
      burst,
      bucket.tokens + ((now - bucket.at) / 1000) * perSecond,
    );
    // Re-inserted, so the map's first key is always the longest idle one.
    this.buckets.delete(integration);
    if (tokens < 1) {
      this.buckets.set(integration, { tokens, at: now });
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)),
      };
    }
    this.buckets.set(integration, { tokens: tokens - 1, at: now });
    if (this.buckets.size > MAX_TRACKED) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    return { allowed: true };
  }
}
