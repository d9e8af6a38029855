import { RequestHandler, Response } from 'express';
import { SimulatedProvider } from '../providers/types';
import { RateLimitUsage, RateLimitWindow } from '../state/RateLimitWindow';
import { sendReply } from './reply';

/** The usage a provider reports while it refuses requests. */
export function exhausted(usage: RateLimitUsage): RateLimitUsage {
  return { ...usage, used: usage.limit, remaining: 0 };
}

export function sendRateLimited(
  res: Response,
  provider: SimulatedProvider,
  retryAfterSeconds: number | undefined,
  usage: RateLimitUsage,
): void {
  const reply = provider.errors.rateLimited(retryAfterSeconds);
  res.set(provider.rateLimit.headers?.(usage) ?? {});
  // Providers that refuse with another status, like GitHub's 403, add Retry-After themselves if at all.
  if (reply.status === 429) {
    res.set('Retry-After', String(retryAfterSeconds ?? 1));
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
): RequestHandler {
  return (req, res, next) => {
    const counted = !provider.rateLimit.exempt?.(req);
    if (counted && !window.take()) {
      const usage = window.usage();
      sendRateLimited(res, provider, usage.resetInSeconds, exhausted(usage));
      return;
    }
    res.set(provider.rateLimit.headers?.(window.usage()) ?? {});
    next();
  };
}
