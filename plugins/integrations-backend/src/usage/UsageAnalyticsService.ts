import {
  DateRange,
  Environment,
  IntegrationUsageAnalytics,
  IntegrationUsageMetrics,
} from '@internal/plugin-integrations-common';
import { StoredRollup, UsageRollupStore } from './UsageRollupStore';
import { UsageRetention } from './UsageRollupTask';
import { Granularity, spanOf } from './usageRollup';
import {
  callsAndErrorsSeriesOf,
  heatmapOf,
  responseTimeBarsOf,
  timeSeriesOf,
  usageMetricsOf,
} from './usageMetrics';

const DAY_MS = 86_400_000;

/** Enough points for a chart, few enough to read and to send. */
const MAX_POINTS = 1500;

/**
 * Usage of integrations over a period, read from the rollups: the finest
 * level that is still kept for the whole period and gives a readable number
 * of points.
 */
export class UsageAnalyticsService {
  private readonly rollups: UsageRollupStore;
  private readonly retention: UsageRetention;
  private readonly now: () => Date;

  constructor(options: {
    rollups: UsageRollupStore;
    retention: UsageRetention;
    now?: () => Date;
  }) {
    this.rollups = options.rollups;
    this.retention = options.retention;
    this.now = options.now ?? (() => new Date());
  }

  async usage(query: {
    environment: Environment;
    /** The integrations the caller may read (and asked for). */
    integrations: string[];
    from?: string;
    to?: string;
  }): Promise<IntegrationUsageAnalytics> {
    const to = query.to ? new Date(query.to) : this.now();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - DAY_MS);
    const span = to.getTime() - from.getTime();
    const previousFrom = new Date(from.getTime() - span);
    const granularity = this.granularityFor(previousFrom, span);
    const visible = new Set(query.integrations);
    const read = async (start: Date, end: Date, level: Granularity) =>
      visible.size === 0
        ? []
        : (
            await this.rollups.list({
              granularity: level,
              environment: query.environment,
              from: start,
              to: end,
              ...(visible.size === 1 ? { integration: [...visible][0] } : {}),
            })
          ).filter(rollup => visible.has(rollup.integration));

    const current = await read(from, to, granularity);
    const previous = await read(previousFrom, from, granularity);
    // The heat map needs hours; days cannot say when in the day calls came.
    const hourly =
      granularity === 'day' ? await read(from, to, 'hour') : current;
    const period = { start: from.toISOString(), end: to.toISOString() };
    const series = callsAndErrorsSeriesOf(current);

    return {
      environment: query.environment,
      period,
      granularity,
      usageMetrics: metricsByIntegration(query.integrations, period, current),
      previousPeriod: {
        period: { start: previousFrom.toISOString(), end: period.start },
        usageMetrics: metricsByIntegration(
          query.integrations,
          { start: previousFrom.toISOString(), end: period.start },
          previous,
        ),
      },
      performanceAnalytics: {
        responseTimeAnalytics: {
          series: timeSeriesOf(current),
          histogram: responseTimeBarsOf(current),
        },
        throughputAnalytics: {
          series: series.throughput,
          heatmap: heatmapOf(hourly),
        },
        errorAnalytics: {
          series: series.errors,
          errorsByType: mergeCounts(current.map(rollup => rollup.errors)),
        },
      },
    };
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

function metricsByIntegration(
  integrations: string[],
  period: DateRange,
  rollups: StoredRollup[],
): Record<string, IntegrationUsageMetrics> {
  const byIntegration = new Map<string, StoredRollup[]>(
    integrations.map(name => [name, []]),
  );
  rollups.forEach(rollup =>
    byIntegration.get(rollup.integration)?.push(rollup),
  );
  return Object.fromEntries(
    [...byIntegration.entries()].map(([name, own]) => [
      name,
      usageMetricsOf(name, period, own),
    ]),
  );
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
