import {
  RateLimitForecast,
  RateLimitSource,
  RateLimitStatus,
} from '@internal/plugin-integrations-common';

/** One limit, as far as a job about to start may use it. */
export interface LimitHeadroom {
  key: string;
  limit?: number;
  remaining?: number;
  /** Calls the integration's rate-limit buffer keeps free for everyone else. */
  reserved: number;
  /** Calls a job may make before the reset: remaining less the buffer. */
  available?: number;
  resetTime?: string;
  window?: string;
  source: RateLimitSource;
  forecast: RateLimitForecast;
  /** Whether the planned calls fit in this limit; absent without a plan or a count. */
  fits?: boolean;
}

export interface QuotaHeadroom {
  limits: LimitHeadroom[];
  /** Percent of each limit kept free: the configuration's `rateLimitBuffer`. */
  bufferPercent: number;
  /** Calls a minute that keep the buffer free, when a window is known. */
  recommendedRequestRate?: number;
  /**
   * Whether the planned calls fit in every limit whose remaining count is
   * known; absent without a plan, or when no limit is known.
   */
  fits?: boolean;
  /** What to do, in one or two sentences. */
  advice: string;
}

/**
 * How much of its rate limits an integration has left for a job, from what
 * `GET /rate-limits` reports: each limit's remaining calls less the share its
 * buffer keeps free, the tightest first, and whether `plannedCalls` fit.
 */
export function quotaHeadroom(
  status: RateLimitStatus,
  plannedCalls?: number,
): QuotaHeadroom {
  const optimization = status.rateLimitOptimization;
  const bufferPercent = optimization.bufferRecommendation;
  const limits: LimitHeadroom[] = Object.entries(status.rateLimits)
    .map(([key, window]) => {
      const reserved =
        window.limit !== undefined
          ? Math.ceil((window.limit * bufferPercent) / 100)
          : 0;
      const available =
        window.remaining !== undefined
          ? Math.max(0, window.remaining - reserved)
          : undefined;
      return {
        key,
        ...(window.limit !== undefined ? { limit: window.limit } : {}),
        ...(window.remaining !== undefined
          ? { remaining: window.remaining }
          : {}),
        reserved,
        ...(available !== undefined ? { available } : {}),
        ...(window.resetTime ? { resetTime: window.resetTime } : {}),
        ...(window.window ? { window: window.window } : {}),
        source: window.remainingSource ?? window.source,
        forecast: window.forecast,
        ...(plannedCalls !== undefined && available !== undefined
          ? { fits: plannedCalls <= available }
          : {}),
      };
    })
    .sort(
      (a, b) =>
        (a.available ?? Infinity) - (b.available ?? Infinity) ||
        a.key.localeCompare(b.key),
    );
  const counted = limits.filter(limit => limit.available !== undefined);
  const rate = optimization.recommendedRequestRate;
  const base = {
    limits,
    bufferPercent,
    ...(rate !== undefined ? { recommendedRequestRate: rate } : {}),
  };
  if (counted.length === 0) {
    return {
      ...base,
      advice: `No remaining count is known for ${status.integration} (${status.environment}): the provider reported none and the catalog lists no limit. Start slowly and stop on HTTP 429.`,
    };
  }
  const tightest = counted[0];
  const until = tightest.resetTime
    ? ` until it resets at ${tightest.resetTime}`
    : '';
  const spending =
    tightest.forecast.status === 'ok' ? '' : ` ${tightest.forecast.message}.`;
  const headroom = `${tightest.available} calls available in ${tightest.key}${until} (${tightest.remaining} remaining, ${tightest.reserved} kept free by the ${bufferPercent} % buffer).`;
  if (plannedCalls === undefined) {
    return { ...base, advice: `The tightest limit has ${headroom}${spending}` };
  }
  const blocking = counted.filter(limit => !limit.fits);
  if (blocking.length === 0) {
    return {
      ...base,
      fits: true,
      advice: `${plannedCalls} calls fit: the tightest limit has ${headroom}${spending}`,
    };
  }
  const first = blocking[0];
  const pace =
    rate !== undefined
      ? `, or spread the job at ${rate} calls a minute at most`
      : '';
  return {
    ...base,
    fits: false,
    advice: `${plannedCalls} calls do not fit in ${blocking
      .map(limit => limit.key)
      .join(', ')}: ${first.key} has ${first.available} calls available${
      first.resetTime ? ` until ${first.resetTime}` : ''
    }. Make at most ${first.available} now and the rest ${
      first.resetTime ? 'after the reset' : 'as its window frees up'
    }${pace}.`,
  };
}
