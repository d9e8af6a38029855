import { RequestHandler, Response } from 'express';
import { SimulatedProvider } from '../providers/types';
import { RateLimitUsage, RateLimitWindow } from '../state/RateLimitWindow';
import { sendReply } from './reply';

/** The usage a provider reports while it refuses requests. */
export function exhausted(usage: RateLimitUsage): RateLimitUsage {
  return { ...usage, used: usage.limit, remaining: 0 };
}

/** Retry-After as seconds, or as the HTTP date that many seconds from now. */
export function retryAfterValue(
  seconds: number,
  format: 'seconds' | 'http-date',
  now: number,
): string {
  return format === 'http-date'
    ? new Date(now + seconds * 1000).toUTCString()
    : String(seconds);
}

export function sendRateLimited(
  res: Response,
  provider: SimulatedProvider,
  retryAfterSeconds: number | undefined,
  usage: RateLimitUsage,
  retryAfter: { format: 'seconds' | 'http-date'; now: number } = {
    format: 'seconds',
    now: Date.now(),
  },
): void {
  const reply = provider.errors.rateLimited(retryAfterSeconds);
  res.set(provider.rateLimit.headers?.(usage) ?? {});
  // Providers that refuse with another status, like GitHub's 403, add Retry-After themselves if at all.
  if (reply.status === 429) {
    res.set(
      'Retry-After',
      retryAfterValue(
        retryAfterSeconds ?? 1,
        retryAfter.format,
        retryAfter.now,
      ),
    );
  }
  sendReply(res, reply);
}

/**
 * Counts the request in the provider's window and reports the window in the
 * provider's headers, or refuses the request once the window is spent.
 */
export function countAgainstRateLimit(
  provider: SimulatedProvider,
  window: RateLimitWindow,
  retryAfter: () => { format: 'seconds' | 'http-date'; now: number },
): RequestHandler {
  return (req, res, next) => {
    const counted = !provider.rateLimit.exempt?.(req);
    if (counted && !window.take()) {
      const usage = window.usage();
      // A spent day outlasts the window: the wait is until the day resets.
      const wait =
        usage.remaining > 0 && usage.day
          ? usage.day.resetInSeconds
          : usage.resetInSeconds;
      sendRateLimited(res, provider, wait, exhausted(usage), retryAfter());
      return;
    }
    res.set(provider.rateLimit.headers?.(window.usage()) ?? {});
    next();
  };
}
