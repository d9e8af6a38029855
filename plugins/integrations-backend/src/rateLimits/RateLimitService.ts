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
    const weekAgo = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
    const [readings, hits, recent, days] = await Promise.all([
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
      // Only sums are needed: calls per endpoint in the last minutes, and
      // the week's days with their calls per hour, which give every hour of
      // the week from a row a day.
      this.rollups.list({
        granularity: 'minute',
        from: new Date(now.getTime() - RATE_WINDOW_MS),
        to: now,
        environment: query.environment,
        ...(names.length === 1 ? { integration: names[0] } : {}),
        sumsOnly: true,
      }),
      this.rollups.callsPerBucket({
        granularity: 'day',
        from: new Date(Math.floor(weekAgo.getTime() / DAY_MS) * DAY_MS),
        to: now,
        environment: query.environment,
        ...(names.length === 1 ? { integration: names[0] } : {}),
        hoursOfDay: true,
      }),
    ]);
    const readingsOf = byIntegration(readings);
    const hitsOf = byIntegration(hits);
    const recentOf = byIntegration(recent);
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
          hourly: hoursOf(daysOf.get(config.name) ?? []),
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
      hourly: { start: string; calls: number }[];
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
        peakUsageTimes: peakTimes(data.hourly),
        peakHoursOfDay: peakHours(data.hourly),
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

/** Each hour of the given days, from their calls per hour. */
function hoursOf(days: BucketCalls[]): { start: string; calls: number }[] {
  return days.flatMap(day => {
    // A day starts at midnight UTC, so its hours differ only in two digits.
    const date = day.start.slice(0, 11);
    // A day rolled up before hours were kept counts at its start.
    const byHour = day.callsByHour ?? [day.calls];
    return byHour.map((calls, hour) => ({
      start: `${date}${String(hour).padStart(2, '0')}:00:00.000Z`,
      calls,
    }));
  });
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
