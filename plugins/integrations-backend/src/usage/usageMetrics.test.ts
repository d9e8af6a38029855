import { LatencyHistogram, addToHistogram } from './latencyHistogram';
import { StoredRollup } from './UsageRollupStore';
import {
  callsAndErrorsSeriesOf,
  heatmapOf,
  mergedLatencyOf,
  percentilesOf,
  responseTimeBarsOf,
  usageMetricsOf,
} from './usageMetrics';

function histogram(...durations: number[]): LatencyHistogram {
  const counts: LatencyHistogram = {};
  durations.forEach(duration => addToHistogram(counts, duration));
  return counts;
}

function rollup(overrides: Partial<StoredRollup>): StoredRollup {
  return {
    integration: 'stripe',
    environment: 'production',
    granularity: 'hour',
    start: '2026-11-27T10:00:00.000Z',
    endpoint: '/v1/charges',
    method: 'POST',
    calls: 2,
    failed: 0,
    errors: {},
    durationSumMs: 300,
    durationMaxMs: 200,
    latency: histogram(100, 200),
    requestBytes: 200,
    responseBytes: 2000,
    units: 2,
    largestTransfer: 1100,
    largestTransferAt: '2026-11-27T10:15:00.000Z',
    ...overrides,
  };
}

const day = {
  start: '2026-11-27T00:00:00.000Z',
  end: '2026-11-28T00:00:00.000Z',
};

describe('usageMetricsOf', () => {
  it('sums calls, finds the peak, the slowest endpoint and the commonest error', () => {
    const metrics = usageMetricsOf('stripe', day, [
      rollup({}),
      rollup({
        start: '2026-11-27T11:00:00.000Z',
        calls: 3,
        failed: 2,
        errors: { rate_limited: 2 },
        durationSumMs: 1500,
        latency: histogram(500, 500, 500),
      }),
      rollup({
        start: '2026-11-27T12:00:00.000Z',
        endpoint: '/v1/customers/{id}',
        method: 'GET',
        calls: 1,
        failed: 1,
        errors: { rate_limited: 1 },
        durationSumMs: 50,
        latency: histogram(50),
        largestTransfer: 9000,
        largestTransferAt: '2026-11-27T12:01:00.000Z',
      }),
    ]);

    expect(metrics.apiCallMetrics).toEqual({
      totalCalls: 6,
      successfulCalls: 3,
      failedCalls: 3,
      averageDailyUsage: 6,
      peakUsage: { date: '2026-11-27T11:00:00.000Z', calls: 3 },
    });
    expect(metrics.responseTimeMetrics).toMatchObject({
      averageResponseTime: 308.3,
      slowestEndpoint: { endpoint: 'POST /v1/charges', averageTime: 360 },
    });
    expect(metrics.errorMetrics).toEqual({
      errorRate: 50,
      errorsByType: { rate_limited: 3 },
      mostCommonError: {
        type: 'rate_limited',
        count: 3,
        lastOccurrence: '2026-11-27T12:00:00.000Z',
      },
    });
    expect(metrics.dataTransferMetrics).toEqual({
      totalDataTransferred: 6600,
      averageRequestSize: 100,
      averageResponseSize: 1000,
      largestTransfer: {
        endpoint: 'GET /v1/customers/{id}',
        size: 9000,
        timestamp: '2026-11-27T12:01:00.000Z',
      },
    });
  });

  it('takes when the largest transfer was from the totals and which endpoint made it from the sums', () => {
    const totals = [
      rollup({ endpoint: '*', method: '*' }),
      rollup({
        endpoint: '*',
        method: '*',
        start: '2026-11-27T14:00:00.000Z',
        largestTransfer: 48_000,
        largestTransferAt: '2026-11-27T14:42:00.000Z',
      }),
    ];
    const sumsOverPeriod = [
      rollup({ largestTransferAt: undefined }),
      rollup({
        endpoint: '/v1/invoices',
        method: 'GET',
        largestTransfer: 48_000,
        largestTransferAt: undefined,
      }),
    ];

    const metrics = usageMetricsOf('stripe', day, totals, sumsOverPeriod);

    expect(metrics.dataTransferMetrics.largestTransfer).toEqual({
      endpoint: 'GET /v1/invoices',
      size: 48_000,
      timestamp: '2026-11-27T14:42:00.000Z',
    });
  });

  it('says nothing rather than zero about response times without calls', () => {
    const metrics = usageMetricsOf('stripe', day, []);

    expect(metrics.responseTimeMetrics).toEqual({
      averageResponseTime: null,
      p50ResponseTime: null,
      p95ResponseTime: null,
      p99ResponseTime: null,
      slowestEndpoint: null,
    });
    expect(metrics.apiCallMetrics.peakUsage).toBeNull();
    expect(metrics.errorMetrics).toEqual({
      errorRate: 0,
      errorsByType: {},
      mostCommonError: null,
    });
  });
});

describe('charts of usage', () => {
  const rollups = [
    rollup({}),
    rollup({ integration: 'github', latency: histogram(20, 12_000) }),
    // A Sunday.
    rollup({
      start: '2026-11-29T23:00:00.000Z',
      errors: { timeout: 1 },
      failed: 1,
    }),
  ];

  it('counts calls per integration and errors per type over time', () => {
    const { throughput, errors } = callsAndErrorsSeriesOf(rollups);

    expect(throughput).toEqual([
      { time: '2026-11-27T10:00:00.000Z', calls: { stripe: 2, github: 2 } },
      { time: '2026-11-29T23:00:00.000Z', calls: { stripe: 2 } },
    ]);
    expect(errors[1]).toEqual({
      time: '2026-11-29T23:00:00.000Z',
      errors: { timeout: 1 },
    });
  });

  it('places calls by weekday and hour in UTC', () => {
    expect(
      heatmapOf(rollups).map(({ dayOfWeek, hour, calls }) => [
        dayOfWeek,
        hour,
        calls,
      ]),
    ).toEqual([
      [0, 23, 2],
      [5, 10, 4],
    ]);
  });

  it('sorts calls into response-time bars, the last one open-ended', () => {
    const bars = responseTimeBarsOf(mergedLatencyOf(rollups));

    expect(bars.find(bar => bar.fromMs === 0)?.calls).toBe(1);
    expect(bars.find(bar => bar.fromMs === 100)?.calls).toBe(2);
    expect(bars.find(bar => bar.fromMs === 200)?.calls).toBe(2);
    expect(bars[bars.length - 1]).toEqual({
      fromMs: 10_000,
      toMs: null,
      calls: 1,
    });
    expect(bars.reduce((sum, bar) => sum + bar.calls, 0)).toBe(6);
  });

  it('takes the percentiles of all calls from the merged sketches, not from each integration', () => {
    // stripe alone has a p95 of 100 ms, brevo of 2 s; their average would say 1 s.
    const all = percentilesOf(
      mergedLatencyOf([
        rollup({ calls: 19, latency: histogram(...Array(19).fill(100)) }),
        rollup({
          integration: 'brevo',
          calls: 5,
          latency: histogram(...Array(5).fill(2000)),
        }),
      ]),
    );

    expect(all.p50).toBeGreaterThan(96);
    expect(all.p50).toBeLessThan(104);
    expect(all.p95).toBeGreaterThan(1960);
    expect(all.p95).toBeLessThan(2040);
    expect(percentilesOf({})).toEqual({ p50: null, p95: null, p99: null });
  });
});
