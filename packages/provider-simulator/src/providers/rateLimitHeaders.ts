import { RateLimitUsage } from '../state/RateLimitWindow';

/** The RateLimit-* headers of the IETF draft, which newer APIs send. */
export function ietfRateLimitHeaders(usage: RateLimitUsage) {
  return {
    'RateLimit-Limit': String(usage.limit),
    'RateLimit-Remaining': String(usage.remaining),
    'RateLimit-Reset': String(usage.resetInSeconds),
  };
}

/**
 * The current draft's RFC 9651 structured fields: the policy's quota and
 * window, and what remains of it with the seconds until it resets.
 */
export function ietfStructuredRateLimitHeaders(usage: RateLimitUsage) {
  return {
    'RateLimit-Policy': `"default";q=${usage.limit};w=${usage.windowSeconds}`,
    RateLimit: `"default";r=${usage.remaining};t=${usage.resetInSeconds}`,
  };
}
