import {
  BudgetStatus,
  CostAnalysis,
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
  RateLimitStatus,
  RateLimitWindowStatus,
  UsageProjection,
  UsageRecommendation,
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
        percentiles: current.some(m => m.apiCallMetrics.totalCalls > 0)
          ? { p50: 100, p95: 300, p99: 600 }
          : { p50: null, p95: null, p99: null },
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

/** What one integration cost: `total` of which `fixed`, from one operation. */
export function costOf(
  integration: string,
  figures: {
    total: number;
    previous?: number;
    fixed?: number;
    owner?: string;
    operation?: string;
    component?: string | null;
    priced?: boolean;
  },
): CostAnalysis {
  const { total, previous = 0, fixed = 0, priced = true } = figures;
  const usage = total - fixed;
  return {
    integration,
    owner: figures.owner ?? 'group:default/payments-team',
    currency: 'EUR',
    totalCost: total,
    usageCost: usage,
    fixedCost: fixed,
    previousPeriodCost: previous,
    byOperation: priced
      ? [
          {
            operation: figures.operation ?? 'POST /v1/charges',
            calls: 100,
            units: 100,
            cost: usage,
          },
        ]
      : [],
    byComponent: priced
      ? [
          {
            component:
              figures.component === undefined
                ? 'component:default/checkout'
                : figures.component,
            calls: 100,
            cost: usage,
          },
        ]
      : [],
    priced,
  };
}

/** A monthly budget with `spent` of `monthly` spent, ending at `projected`. */
export function budgetOf(
  scope: BudgetStatus['scope'],
  name: string,
  figures: { monthly: number; spent: number; projected: number },
): BudgetStatus {
  const percentUsed = (figures.spent / figures.monthly) * 100;
  let status: BudgetStatus['status'] = 'ok';
  if (percentUsed >= 100) {
    status = 'critical';
  } else if (percentUsed >= 80 || figures.projected > figures.monthly) {
    status = 'warning';
  }
  return {
    scope,
    name,
    currency: 'EUR',
    ...figures,
    percentUsed,
    warningPercent: 80,
    criticalPercent: 100,
    status,
    integrations: [{ name, spent: figures.spent }],
  };
}

/** The analytics answer with these costs and budgets; the summary adds them up. */
export function withCosts(
  analytics: IntegrationUsageAnalytics,
  costs: CostAnalysis[],
  budgets: BudgetStatus[] = [],
): IntegrationUsageAnalytics {
  const byTeam: Record<string, number> = {};
  for (const c of costs) {
    byTeam[c.owner] = (byTeam[c.owner] ?? 0) + c.totalCost;
  }
  const totalCost = costs.reduce((sum, c) => sum + c.totalCost, 0);
  return {
    ...analytics,
    costAnalysis: Object.fromEntries(costs.map(c => [c.integration, c])),
    costSummary: {
      currency: 'EUR',
      totalCost,
      previousPeriodCost: costs.reduce(
        (sum, c) => sum + c.previousPeriodCost,
        0,
      ),
      byEnvironment: { production: totalCost, staging: totalCost / 10 },
      byTeam,
      byComponent: costs.flatMap(c => c.byComponent),
      budgets,
    },
  };
}

/** A 30-day projection of `perDay` calls a day at `costPerCall`. */
export function projectionOf(
  integration: string,
  perDay: number,
  costPerCall = 0,
): UsageProjection {
  const start = Date.parse('2026-11-29T00:00:00.000Z');
  return {
    integration,
    basedOnDays: 28,
    trendPerDay: perDay / 100,
    weekdayFactors: [0.5, 1.1, 1.1, 1.1, 1.1, 1.1, 1],
    next7Days: { calls: perDay * 7, cost: perDay * 7 * costPerCall },
    next30Days: { calls: perDay * 30, cost: perDay * 30 * costPerCall },
    daily: Array.from({ length: 30 }, (_, day) => ({
      date: new Date(start + day * 86_400_000).toISOString(),
      calls: perDay,
    })),
  };
}

export function withForecast(
  analytics: IntegrationUsageAnalytics,
  projections: UsageProjection[],
  recommendations: UsageRecommendation[] = [],
): IntegrationUsageAnalytics {
  return { ...analytics, usageForecasting: { projections, recommendations } };
}

/** The moment the rate-limit fixtures are read at. */
export const RATE_LIMITS_NOW = new Date('2026-11-28T12:00:00.000Z');

/** One limit window: `remaining` of `limit` left, resetting in `resetMinutes`. */
export function limitWindow(figures: {
  limit?: number;
  remaining?: number;
  resetMinutes?: number;
  window?: string;
  source?: RateLimitWindowStatus['source'];
  field?: string;
  status?: RateLimitWindowStatus['forecast']['status'];
  exhaustedInMinutes?: number;
}): RateLimitWindowStatus {
  const at = (minutes: number) =>
    new Date(RATE_LIMITS_NOW.getTime() + minutes * 60_000).toISOString();
  const status = figures.status ?? 'ok';
  return {
    limit: figures.limit,
    remaining: figures.remaining,
    resetTime:
      figures.resetMinutes === undefined ? undefined : at(figures.resetMinutes),
    window: figures.window,
    source: figures.source ?? 'header',
    field: figures.field ?? 'x-ratelimit-remaining',
    readBy: 'client',
    readAt: at(-1),
    forecast: {
      status,
      callsPerMinute: 12,
      exhaustedAt:
        figures.exhaustedInMinutes === undefined
          ? undefined
          : at(figures.exhaustedInMinutes),
      message:
        status === 'ok'
          ? 'Lasts until it resets at the current rate'
          : 'Runs out before it resets',
    },
  };
}

/** An integration's rate-limit status with these windows and limit hits. */
export function rateLimitStatusOf(
  integration: string,
  rateLimits: Record<string, RateLimitWindowStatus>,
  hits: RateLimitStatus['rateLimitHistory'] = [],
  recommendedRequestRate?: number,
): RateLimitStatus {
  return {
    integration,
    environment: 'production',
    rateLimits,
    rateLimitHistory: hits,
    rateLimitOptimization: {
      recommendedRequestRate,
      bufferRecommendation: 10,
      peakUsageTimes: [],
      peakHoursOfDay: [],
    },
  };
}
