import {
  Environment,
  IntegrationConfig,
  RateLimitFigure,
  RateLimitStatus,
  RateLimitWindowStatus,
  RateLimitsResponse,
  getProvider,
} from '@internal/plugin-integrations-common';
import { BucketCalls, UsageRollupStore } from '../usage/UsageRollupStore';
import {
  RateLimitHit,
  RateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';
import {
  forecastOf,
  peakHours,
  peakTimes,
  recommendedRequestRate,
  windowLabel,
} from './rateLimitForecast';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The call rate a forecast assumes is the one of this recent window. */
const RATE_WINDOW_MS = 60 * MINUTE_MS;
const HISTORY_DAYS = 7;
const HISTORY_PER_INTEGRATION = 100;
/** How many busiest hours an admin is shown. */
const PEAK_COUNT = 3;

/**
 * Rate limits read back: the latest reading of each window (or the
 * catalog's limit against the calls counted), the history of hits, when
 * each limit runs out at the recent call rate, and the request rate that
 * keeps the integration's buffer free.
 */
export class RateLimitService {
  private readonly store: RateLimitStore;
  private readonly rollups: UsageRollupStore;
  private readonly now: () => Date;

  constructor(options: {
    store: RateLimitStore;
    rollups: UsageRollupStore;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.rollups = options.rollups;
    this.now = options.now ?? (() => new Date());
  }

  /** `GET /rate-limits`: each readable integration's limits, history and advice. */
  async status(query: {
    environment: Environment;
    readable: IntegrationConfig[];
    integration?: string;
  }): Promise<RateLimitsResponse> {
    const now = this.now();
    const configs = query.readable.filter(
      config =>
        config.environment === query.environment &&
        (!query.integration || config.name === query.integration),
    );
    const names = configs.map(config => config.name);
    if (!names.length) {
      return {};
    }
    const scope = {
      to: now,
      environment: query.environment,
      ...(names.length === 1 ? { integration: names[0] } : {}),
    };
    // Catalog limits count calls over their window, at most a day long.
    const longestWindowMs = Math.max(
      DAY_MS,
      ...configs.flatMap(config =>
        (getProvider(config.provider)?.rateLimits ?? []).map(
          limit => limit.windowSeconds * 1000,
        ),
      ),
    );
    const weekAgo = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
    const [readings, hits, recent, hourly, busiest, days] = await Promise.all([
      this.store.listReadings({
        environment: query.environment,
        integrations: names,
      }),
      this.store.listHits({
        environment: query.environment,
        integrations: names,
        since: weekAgo,
        limit: HISTORY_PER_INTEGRATION * names.length,
      }),
      // Only sums are needed: calls per endpoint in the last minutes, calls
      // per hour in the catalog windows, the busiest hours of the week and
      // the week's days by hour of day.
      this.rollups.list({
        ...scope,
        granularity: 'minute',
        from: new Date(now.getTime() - RATE_WINDOW_MS),
        sumsOnly: true,
      }),
      this.rollups.callsPerBucket({
        ...scope,
        granularity: 'hour',
        from: new Date(now.getTime() - longestWindowMs),
      }),
      this.rollups.busiestBuckets(
        { ...scope, granularity: 'hour', from: weekAgo },
        PEAK_COUNT,
      ),
      this.rollups.callsPerBucket({
        ...scope,
        granularity: 'day',
        from: new Date(Math.floor(weekAgo.getTime() / DAY_MS) * DAY_MS),
        hoursOfDay: true,
      }),
    ]);
    const readingsOf = byIntegration(readings);
    const hitsOf = byIntegration(hits);
    const recentOf = byIntegration(recent);
    const hourlyOf = byIntegration(hourly);
    const busiestOf = byIntegration(busiest);
    const daysOf = byIntegration(days);
    return Object.fromEntries(
      configs.map(config => [
        config.name,
        this.statusOf(config, {
          now,
          readings: readingsOf.get(config.name) ?? [],
          hits: (hitsOf.get(config.name) ?? []).slice(
            0,
            HISTORY_PER_INTEGRATION,
          ),
          recent: recentOf.get(config.name) ?? [],
          hourly: hourlyOf.get(config.name) ?? [],
          busiest: busiestOf.get(config.name) ?? [],
          days: daysOf.get(config.name) ?? [],
        }),
      ]),
    );
  }

  private statusOf(
    config: IntegrationConfig,
    data: {
      now: Date;
      readings: StoredRateLimitReading[];
      hits: RateLimitHit[];
      recent: { endpoint: string; calls: number }[];
      hourly: BucketCalls[];
      busiest: BucketCalls[];
      days: BucketCalls[];
    },
  ): RateLimitStatus {
    const { now } = data;
    const callsPerMinute = (endpoint?: string) =>
      data.recent
        .filter(r => endpoint === undefined || r.endpoint === endpoint)
        .reduce((sum, r) => sum + r.calls, 0) /
      (RATE_WINDOW_MS / MINUTE_MS);
    const endpoints = new Set(data.recent.map(r => r.endpoint));
    // A limit named after an endpoint counts that endpoint's calls; any
    // other (a resource, the app's day) counts all of them.
    const rateFor = (key: string) =>
      callsPerMinute(endpoints.has(key) ? key : undefined);

    const rateLimits: Record<string, RateLimitWindowStatus> = {};
    const figures: RateLimitFigure[] = [];
    for (const reading of data.readings) {
      const { figure } = reading;
      figures.push(figure);
      rateLimits[figure.key] = {
        ...windowFields(figure),
        source: figure.source,
        field: figure.field,
        readBy: reading.readBy,
        readAt: reading.readAt,
        forecast: forecastOf(figure, rateFor(figure.key), now),
      };
    }
    // An integration acts for one member (or page), so all its calls count
    // against the member's limit as well as the application's.
    for (const limit of getProvider(config.provider)?.rateLimits ?? []) {
      if (rateLimits[limit.key]) {
        continue;
      }
      const windowStart =
        limit.resets === 'utc_day'
          ? Math.floor(now.getTime() / DAY_MS) * DAY_MS
          : now.getTime() - limit.windowSeconds * 1000;
      const counted = data.hourly
        .filter(r => Date.parse(r.start) >= windowStart)
        .reduce((sum, r) => sum + r.calls, 0);
      const figure: RateLimitFigure = {
        key: limit.key,
        limit: limit.limit,
        remaining: Math.max(0, limit.limit - counted),
        ...(limit.resets === 'utc_day'
          ? { resetAt: new Date(windowStart + DAY_MS).toISOString() }
          : {}),
        windowSeconds: limit.windowSeconds,
        source: 'catalog',
        field: `rateLimits.${limit.key}`,
      };
      figures.push(figure);
      rateLimits[limit.key] = {
        ...windowFields(figure),
        source: 'catalog',
        remainingSource: 'observed',
        field: figure.field,
        forecast: forecastOf(figure, callsPerMinute(), now),
      };
    }

    const buffer = config.connectionConfig.rateLimitBuffer;
    const recommended = recommendedRequestRate(figures, buffer);
    return {
      integration: config.name,
      environment: config.environment,
      rateLimits,
      rateLimitHistory: data.hits.map(hit => ({
        timestamp: hit.hitAt,
        endpoint: hit.endpoint,
        hitLimit: true,
        ...(hit.delaySeconds !== undefined
          ? { delayTime: Math.round(hit.delaySeconds * 1000) }
          : {}),
        ...(hit.status !== undefined ? { status: hit.status } : {}),
        ...(hit.reason ? { reason: hit.reason } : {}),
        source: hit.source,
        readBy: hit.readBy,
      })),
      rateLimitOptimization: {
        ...(recommended !== undefined
          ? { recommendedRequestRate: recommended }
          : {}),
        bufferRecommendation: Math.round(buffer * 100),
        peakUsageTimes: peakTimes(data.busiest, PEAK_COUNT),
        peakHoursOfDay: peakHours(data.days, PEAK_COUNT),
      },
    };
  }
}

function windowFields(figure: RateLimitFigure) {
  return {
    ...(figure.limit !== undefined ? { limit: figure.limit } : {}),
    ...(figure.remaining !== undefined ? { remaining: figure.remaining } : {}),
    ...(figure.resetAt ? { resetTime: figure.resetAt } : {}),
    ...(figure.windowSeconds
      ? { window: windowLabel(figure.windowSeconds) }
      : {}),
  };
}

/** Items grouped by their integration, in their order. */
function byIntegration<T extends { integration: string }>(
  items: T[],
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const own = grouped.get(item.integration);
    if (own) {
      own.push(item);
    } else {
      grouped.set(item.integration, [item]);
    }
  }
  return grouped;
}
