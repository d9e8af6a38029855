import {
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
} from '@internal/plugin-integrations-common';
import { usageCsv } from './usageCsv';

const period = {
  start: '2026-12-01T00:00:00.000Z',
  end: '2026-12-08T00:00:00.000Z',
};

function metrics(integration: string, calls: number): IntegrationUsageMetrics {
  return {
    integration,
    period,
    apiCallMetrics: {
      totalCalls: calls,
      successfulCalls: calls,
      failedCalls: 0,
      averageDailyUsage: calls / 7,
      peakUsage: null,
    },
    responseTimeMetrics: {
      averageResponseTime: calls ? 50 : null,
      p50ResponseTime: calls ? 40 : null,
      p95ResponseTime: calls ? 90 : null,
      p99ResponseTime: calls ? 120 : null,
      slowestEndpoint: null,
    },
    errorMetrics: { errorRate: 0, errorsByType: {}, mostCommonError: null },
    dataTransferMetrics: {
      totalDataTransferred: calls * 10,
      averageRequestSize: calls ? 4 : 0,
      averageResponseSize: calls ? 6 : 0,
      largestTransfer: null,
    },
  };
}

/** Analytics of two integrations: one with calls, one idle and unpriced. */
function analyticsOf(): IntegrationUsageAnalytics {
  const cost = (integration: string, totalCost: number, priced: boolean) => ({
    integration,
    owner: 'group:default/ops',
    currency: 'EUR',
    totalCost,
    usageCost: totalCost,
    fixedCost: 0,
    previousPeriodCost: 1.5,
    byOperation: [],
    byComponent: [],
    priced,
  });
  return {
    environment: 'staging',
    period,
    granularity: 'hour',
    usageMetrics: { zeta: metrics('zeta', 0), alpha: metrics('alpha', 30) },
    previousPeriod: {
      period: { start: '2026-11-24T00:00:00.000Z', end: period.start },
      usageMetrics: { zeta: metrics('zeta', 0), alpha: metrics('alpha', 12) },
    },
    costAnalysis: {
      zeta: cost('zeta', 0, false),
      alpha: cost('alpha', 3.75, true),
    },
    costSummary: {
      currency: 'EUR',
      totalCost: 3.75,
      previousPeriodCost: 3,
      byEnvironment: {},
      byTeam: {},
      byComponent: [],
      budgets: [],
    },
    usageForecasting: { projections: [], recommendations: [] },
    performanceAnalytics: {
      responseTimeAnalytics: {
        series: [],
        histogram: [],
        percentiles: { p50: null, p95: null, p99: null },
      },
      throughputAnalytics: { series: [], heatmap: [] },
      errorAnalytics: { series: [], errorsByType: {} },
    },
  };
}

describe('usageCsv', () => {
  it('writes a row per integration in name order, leaving unknown latency empty', () => {
    const csv = usageCsv(analyticsOf(), [
      { name: 'alpha', displayName: 'Alpha mail', owner: 'group:default/ops' },
      { name: 'zeta', displayName: 'Zeta', owner: 'group:default/ops' },
    ]);

    expect(csv.trim().split('\n').slice(1)).toEqual([
      'alpha,Alpha mail,group:default/ops,staging,2026-12-01T00:00:00.000Z,' +
        '2026-12-08T00:00:00.000Z,30,30,0,0,40,90,120,50,300,4,6,3.75,EUR,true,12,1.5',
      'zeta,Zeta,group:default/ops,staging,2026-12-01T00:00:00.000Z,' +
        '2026-12-08T00:00:00.000Z,0,0,0,0,,,,,0,0,0,0,EUR,false,0,1.5',
    ]);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['Say "hi", then go', '"Say ""hi"", then go"'],
  ])('writes the display name %j as the text %s', (displayName, cell) => {
    const csv = usageCsv(analyticsOf(), [
      { name: 'alpha', displayName, owner: 'group:default/ops' },
    ]);

    expect(csv.split('\n')[1]).toContain(`alpha,${cell},group:default/ops,`);
  });
});
