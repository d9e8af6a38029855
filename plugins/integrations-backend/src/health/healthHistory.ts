import {
  HealthHistoryPoint,
  HealthRange,
} from '@internal/plugin-integrations-common';
import { HealthRollup } from './HealthStore';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far back each chart range reaches. */
export const RANGE_MS: Record<HealthRange, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

/** Chart buckets per range: hours for a day, six hours for a week, days for a month. */
const BUCKET_MS: Record<HealthRange, number> = {
  '24h': HOUR_MS,
  '7d': 6 * HOUR_MS,
  '30d': DAY_MS,
};

/** The start of the oldest bucket of a range ending now. */
export function firstBucketOf(range: HealthRange, now: number): number {
  const bucketMs = BUCKET_MS[range];
  return Math.floor((now - RANGE_MS[range]) / bucketMs) * bucketMs + bucketMs;
}

/** One integration's hourly rollups regrouped into the range's buckets, oldest first. */
export function historyPoints(
  rollups: HealthRollup[],
  range: HealthRange,
  now: number,
): HealthHistoryPoint[] {
  const bucketMs = BUCKET_MS[range];
  const firstBucket = firstBucketOf(range, now);
  const buckets = Math.ceil((now - firstBucket + 1) / bucketMs);
  const points: HealthHistoryPoint[] = [];
  for (let i = 0; i < buckets; i++) {
    const start = firstBucket + i * bucketMs;
    const inBucket = rollups.filter(r => {
      const at = Date.parse(r.bucketStart);
      return at >= start && at < start + bucketMs;
    });
    const checks = inBucket.reduce((s, r) => s + r.checks, 0);
    const failures = inBucket.reduce((s, r) => s + r.failures, 0);
    const responses = inBucket.reduce((s, r) => s + r.responseMsCount, 0);
    const maxes = inBucket
      .map(r => r.responseMsMax)
      .filter((m): m is number => m !== null);
    points.push({
      at: new Date(start).toISOString(),
      checks,
      failures,
      averageResponseMs:
        responses === 0
          ? null
          : Math.round(
              inBucket.reduce((s, r) => s + r.responseMsSum, 0) / responses,
            ),
      maxResponseMs: maxes.length ? Math.max(...maxes) : null,
      uptime:
        checks === 0
          ? null
          : Math.round(((checks - failures) / checks) * 10_000) / 100,
    });
  }
  return points;
}
