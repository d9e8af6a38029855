import { RateLimitUsage } from '../state/RateLimitWindow';

/** The RateLimit-* headers of the IETF draft, which newer APIs send. */
export function ietfRateLimitHeaders(usage: RateLimitUsage) {
  return {
    'RateLimit-Limit': String(usage.limit),
    'RateLimit-Remaining': String(usage.remaining),
    'RateLimit-Reset': String(usage.resetInSeconds),
  };
}
