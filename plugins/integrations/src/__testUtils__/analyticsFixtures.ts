import {
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
} from '@internal/plugin-integrations-common';

export const PERIOD = {
  start: '2026-11-27T12:00:00.000Z',
  end: '2026-11-28T12:00:00.000Z',
};
export const PREVIOUS_PERIOD = {
  start: '2026-11-26T12:00:00.000Z',
  end: PERIOD.start,
};

/** One integration's figures: `calls` calls of which `failed` failed, timed at `p95`. */
export function usageMetrics(
  integration: string,
  figures: {
    calls: number;
    failed?: number;
    p95?: number | null;
    bytes?: number;
    errorType?: string;
  },
  period = PERIOD,
): IntegrationUsageMetrics {
  const { calls, failed = 0, p95 = calls ? 300 : null, bytes = 0 } = figures;
  const errorType = figures.errorType ?? 'server_error';
  return {
    integration,
    period,
    apiCallMetrics: {
      totalCalls: calls,
      successfulCalls: calls - failed,
      failedCalls: failed,
      averageDailyUsage: calls,
      peakUsage: calls ? { date: '2026-11-28T09:00:00.000Z', calls } : null,
    },
    responseTimeMetrics: {
      averageResponseTime: p95 === null ? null : p95 / 2,
      p50ResponseTime: p95 === null ? null : p95 / 3,
      p95ResponseTime: p95,
      p99ResponseTime: p95 === null ? null : p95 * 2,
      slowestEndpoint: calls
        ? { endpoint: '/v1/charges', averageTime: p95 ?? 0 }
        : null,
    },
    errorMetrics: {
      errorRate: calls ? (failed / calls) * 100 : 0,
      errorsByType: failed ? { [errorType]: failed } : {},
      mostCommonError: failed
        ? {
            type: errorType,
            count: failed,
            lastOccurrence: '2026-11-28T11:00:00.000Z',
          }
        : null,
    },
    dataTransferMetrics: {
      totalDataTransferred: bytes,
      averageRequestSize: calls ? bytes / calls / 2 : 0,
      averageResponseSize: calls ? bytes / calls / 2 : 0,
      largestTransfer: null,
    },
  };
}

/** An answer of `GET /analytics/usage` for these integrations, now and before. */
export function usageAnalyticsOf(
  current: IntegrationUsageMetrics[],
  previous: IntegrationUsageMetrics[] = current.map(m =>
    usageMetrics(m.integration, { calls: 0 }, PREVIOUS_PERIOD),
  ),
): IntegrationUsageAnalytics {
  const errorsByType: Record<string, number> = {};
  for (const m of current) {
    for (const [type, count] of Object.entries(m.errorMetrics.errorsByType)) {
      errorsByType[type] = (errorsByType[type] ?? 0) + count;
    }
  }
  const time = '2026-11-28T09:00:00.000Z';
  return {
    environment: 'production',
    period: PERIOD,
    granularity: 'hour',
    usageMetrics: Object.fromEntries(current.map(m => [m.integration, m])),
    previousPeriod: {
      period: PREVIOUS_PERIOD,
      usageMetrics: Object.fromEntries(previous.map(m => [m.integration, m])),
    },
    costAnalysis: {},
    costSummary: {
      currency: 'EUR',
      totalCost: 0,
      previousPeriodCost: 0,
      byEnvironment: {},
      byTeam: {},
      byComponent: [],
      budgets: [],
    },
    usageForecasting: { projections: [], recommendations: [] },
    performanceAnalytics: {
      responseTimeAnalytics: {
        series: [{ time, calls: 1, failed: 0, p50: 100, p95: 300, p99: 600 }],
        histogram: [{ fromMs: 0, toMs: 50, calls: 1 }],
      },
      throughputAnalytics: {
        series: [
          {
            time,
            calls: Object.fromEntries(
              current.map(m => [m.integration, m.apiCallMetrics.totalCalls]),
            ),
          },
        ],
        heatmap: [{ dayOfWeek: 6, hour: 9, calls: 1200, p95: 300 }],
      },
      errorAnalytics: {
        series: [{ time, errors: errorsByType }],
        errorsByType,
      },
    },
  };
}
