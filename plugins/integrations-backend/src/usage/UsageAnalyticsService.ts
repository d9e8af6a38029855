import {
  BudgetStatus,
  CostAnalysis,
  DateRange,
  Environment,
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { Pricing, cents, fixedCostOf, priceListFor } from './pricing';
import {
  PROJECTION_HISTORY_DAYS,
  projectUsage,
  recommendationsFor,
} from './usageForecast';
import {
  BucketCalls,
  RollupQuery,
  StoredRollup,
  UsageRollupStore,
} from './UsageRollupStore';
import { UsageRetention } from './UsageRollupTask';
import {
  PricedConfig,
  budgetStatusesOf,
  costAnalysisOf,
  costByEnvironmentOf,
} from './usageCost';
import { Granularity, spanOf } from './usageRollup';
import {
  bucketTotalsOf,
  callsAndErrorsSeriesOf,
  heatmapOf,
  mergedLatencyOf,
  percentilesOf,
  responseTimeBarsOf,
  timeSeriesOf,
  usageMetricsOf,
} from './usageMetrics';

const DAY_MS = 86_400_000;

/** Enough points for a chart, few enough to read and to send. */
const MAX_POINTS = 400;

/**
 * Usage of integrations over a period, read from the rollups: the finest
 * level that is still kept for the whole period and gives a readable number
 * of points.
 */
export class UsageAnalyticsService {
  private readonly rollups: UsageRollupStore;
  private readonly configs: ConfigStore;
  private readonly retention: UsageRetention;
  private readonly pricing: Pricing;
  private readonly now: () => Date;

  constructor(options: {
    rollups: UsageRollupStore;
    configs: ConfigStore;
    retention: UsageRetention;
    pricing: Pricing;
    now?: () => Date;
  }) {
    this.rollups = options.rollups;
    this.configs = options.configs;
    this.retention = options.retention;
    this.pricing = options.pricing;
    this.now = options.now ?? (() => new Date());
  }

  /** Every budget and how much of it this month has spent. */
  async budgets(): Promise<BudgetStatus[]> {
    if (!this.pricing.budgets.length) {
      return [];
    }
    const now = this.now();
    const monthStart = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
    );
    const [{ items }, month] = await Promise.all([
      this.configs.listConfigs({}, { limit: 100_000 }),
      this.rollups.list({
        granularity: 'day',
        from: monthStart,
        to: now,
        overPeriod: true,
      }),
    ]);
    return budgetStatusesOf(this.pricing, items, month, now);
  }

  async usage(query: {
    environment: Environment;
    /** The configurations the caller may read, in every environment. */
    readable: AnalyticsConfig[];
    /** Only this integration. */
    integration?: string;
    from?: string;
    to?: string;
  }): Promise<IntegrationUsageAnalytics> {
    const configs = query.readable.filter(
      config =>
        config.environment === query.environment &&
        (!query.integration || config.name === query.integration),
    );
    const integrations = configs.map(config => config.name);
    const to = query.to ? new Date(query.to) : this.now();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - DAY_MS);
    const span = to.getTime() - from.getTime();
    const previousFrom = new Date(from.getTime() - span);
    const granularity = this.granularityFor(previousFrom, span);
    const visible = new Set(integrations);
    const read = async (
      start: Date,
      end: Date,
      level: Granularity,
      options: Pick<RollupQuery, 'scope' | 'sumsOnly' | 'overPeriod'> & {
        everyEnvironment?: boolean;
      },
    ) =>
      visible.size === 0
        ? []
        : (
            await this.rollups.list({
              granularity: level,
              ...(options.everyEnvironment
                ? {}
                : { environment: query.environment }),
              from: start,
              to: end,
              ...(visible.size === 1 ? { integration: [...visible][0] } : {}),
              scope: options.scope,
              sumsOnly: options.sumsOnly,
              overPeriod: options.overPeriod,
            })
          ).filter(rollup => visible.has(rollup.integration));

    // Percentiles and the series come from the integrations' total rows;
    // what differs by endpoint (cost, the slowest one) from endpoint sums
    // over the whole period, read once for every environment's cost.
    const [current, everyEnvironment, previous, previousEndpoints] =
      await Promise.all([
        read(from, to, granularity, { scope: 'totals' }),
        read(from, to, granularity, {
          overPeriod: true,
          everyEnvironment: true,
        }),
        read(previousFrom, from, granularity, { scope: 'totals' }),
        read(previousFrom, from, granularity, { overPeriod: true }),
      ]);
    const currentEndpoints = everyEnvironment.filter(
      rollup => rollup.environment === query.environment,
    );
    const period = { start: from.toISOString(), end: to.toISOString() };
    const series = callsAndErrorsSeriesOf(current);
    // Each bucket's sketch merges every integration's once; the period's
    // merges the buckets'.
    const buckets = bucketTotalsOf(current);
    const latency = mergedLatencyOf(buckets.values());
    const currentOf = groupByIntegration(currentEndpoints);
    const previousOf = groupByIntegration(previousEndpoints);
    const costAnalysis = Object.fromEntries(
      configs.map(config => [
        config.name,
        costAnalysisOf(
          this.pricing,
          config,
          currentOf.get(config.name) ?? [],
          previousOf.get(config.name) ?? [],
          { from, to, previousFrom },
        ),
      ]),
    );
    const budgets = await this.budgets();
    const visibleTeams = new Set(configs.map(config => config.owner));
    const usageMetrics = metricsByIntegration(
      integrations,
      period,
      current,
      currentEndpoints,
    );
    // What a call costs on average now prices the calls to come.
    const costPerCall = new Map(
      integrations.map(name => {
        const calls = usageMetrics[name].apiCallMetrics.totalCalls;
        return [name, calls ? costAnalysis[name].usageCost / calls : 0];
      }),
    );
    const usageForecasting = await this.forecast(
      configs,
      budgets,
      costPerCall,
      read,
      (start, end) =>
        this.rollups.callsPerBucket({
          granularity: 'day',
          environment: query.environment,
          from: start,
          to: end,
          ...(visible.size === 1 ? { integration: [...visible][0] } : {}),
        }),
    );

    return {
      environment: query.environment,
      period,
      granularity,
      usageMetrics,
      previousPeriod: {
        period: { start: previousFrom.toISOString(), end: period.start },
        usageMetrics: metricsByIntegration(
          integrations,
          { start: previousFrom.toISOString(), end: period.start },
          previous,
          previousEndpoints,
        ),
      },
      costAnalysis,
      usageForecasting,
      costSummary: {
        currency: this.pricing.currency,
        totalCost: cents(sumOf(Object.values(costAnalysis), 'totalCost')),
        previousPeriodCost: cents(
          sumOf(Object.values(costAnalysis), 'previousPeriodCost'),
        ),
        byEnvironment: costByEnvironmentOf(
          this.pricing,
          query.readable.filter(config => visible.has(config.name)),
          everyEnvironment,
          from,
          to,
        ),
        byTeam: totalsBy(Object.values(costAnalysis), cost => cost.owner),
        byComponent: Object.entries(
          totalsOfComponents(Object.values(costAnalysis)),
        )
          .map(([component, cost]) => ({
            component: component === '' ? null : component,
            cost,
          }))
          .sort((a, b) => b.cost - a.cost),
        budgets: budgets.filter(budget =>
          budget.scope === 'integration'
            ? visible.has(budget.name)
            : visibleTeams.has(budget.name),
        ),
      },
      performanceAnalytics: {
        responseTimeAnalytics: {
          series: timeSeriesOf(buckets),
          histogram: responseTimeBarsOf(latency),
          percentiles: percentilesOf(latency),
        },
        throughputAnalytics: {
          series: series.throughput,
          heatmap: heatmapOf(current),
        },
        errorAnalytics: {
          series: series.errors,
          errorsByType: mergeCounts(current.map(rollup => rollup.errors)),
        },
      },
    };
  }

  /**
   * The next 7 and 30 days of each integration from its last four weeks,
   * and what stands out in its last week.
   */
  private async forecast(
    configs: AnalyticsConfig[],
    budgets: BudgetStatus[],
    costPerCall: Map<string, number>,
    read: (
      start: Date,
      end: Date,
      level: Granularity,
      options: Pick<RollupQuery, 'scope' | 'sumsOnly' | 'overPeriod'>,
    ) => Promise<StoredRollup[]>,
    dailyCalls: (start: Date, end: Date) => Promise<BucketCalls[]>,
  ): Promise<IntegrationUsageAnalytics['usageForecasting']> {
    const now = this.now();
    const history = new Date(now.getTime() - PROJECTION_HISTORY_DAYS * DAY_MS);
    const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
    // Calls per day are all the projections need.
    const [days, weekTotals, weekEndpoints] = await Promise.all([
      dailyCalls(history, now),
      read(weekAgo, now, 'day', { scope: 'totals' }),
      read(weekAgo, now, 'day', {}),
    ]);
    const projections = [];
    const recommendations = [];
    const daysOf = groupByIntegration(days);
    const weekTotalsOf = groupByIntegration(weekTotals);
    const weekEndpointsOf = groupByIntegration(weekEndpoints);
    for (const config of configs) {
      const list = priceListFor(this.pricing, config, config.environment);
      projections.push(
        projectUsage(config.name, daysOf.get(config.name) ?? [], now, {
          perCall: costPerCall.get(config.name) ?? 0,
          fixedPerDay:
            fixedCostOf(list, now, new Date(now.getTime() + 30 * DAY_MS)) / 30,
        }),
      );
      recommendations.push(
        ...recommendationsFor(
          {
            name: config.name,
            responseTimeThresholdMs:
              config.monitoringConfig.alertThresholds.responseTime,
          },
          {
            totals: weekTotalsOf.get(config.name) ?? [],
            endpoints: weekEndpointsOf.get(config.name) ?? [],
          },
          budgets,
        ),
      );
    }
    const order = { critical: 0, warning: 1, info: 2 };
    recommendations.sort((a, b) => order[a.severity] - order[b.severity]);
    return { projections, recommendations };
  }

  /** The finest level kept back to `oldest` that gives at most MAX_POINTS points. */
  private granularityFor(oldest: Date, span: number): Granularity {
    const age = this.now().getTime() - oldest.getTime();
    const keptDays: Record<Granularity, number> = {
      minute: this.retention.rawDays,
      hour: this.retention.hourDays,
      day: this.retention.dayDays,
    };
    const fitting = (['minute', 'hour'] as const).find(
      level =>
        age <= keptDays[level] * DAY_MS && span / spanOf(level) <= MAX_POINTS,
    );
    return fitting ?? 'day';
  }
}

/** What analytics needs to know of a configuration. */
export type AnalyticsConfig = PricedConfig & {
  monitoringConfig: { alertThresholds: { responseTime: number } };
};

function groupByIntegration<T extends { integration: string }>(
  rollups: T[],
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const rollup of rollups) {
    const own = grouped.get(rollup.integration);
    if (own) {
      own.push(rollup);
    } else {
      grouped.set(rollup.integration, [rollup]);
    }
  }
  return grouped;
}

function metricsByIntegration(
  integrations: string[],
  period: DateRange,
  totals: StoredRollup[],
  endpoints: StoredRollup[],
): Record<string, IntegrationUsageMetrics> {
  const totalsOf = groupByIntegration(totals);
  const endpointsOf = groupByIntegration(endpoints);
  return Object.fromEntries(
    integrations.map(name => [
      name,
      usageMetricsOf(
        name,
        period,
        totalsOf.get(name) ?? [],
        endpointsOf.get(name) ?? [],
      ),
    ]),
  );
}

function sumOf(
  costs: CostAnalysis[],
  field: 'totalCost' | 'previousPeriodCost',
): number {
  return costs.reduce((sum, cost) => sum + cost[field], 0);
}

function totalsBy(
  costs: CostAnalysis[],
  keyOf: (cost: CostAnalysis) => string,
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const cost of costs) {
    totals[keyOf(cost)] = cents((totals[keyOf(cost)] ?? 0) + cost.totalCost);
  }
  return totals;
}

function totalsOfComponents(costs: CostAnalysis[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { byComponent } of costs) {
    for (const { component, cost } of byComponent) {
      totals[component ?? ''] = cents((totals[component ?? ''] ?? 0) + cost);
    }
  }
  return totals;
}

function mergeCounts(counts: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const entry of counts) {
    for (const [key, count] of Object.entries(entry)) {
      merged[key] = (merged[key] ?? 0) + count;
    }
  }
  return merged;
}
