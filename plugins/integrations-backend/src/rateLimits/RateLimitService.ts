import {
  Environment,
  IntegrationConfig,
  RateLimitFigure,
  RateLimitObservation,
  RateLimitReader,
  RateLimitStatus,
  RateLimitWindowStatus,
  RateLimitsResponse,
  UsageEvent,
  getProvider,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { UsageRollupStore } from '../usage/UsageRollupStore';
import { ProviderAnswer, observeRateLimits } from './observeRateLimits';
import {
  RateLimitHit,
  RateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';
import {
  forecastOf,
  peakHours,
  recommendedRequestRate,
} from './rateLimitForecast';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The call rate a forecast assumes is the one of this recent window. */
const RATE_WINDOW_MS = 60 * MINUTE_MS;
const HISTORY_DAYS = 7;
const HISTORY_PER_INTEGRATION = 100;

/** Where a reading was taken: which configuration and which call. */
export interface RateLimitContext {
  integration: string;
  environment: Environment;
  /** The endpoint template called. */
  endpoint: string;
  readBy: RateLimitReader;
  status?: number;
  /** When the answer came; now unless told. */
  at?: Date;
}

/**
 * Rate limits as seen by every caller: health checks and connection tests,
 * the instrumented client, and usage reported by other services. Keeps the
 * latest reading of each window and the history of hits, and forecasts when
 * each limit runs out.
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

  /** Reads and records what one answer said about rate limits. */
  async recordAnswer(
    context: RateLimitContext,
    answer: Omit<ProviderAnswer, 'endpoint' | 'status'>,
  ): Promise<RateLimitObservation> {
    const observation = observeRateLimits(
      { ...answer, endpoint: context.endpoint, status: context.status },
      context.at ?? this.now(),
    );
    await this.record(
      context.integration,
      context.environment,
      context.endpoint,
      observation,
      context.readBy,
      { status: context.status, at: context.at },
    );
    return observation;
  }

  /**
   * Records an observation already read (the instrumented client reads the
   * answer itself to throttle): the figures become the latest reading of
   * their window, and a refusal or a window reaching zero is a hit.
   */
  async record(
    integration: string,
    environment: Environment,
    endpoint: string,
    observation: RateLimitObservation,
    readBy: RateLimitReader,
    options: { status?: number; at?: Date; hitId?: string } = {},
  ): Promise<void> {
    const at = options.at ?? this.now();
    const previous = await this.store.saveReadings(
      observation.figures.map(figure => ({
        integration,
        environment,
        figure,
        readBy,
        readAt: at.toISOString(),
      })),
    );
    const hits: RateLimitHit[] = [];
    const base = {
      integration,
      environment,
      endpoint,
      readBy,
      hitAt: at.toISOString(),
      ...(options.status !== undefined ? { status: options.status } : {}),
    };
    if (observation.refusal) {
      const { retryAfterSeconds, reason, source, field } = observation.refusal;
      hits.push({
        ...base,
        id: options.hitId ?? randomUUID(),
        ...(retryAfterSeconds !== undefined
          ? { delaySeconds: retryAfterSeconds }
          : {}),
        ...(reason ? { reason } : {}),
        source,
        field,
      });
    } else {
      // A window that just reached zero is a hit, once, not every reading after.
      const spent = observation.figures.find(
        figure =>
          figure.remaining === 0 &&
          !previous.some(
            old =>
              old.figure.key === figure.key &&
              old.figure.remaining === 0 &&
              old.figure.resetAt === figure.resetAt,
          ),
      );
      if (spent) {
        hits.push({
          ...base,
          id: options.hitId ?? randomUUID(),
          ...(spent.resetAt
            ? {
                delaySeconds: Math.max(
                  0,
                  Math.ceil((Date.parse(spent.resetAt) - at.getTime()) / 1000),
                ),
              }
            : {}),
          source: spent.source,
          field: spent.field,
        });
      }
    }
    await this.store.addHits(hits);
  }

  /**
   * What usage events reported of rate limits: the figures a caller read,
   * and 429s as hits. A retried batch records each hit once.
   */
  async recordUsageEvents(events: UsageEvent[]): Promise<void> {
    const ordered = [...events].sort((a, b) =>
      a.occurredAt.localeCompare(b.occurredAt),
    );
    for (const event of ordered) {
      const figures: RateLimitFigure[] = event.rateLimit
        ? [
            {
              key: event.rateLimit.policy ?? event.endpoint,
              ...(event.rateLimit.limit !== undefined
                ? { limit: event.rateLimit.limit }
                : {}),
              ...(event.rateLimit.remaining !== undefined
                ? { remaining: event.rateLimit.remaining }
                : {}),
              ...(event.rateLimit.resetAt
                ? { resetAt: new Date(event.rateLimit.resetAt).toISOString() }
                : {}),
              ...(event.rateLimit.window
                ? { windowSeconds: Math.round(event.rateLimit.window) }
                : {}),
              ...(event.rateLimit.policy
                ? { policy: event.rateLimit.policy }
                : {}),
              source: 'header',
              field: 'rateLimit',
            },
          ]
        : [];
      const refused = event.status === 429;
      if (!figures.length && !refused) {
        continue;
      }
      const observation: RateLimitObservation = refused
        ? {
            figures,
            refusal: {
              ...(event.retryAfterSeconds !== undefined
                ? { retryAfterSeconds: event.retryAfterSeconds }
                : {}),
              source: 'observed',
              field:
                event.retryAfterSeconds !== undefined
                  ? 'retryAfterSeconds'
                  : 'status',
            },
          }
        : { figures };
      await this.record(
        event.integration,
        event.environment,
        event.endpoint,
        observation,
        'usage_event',
        {
          status: event.status,
          at: new Date(event.occurredAt),
          hitId: `usage:${event.id}`,
        },
      );
    }
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
      return { environment: query.environment, items: [] };
    }
    const [readings, hits, recent, hourly] = await Promise.all([
      this.store.listReadings({
        environment: query.environment,
        integrations: names,
      }),
      this.store.listHits({
        environment: query.environment,
        integrations: names,
        since: new Date(now.getTime() - HISTORY_DAYS * DAY_MS),
        limit: HISTORY_PER_INTEGRATION * names.length,
      }),
      this.rollups.list({
        granularity: 'minute',
        from: new Date(now.getTime() - RATE_WINDOW_MS),
        to: now,
        environment: query.environment,
        ...(names.length === 1 ? { integration: names[0] } : {}),
      }),
      this.rollups.list({
        granularity: 'hour',
        from: new Date(now.getTime() - HISTORY_DAYS * DAY_MS),
        to: now,
        environment: query.environment,
        ...(names.length === 1 ? { integration: names[0] } : {}),
      }),
    ]);
    const items = configs.map(config =>
      this.statusOf(config, {
        now,
        readings: readings.filter(r => r.integration === config.name),
        hits: hits
          .filter(hit => hit.integration === config.name)
          .slice(0, HISTORY_PER_INTEGRATION),
        recent: recent.filter(r => r.integration === config.name),
        hourly: hourly.filter(r => r.integration === config.name),
      }),
    );
    return { environment: query.environment, items };
  }

  /** Drops hits past the usage retention. */
  async deleteHitsOlderThan(cutoff: Date): Promise<number> {
    return this.store.deleteHitsOlderThan(cutoff);
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
    for (const reading of data.readings) {
      const { figure } = reading;
      rateLimits[figure.key] = {
        ...windowFields(figure),
        source: figure.source,
        field: figure.field,
        readBy: reading.readBy,
        readAt: reading.readAt,
        forecast: forecastOf(figure, rateFor(figure.key), now),
      };
    }
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
      rateLimits[limit.key] = {
        ...windowFields(figure),
        source: 'catalog',
        remainingSource: 'observed',
        field: figure.field,
        forecast: forecastOf(figure, callsPerMinute(), now),
      };
    }

    const buffer = config.connectionConfig.rateLimitBuffer;
    const recommended = recommendedRequestRate(
      Object.values(rateLimits).map(status => ({
        limit: status.limit,
        windowSeconds: status.window
          ? Number(status.window.replace(/s$/, ''))
          : undefined,
      })),
      buffer,
    );
    return {
      integrationName: config.name,
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
        bufferRecommendation: buffer,
        peakUsageTimes: peakHours(data.hourly),
      },
    };
  }
}

function windowFields(figure: RateLimitFigure) {
  return {
    ...(figure.limit !== undefined ? { limit: figure.limit } : {}),
    ...(figure.remaining !== undefined ? { remaining: figure.remaining } : {}),
    ...(figure.resetAt ? { resetTime: figure.resetAt } : {}),
    ...(figure.windowSeconds ? { window: `${figure.windowSeconds}s` } : {}),
  };
}
