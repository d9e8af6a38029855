import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { RateLimitsResponse } from './rateLimits';
import { Environment } from './types';

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'An ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z',
});

/** The longest period one analytics request may cover. */
export const ANALYTICS_MAX_DAYS = 400;

/** Which usage a request reads: one environment, one integration or all, one period. */
const usagePeriodFields = z.strictObject({
  /** Production when not named. */
  environment: environmentSchema.optional(),
  integration: integrationNameSchema.optional(),
  /** The last 24 hours when neither is named. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

/** A period runs forwards and is at most ANALYTICS_MAX_DAYS long. */
function withPeriodChecks<T extends z.ZodType<{ from?: string; to?: string }>>(
  schema: T,
): T {
  return schema
    .refine(
      query =>
        !query.from ||
        !query.to ||
        Date.parse(query.from) < Date.parse(query.to),
      { message: 'Must be after from', path: ['to'] },
    )
    .refine(
      query =>
        !query.from ||
        !query.to ||
        Date.parse(query.to) - Date.parse(query.from) <=
          ANALYTICS_MAX_DAYS * 86_400_000,
      {
        message: `At most ${ANALYTICS_MAX_DAYS} days after from`,
        path: ['to'],
      },
    );
}

/** Query of `GET /analytics/usage`. */
export const usageAnalyticsQuerySchema = withPeriodChecks(usagePeriodFields);

/** The file formats usage is exported in. */
export const USAGE_EXPORT_FORMATS = ['csv', 'json'] as const;

/** @public */
export type UsageExportFormat = (typeof USAGE_EXPORT_FORMATS)[number];

/** Query of `GET /analytics/usage/export`: the analytics query and a file format. */
export const usageExportQuerySchema = withPeriodChecks(
  usagePeriodFields.extend({
    format: z.enum(USAGE_EXPORT_FORMATS, { message: 'csv or json' }),
  }),
);

/** @public */
export type UsageExportQuery = z.infer<typeof usageExportQuerySchema>;

/**
 * The name an export is saved under, e.g.
 * `integration-usage-production-2026-12-01--2026-12-07.csv`: the
 * environment, the integration when only one is exported, the UTC dates the
 * period starts and ends on.
 */
export function usageExportFileName(file: {
  environment: Environment;
  integration?: string;
  period: DateRange;
  format: UsageExportFormat;
}): string {
  const day = (iso: string) => iso.slice(0, 10);
  const scope = file.integration
    ? `${file.environment}-${file.integration}`
    : file.environment;
  return `integration-usage-${scope}-${day(file.period.start)}--${day(
    file.period.end,
  )}.${file.format}`;
}

/** @public */
export type UsageAnalyticsQuery = z.infer<typeof usageAnalyticsQuerySchema>;

/** @public */
export interface DateRange {
  start: string;
  end: string;
}

/** The spec's IntegrationUsageMetrics: one integration over one period. */
export interface IntegrationUsageMetrics {
  integration: string;
  period: DateRange;
  apiCallMetrics: {
    totalCalls: number;
    successfulCalls: number;
    failedCalls: number;
    averageDailyUsage: number;
    /** The busiest bucket of the period; null without calls. */
    peakUsage: { date: string; calls: number } | null;
  };
  responseTimeMetrics: {
    averageResponseTime: number | null;
    p50ResponseTime: number | null;
    p95ResponseTime: number | null;
    p99ResponseTime: number | null;
    slowestEndpoint: { endpoint: string; averageTime: number } | null;
  };
  errorMetrics: {
    /** Percent of calls that failed. */
    errorRate: number;
    errorsByType: Record<string, number>;
    mostCommonError: {
      type: string;
      count: number;
      lastOccurrence: string;
    } | null;
  };
  dataTransferMetrics: {
    totalDataTransferred: number;
    averageRequestSize: number;
    averageResponseSize: number;
    largestTransfer: {
      endpoint: string;
      size: number;
      timestamp: string;
    } | null;
  };
}

/** Per bucket of the period, for charts. */
export interface UsageTimePoint {
  time: string;
  calls: number;
  failed: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One cell of the hour-of-day × day-of-week heat map (UTC). */
export interface UsageHeatCell {
  /** 0 = Sunday. */
  dayOfWeek: number;
  hour: number;
  calls: number;
  p95: number | null;
}

/** One bar of the response-time histogram. */
export interface ResponseTimeBar {
  fromMs: number;
  /** Null for the last, open-ended bar. */
  toMs: number | null;
  calls: number;
}

/** What one integration cost over the period, under the configured prices. */
export interface CostAnalysis {
  integration: string;
  /** The owning team, as the configuration names it. */
  owner: string;
  currency: string;
  totalCost: number;
  /** Calls and units priced per operation. */
  usageCost: number;
  /** The share of monthly fees that falls in the period. */
  fixedCost: number;
  previousPeriodCost: number;
  /** Costliest first. */
  byOperation: Array<{
    operation: string;
    calls: number;
    units: number;
    cost: number;
  }>;
  /** By the catalog Component the calls were made for; null when unknown. */
  byComponent: Array<{ component: string | null; calls: number; cost: number }>;
  /** False when no price list names this integration or its provider. */
  priced: boolean;
}

/** A monthly budget and how much of it the month has used. */
export interface BudgetStatus {
  scope: 'integration' | 'team';
  /** The integration's name or the team's group ref. */
  name: string;
  currency: string;
  monthly: number;
  /** Spent this calendar month (UTC), every environment. */
  spent: number;
  /** Where the month ends at the rate so far. */
  projected: number;
  percentUsed: number;
  warningPercent: number;
  criticalPercent: number;
  status: 'ok' | 'warning' | 'critical';
  /** What each integration in the budget spent this month, most first. */
  integrations: Array<{ name: string; spent: number }>;
}

/** Calls (and cost) expected over the coming days, from the recent trend and weekday pattern. */
export interface UsageProjection {
  integration: string;
  /** Days of history the projection stands on (at most 28). */
  basedOnDays: number;
  /** Change in daily calls per day, after the weekday pattern is taken out. */
  trendPerDay: number;
  /** Calls on each weekday relative to the average day, Sunday first. */
  weekdayFactors: number[];
  next7Days: { calls: number; cost: number };
  next30Days: { calls: number; cost: number };
  /** One value per day for the next 30 days (UTC). */
  daily: Array<{ date: string; calls: number }>;
}

/** Something an admin can do about how an integration is used. */
export interface UsageRecommendation {
  integration: string;
  kind: 'errors' | 'latency' | 'budget' | 'peak' | 'rate_limit';
  severity: 'info' | 'warning' | 'critical';
  message: string;
}

/** Answer of `GET /analytics/usage`: the spec's IntegrationUsageAnalytics, of one environment. */
export interface IntegrationUsageAnalytics {
  environment: Environment;
  period: DateRange;
  /** The size of each point in the series. */
  granularity: 'minute' | 'hour' | 'day';
  usageMetrics: Record<string, IntegrationUsageMetrics>;
  /** The period just before, as long as this one, for comparison. */
  previousPeriod: {
    period: DateRange;
    usageMetrics: Record<string, IntegrationUsageMetrics>;
  };
  costAnalysis: Record<string, CostAnalysis>;
  costSummary: {
    currency: string;
    totalCost: number;
    previousPeriodCost: number;
    /** Every environment over the same period. */
    byEnvironment: Record<string, number>;
    byTeam: Record<string, number>;
    byComponent: Array<{ component: string | null; cost: number }>;
    budgets: BudgetStatus[];
  };
  usageForecasting: {
    projections: UsageProjection[];
    recommendations: UsageRecommendation[];
  };
  performanceAnalytics: {
    responseTimeAnalytics: {
      series: UsageTimePoint[];
      histogram: ResponseTimeBar[];
      /** Over every call of the period and integration shown, from the merged sketches; null without calls. */
      percentiles: {
        p50: number | null;
        p95: number | null;
        p99: number | null;
      };
    };
    throughputAnalytics: {
      /** Calls per bucket and integration. */
      series: Array<{ time: string; calls: Record<string, number> }>;
      heatmap: UsageHeatCell[];
    };
    errorAnalytics: {
      series: Array<{ time: string; errors: Record<string, number> }>;
      errorsByType: Record<string, number>;
    };
  };
  /** Each integration's limits now, as `GET /rate-limits` answers them. */
  rateLimitingStatus?: RateLimitsResponse;
}
