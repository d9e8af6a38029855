import {
  RateLimitForecast,
  RateLimitFigure,
} from '@internal/plugin-integrations-common';

const HOUR_MS = 3_600_000;

/** Running out within this long counts as critical. */
export const CRITICAL_WITHIN_MS = 3 * HOUR_MS;

/** A limit without a known reset is forecast over a day. */
const UNKNOWN_RESET_HORIZON_MS = 24 * HOUR_MS;

/**
 * When a limit runs out if calls go on at `callsPerMinute`: a warning when
 * that is before the window resets, critical when it is also within hours.
 */
export function forecastOf(
  figure: Pick<RateLimitFigure, 'remaining' | 'resetAt'>,
  callsPerMinute: number,
  now: Date,
): RateLimitForecast {
  const rate = Math.round(callsPerMinute * 100) / 100;
  const resetMs = figure.resetAt ? Date.parse(figure.resetAt) : undefined;
  const resetsInFuture = resetMs !== undefined && resetMs > now.getTime();
  if (figure.remaining === undefined) {
    return {
      status: 'ok',
      callsPerMinute: rate,
      message: 'The provider reports no remaining count for this limit',
    };
  }
  if (figure.remaining === 0) {
    return resetsInFuture
      ? {
          status: 'critical',
          callsPerMinute: rate,
          exhaustedAt: now.toISOString(),
          message: `Spent until ${figure.resetAt}`,
        }
      : {
          status: 'ok',
          callsPerMinute: rate,
          message: 'Spent at the last reading; the window has reset since',
        };
  }
  if (callsPerMinute <= 0) {
    return {
      status: 'ok',
      callsPerMinute: 0,
      message: 'No recent calls, so it does not run out',
    };
  }
  const exhaustedMs =
    now.getTime() + (figure.remaining / callsPerMinute) * 60_000;
  const exhaustedAt = new Date(exhaustedMs).toISOString();
  const horizon = resetsInFuture
    ? resetMs
    : now.getTime() + UNKNOWN_RESET_HORIZON_MS;
  if (exhaustedMs >= horizon) {
    return {
      status: 'ok',
      callsPerMinute: rate,
      exhaustedAt,
      message: resetsInFuture
        ? 'Lasts until it resets at the current rate'
        : 'Lasts more than a day at the current rate',
    };
  }
  const critical = exhaustedMs - now.getTime() <= CRITICAL_WITHIN_MS;
  return {
    status: critical ? 'critical' : 'warning',
    callsPerMinute: rate,
    exhaustedAt,
    message: `Runs out at ${exhaustedAt} at ${rate} calls a minute${
      resetsInFuture ? `, before it resets at ${figure.resetAt}` : ''
    }`,
  };
}

/**
 * Calls a minute that keep `buffer` (a fraction, as `rateLimitBuffer`) of
 * the tightest limit free, over the limits whose window is known.
 */
export function recommendedRequestRate(
  figures: Pick<RateLimitFigure, 'limit' | 'windowSeconds'>[],
  buffer: number,
): number | undefined {
  const rates = figures.flatMap(figure =>
    figure.limit !== undefined && figure.windowSeconds
      ? [(figure.limit * (1 - buffer)) / (figure.windowSeconds / 60)]
      : [],
  );
  if (!rates.length) {
    return undefined;
  }
  return Math.floor(Math.min(...rates) * 100) / 100;
}

/** Starts of the busiest hours, busiest first. */
export function peakTimes(
  hourly: { start: string; calls: number }[],
  count = 3,
): string[] {
  const byStart = new Map<string, number>();
  for (const { start, calls } of hourly) {
    byStart.set(start, (byStart.get(start) ?? 0) + calls);
  }
  return [...byStart]
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([start]) => start);
}

/** A window length as the spec writes it: `60s`, `15m`, `1h`, `1d`. */
export function windowLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The busiest hours of the day (UTC), busiest first, from hourly call counts. */
export function peakHours(
  hourly: { start: string; calls: number }[],
  count = 3,
): string[] {
  const byHour = new Array<number>(24).fill(0);
  for (const { start, calls } of hourly) {
    byHour[new Date(start).getUTCHours()] += calls;
  }
  return byHour
    .map((calls, hour) => ({ hour, calls }))
    .filter(({ calls }) => calls > 0)
    .sort((a, b) => b.calls - a.calls || a.hour - b.hour)
    .slice(0, count)
    .map(({ hour }) => `${String(hour).padStart(2, '0')}:00`);
}
