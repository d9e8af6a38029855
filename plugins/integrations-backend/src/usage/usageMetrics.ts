import {
  DateRange,
  IntegrationUsageMetrics,
  ResponseTimeBar,
  UsageHeatCell,
  UsageTimePoint,
} from '@internal/plugin-integrations-common';
import {
  LatencyHistogram,
  mergeHistograms,
  quantileOf,
  representativeOf,
} from './latencyHistogram';
import { StoredRollup } from './UsageRollupStore';

const DAY_MS = 86_400_000;

/** Milliseconds rounded to one decimal: finer says nothing about a network call. */
function ms(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;
}

function endpointName(rollup: StoredRollup): string {
  return `${rollup.method} ${rollup.endpoint}`;
}

/**
 * The spec's IntegrationUsageMetrics of one integration: sums, percentiles,
 * errors and the largest transfer from `totals` (its total rows, or every
 * endpoint row), the slowest endpoint and who made the largest transfer from
 * `endpoints` (which may be sums over the whole period).
 */
export function usageMetricsOf(
  integration: string,
  period: DateRange,
  totals: StoredRollup[],
  endpoints: StoredRollup[] = totals,
): IntegrationUsageMetrics {
  let calls = 0;
  let failed = 0;
  let durationSum = 0;
  let requestBytes = 0;
  let responseBytes = 0;
  const latency: LatencyHistogram = {};
  const errors: Record<string, number> = {};
  const lastError: Record<string, string> = {};
  const callsAt = new Map<string, number>();
  const byEndpoint = new Map<string, { calls: number; durationSum: number }>();
  let largest: IntegrationUsageMetrics['dataTransferMetrics']['largestTransfer'] =
    null;

  for (const rollup of totals) {
    calls += rollup.calls;
    failed += rollup.failed;
    durationSum += rollup.durationSumMs;
    requestBytes += rollup.requestBytes;
    responseBytes += rollup.responseBytes;
    mergeHistograms(latency, rollup.latency);
    for (const [type, count] of Object.entries(rollup.errors)) {
      errors[type] = (errors[type] ?? 0) + count;
      if (!lastError[type] || rollup.start > lastError[type]) {
        lastError[type] = rollup.start;
      }
    }
    callsAt.set(rollup.start, (callsAt.get(rollup.start) ?? 0) + rollup.calls);
    if (
      rollup.largestTransferAt &&
      rollup.largestTransfer > (largest?.size ?? 0)
    ) {
      largest = {
        endpoint: endpointName(rollup),
        size: rollup.largestTransfer,
        timestamp: rollup.largestTransferAt,
      };
    }
  }
  for (const rollup of endpoints) {
    const endpoint = byEndpoint.get(endpointName(rollup)) ?? {
      calls: 0,
      durationSum: 0,
    };
    endpoint.calls += rollup.calls;
    endpoint.durationSum += rollup.durationSumMs;
    byEndpoint.set(endpointName(rollup), endpoint);
  }
  // A total row knows when the largest transfer was; the endpoint whose own
  // largest is that size made it.
  const maker =
    largest &&
    endpoints.find(rollup => rollup.largestTransfer === largest!.size);
  if (largest && maker) {
    largest.endpoint = endpointName(maker);
  }

  const peak = [...callsAt.entries()].reduce<[string, number] | undefined>(
    (best, entry) => (!best || entry[1] > best[1] ? entry : best),
    undefined,
  );
  const slowest = [...byEndpoint.entries()]
    .filter(([, endpoint]) => endpoint.calls > 0)
    .map(([endpoint, { calls: n, durationSum: sum }]) => ({
      endpoint,
      averageTime: sum / n,
    }))
    .reduce<{ endpoint: string; averageTime: number } | undefined>(
      (worst, endpoint) =>
        !worst || endpoint.averageTime > worst.averageTime ? endpoint : worst,
      undefined,
    );
  const commonest = Object.entries(errors).reduce<[string, number] | undefined>(
    (best, entry) => (!best || entry[1] > best[1] ? entry : best),
    undefined,
  );
  const days = Math.max(
    (Date.parse(period.end) - Date.parse(period.start)) / DAY_MS,
    1 / 24,
  );

  return {
    integration,
    period,
    apiCallMetrics: {
      totalCalls: calls,
      successfulCalls: calls - failed,
      failedCalls: failed,
      averageDailyUsage: Math.round((calls / days) * 10) / 10,
      peakUsage: peak ? { date: peak[0], calls: peak[1] } : null,
    },
    responseTimeMetrics: {
      averageResponseTime: calls ? ms(durationSum / calls) : null,
      p50ResponseTime: ms(quantileOf(latency, 0.5)),
      p95ResponseTime: ms(quantileOf(latency, 0.95)),
      p99ResponseTime: ms(quantileOf(latency, 0.99)),
      slowestEndpoint: slowest
        ? { endpoint: slowest.endpoint, averageTime: ms(slowest.averageTime)! }
        : null,
    },
    errorMetrics: {
      errorRate: percent(failed, calls),
      errorsByType: errors,
      mostCommonError: commonest
        ? {
            type: commonest[0],
            count: commonest[1],
            lastOccurrence: lastError[commonest[0]],
          }
        : null,
    },
    dataTransferMetrics: {
      totalDataTransferred: requestBytes + responseBytes,
      averageRequestSize: calls ? Math.round(requestBytes / calls) : 0,
      averageResponseSize: calls ? Math.round(responseBytes / calls) : 0,
      largestTransfer: largest,
    },
  };
}

/** Calls, failures and latency of one bucket across integrations. */
export interface BucketTotals {
  calls: number;
  failed: number;
  latency: LatencyHistogram;
}

/** The given rollups added up per bucket, by start. */
export function bucketTotalsOf(
  rollups: StoredRollup[],
): Map<string, BucketTotals> {
  const buckets = new Map<string, BucketTotals>();
  for (const rollup of rollups) {
    const bucket = buckets.get(rollup.start) ?? {
      calls: 0,
      failed: 0,
      latency: {},
    };
    bucket.calls += rollup.calls;
    bucket.failed += rollup.failed;
    mergeHistograms(bucket.latency, rollup.latency);
    buckets.set(rollup.start, bucket);
  }
  return buckets;
}

/** Calls, failures and percentiles per bucket. */
export function timeSeriesOf(
  buckets: Map<string, BucketTotals>,
): UsageTimePoint[] {
  return [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([time, bucket]) => ({
      time,
      calls: bucket.calls,
      failed: bucket.failed,
      p50: ms(quantileOf(bucket.latency, 0.5)),
      p95: ms(quantileOf(bucket.latency, 0.95)),
      p99: ms(quantileOf(bucket.latency, 0.99)),
    }));
}

/** Per bucket, what was called of each integration and what failed how. */
export function callsAndErrorsSeriesOf(rollups: StoredRollup[]) {
  const calls = new Map<string, Record<string, number>>();
  const errors = new Map<string, Record<string, number>>();
  for (const rollup of rollups) {
    const atTime = calls.get(rollup.start) ?? {};
    atTime[rollup.integration] =
      (atTime[rollup.integration] ?? 0) + rollup.calls;
    calls.set(rollup.start, atTime);
    const errorsAtTime = errors.get(rollup.start) ?? {};
    for (const [type, count] of Object.entries(rollup.errors)) {
      errorsAtTime[type] = (errorsAtTime[type] ?? 0) + count;
    }
    errors.set(rollup.start, errorsAtTime);
  }
  const times = [...calls.keys()].sort();
  return {
    throughput: times.map(time => ({ time, calls: calls.get(time)! })),
    errors: times.map(time => ({ time, errors: errors.get(time)! })),
  };
}

/**
 * Calls and p95 by day of week and hour of day (UTC). Hourly or finer
 * rollups give both; days give calls only, from their calls per hour.
 */
export function heatmapOf(rollups: StoredRollup[]): UsageHeatCell[] {
  const cells = new Map<
    string,
    { calls: number; latency?: LatencyHistogram }
  >();
  for (const rollup of rollups) {
    const at = new Date(rollup.start);
    if (rollup.callsByHour) {
      rollup.callsByHour.forEach((calls, hour) => {
        const key = `${at.getUTCDay()}:${hour}`;
        const cell = cells.get(key) ?? { calls: 0 };
        cell.calls += calls;
        cells.set(key, cell);
      });
      continue;
    }
    const key = `${at.getUTCDay()}:${at.getUTCHours()}`;
    const cell = cells.get(key) ?? { calls: 0 };
    cell.calls += rollup.calls;
    cell.latency = mergeHistograms(cell.latency ?? {}, rollup.latency);
    cells.set(key, cell);
  }
  return [...cells.entries()]
    .map(([key, cell]) => {
      const [dayOfWeek, hour] = key.split(':').map(Number);
      return {
        dayOfWeek,
        hour,
        calls: cell.calls,
        p95: cell.latency ? ms(quantileOf(cell.latency, 0.95)) : null,
      };
    })
    .filter(cell => cell.calls > 0)
    .sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.hour - b.hour);
}

/** Every call's latency of the given rollups or buckets, whoever made it. */
export function mergedLatencyOf(
  parts: Iterable<{ latency: LatencyHistogram }>,
): LatencyHistogram {
  const merged: LatencyHistogram = {};
  for (const part of parts) {
    mergeHistograms(merged, part.latency);
  }
  return merged;
}

/** p50, p95 and p99 of a merged latency histogram. */
export function percentilesOf(latency: LatencyHistogram): {
  p50: number | null;
  p95: number | null;
  p99: number | null;
} {
  return {
    p50: ms(quantileOf(latency, 0.5)),
    p95: ms(quantileOf(latency, 0.95)),
    p99: ms(quantileOf(latency, 0.99)),
  };
}

/** Bar edges of the response-time histogram, in ms. */
const BAR_EDGES = [
  0, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000,
];

/** How many calls took how long, in bars people read at a glance. */
export function responseTimeBarsOf(
  latency: LatencyHistogram,
): ResponseTimeBar[] {
  const bars: ResponseTimeBar[] = BAR_EDGES.map((fromMs, i) => ({
    fromMs,
    toMs: BAR_EDGES[i + 1] ?? null,
    calls: 0,
  }));
  for (const [index, count] of Object.entries(latency)) {
    const value = representativeOf(Number(index));
    const bar = bars.find(
      b => value >= b.fromMs && (b.toMs === null || value < b.toMs),
    )!;
    bar.calls += count;
  }
  return bars;
}
