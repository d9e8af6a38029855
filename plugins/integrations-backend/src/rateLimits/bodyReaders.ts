import { RateLimitFigure } from '@internal/plugin-integrations-common';

/** GA4's quota names and the windows they count in. */
const GA4_QUOTA_WINDOWS: Record<string, number | undefined> = {
  tokensPerDay: 86_400,
  tokensPerHour: 3_600,
  tokensPerProjectPerHour: 3_600,
  serverErrorsPerProjectPerHour: 3_600,
  potentiallyThresholdedRequestsPerHour: 3_600,
  // Requests in flight at once: no window.
  concurrentRequests: undefined,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * GA4 Data API's `propertyQuota`, returned by runReport when asked with
 * `returnPropertyQuota: true`: each quota as `{consumed, remaining}`.
 */
export function readGa4PropertyQuota(body: unknown): RateLimitFigure[] {
  if (!isRecord(body) || !isRecord(body.propertyQuota)) {
    return [];
  }
  return Object.entries(body.propertyQuota).flatMap(([name, status]) => {
    if (!isRecord(status) || typeof status.remaining !== 'number') {
      return [];
    }
    const consumed =
      typeof status.consumed === 'number' ? status.consumed : undefined;
    const windowSeconds = GA4_QUOTA_WINDOWS[name];
    return [
      {
        key: name,
        // Concurrent requests are a ceiling, not a spend: consumed is the
        // request itself, and the limit is what is free plus it.
        ...(consumed !== undefined
          ? { limit: consumed + status.remaining, used: consumed }
          : {}),
        remaining: status.remaining,
        ...(windowSeconds ? { windowSeconds } : {}),
        source: 'body' as const,
        field: `propertyQuota.${name}`,
      },
    ];
  });
}

/**
 * Telegram's Bot API refuses flooding with a 429 whose JSON says how long
 * to wait: `{"ok":false,"error_code":429,"parameters":{"retry_after":5}}`.
 */
export function readTelegramRetryAfter(body: unknown): number | undefined {
  if (!isRecord(body) || !isRecord(body.parameters)) {
    return undefined;
  }
  const retryAfter = body.parameters.retry_after;
  return typeof retryAfter === 'number' && retryAfter >= 0
    ? retryAfter
    : undefined;
}
