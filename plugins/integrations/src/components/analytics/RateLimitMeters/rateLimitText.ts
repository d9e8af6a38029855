import { RateLimitWindowStatus } from '@internal/plugin-integrations-common';
import { formatCount, fromNow, utcClock } from '../analyticsData';

export const SOURCE_LABELS: Record<RateLimitWindowStatus['source'], string> = {
  header: 'header',
  body: 'response body',
  catalog: 'provider catalog',
  observed: 'counted calls',
};

/** "header x-ratelimit-remaining"; a catalog limit counted against calls says both. */
export function sourceLabel(window: RateLimitWindowStatus): string {
  const source = `${SOURCE_LABELS[window.source]} ${window.field}`;
  return window.remainingSource && window.remainingSource !== window.source
    ? `${source}, remaining from ${SOURCE_LABELS[window.remainingSource]}`
    : source;
}

/**
 * "12 calls a minute", "2.5 calls a minute"; under one a minute, per hour
 * ("16 calls an hour"), which reads better than a fraction.
 */
export function callsAMinute(rate: number): string {
  const per = (figure: string, unit: string) =>
    `${figure} ${figure === '1' ? 'call' : 'calls'} ${unit}`;
  if (rate >= 10) {
    return per(formatCount(rate), 'a minute');
  }
  if (rate >= 1) {
    return per(String(Math.round(rate * 10) / 10), 'a minute');
  }
  const hourly = rate * 60;
  return per(
    hourly >= 1
      ? formatCount(Math.floor(hourly))
      : String(Number(hourly.toPrecision(1))),
    'an hour',
  );
}

/** "in 19 minutes"; a reset already past says so, the reading being older. */
export function resetText(resetTime: string | undefined, now: Date): string {
  if (!resetTime) {
    return '—';
  }
  return Date.parse(resetTime) > now.getTime()
    ? fromNow(resetTime, now)
    : `reset ${fromNow(resetTime, now)}`;
}

/** When the limit runs out, said against its reset, in the reader's words. */
export function forecastText(window: RateLimitWindowStatus, now: Date): string {
  const { forecast } = window;
  if (!forecast.exhaustedAt || forecast.status === 'ok') {
    return forecast.message;
  }
  if (window.remaining === 0) {
    return window.resetTime
      ? `Spent until ${utcClock(window.resetTime, now)}`
      : 'Spent';
  }
  const runsOut = `Runs out ${fromNow(forecast.exhaustedAt, now)} (${utcClock(
    forecast.exhaustedAt,
    now,
  )}) at ${callsAMinute(forecast.callsPerMinute)}`;
  return window.resetTime ? `${runsOut}, before it resets` : runsOut;
}
