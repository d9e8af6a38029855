/**
 * Response times as counts in logarithmic buckets, the way DDSketch keeps
 * them: bucket `i` holds values in (γ^(i-1), γ^i], so any percentile read
 * back is within `RELATIVE_ACCURACY` of the true one. Histograms of minutes
 * merge into hours and days by adding counts, which is why percentiles of
 * any period are exact to that accuracy and never averages of percentiles.
 */

const GAMMA = 1.04;
const LOG_GAMMA = Math.log(GAMMA);

/** Every percentile read back is within 2 % of the true value. */
export const RELATIVE_ACCURACY = (GAMMA - 1) / (GAMMA + 1);

/** Durations at or below this (ms) share one bucket: clocks are not finer. */
const SMALLEST_MS = 0.01;
const SMALLEST_INDEX = Math.ceil(Math.log(SMALLEST_MS) / LOG_GAMMA);

/** Bucket index → count; sparse, as JSON stores it. */
export type LatencyHistogram = Record<string, number>;

export function bucketOf(durationMs: number): number {
  if (durationMs <= SMALLEST_MS) {
    return SMALLEST_INDEX;
  }
  return Math.ceil(Math.log(durationMs) / LOG_GAMMA);
}

/** The value that stands for a bucket: its edges' relative midpoint. */
export function representativeOf(index: number): number {
  if (index <= SMALLEST_INDEX) {
    return 0;
  }
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

export function addToHistogram(
  histogram: LatencyHistogram,
  durationMs: number,
  count = 1,
): void {
  const key = String(bucketOf(durationMs));
  histogram[key] = (histogram[key] ?? 0) + count;
}

export function mergeHistograms(
  into: LatencyHistogram,
  from: LatencyHistogram,
): LatencyHistogram {
  // A month of analytics merges tens of thousands of sketches: walk the
  // keys without building an entry array for each.
  for (const key in from) {
    if (Object.hasOwn(from, key)) {
      into[key] = (into[key] ?? 0) + from[key];
    }
  }
  return into;
}

/**
 * The `q` quantile (0–1): the value of rank ⌊q·(n−1)⌋ in sorted order, as
 * the brute-force definition has it, within RELATIVE_ACCURACY.
 */
export function quantileOf(
  histogram: LatencyHistogram,
  q: number,
): number | undefined {
  const buckets = Object.entries(histogram)
    .map(([key, count]) => [Number(key), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) {
    return undefined;
  }
  const rank = Math.floor(Math.min(Math.max(q, 0), 1) * (total - 1));
  let seen = 0;
  for (const [index, count] of buckets) {
    seen += count;
    if (seen > rank) {
      return representativeOf(index);
    }
  }
  return representativeOf(buckets[buckets.length - 1][0]);
}
