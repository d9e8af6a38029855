import {
  Environment,
  RateLimitFigure,
  RateLimitObservation,
  RateLimitReader,
  UsageEvent,
} from '@internal/plugin-integrations-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { ProviderAnswer, observeRateLimits } from './observeRateLimits';
import {
  RateLimitHit,
  RateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';

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
 * Records rate limits as every caller sees them: health checks and
 * connection tests, the instrumented client, and usage reported by other
 * services. Keeps the latest reading of each window and the history of hits.
 */
export class RateLimitRecorder {
  private readonly store: RateLimitStore;
  private readonly logger?: LoggerService;
  private readonly now: () => Date;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: {
    store: RateLimitStore;
    logger?: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * {@link RateLimitRecorder.recordAnswer} without waiting: for callers whose
   * own timing must not include the database. A reading that cannot be
   * stored is logged and lost.
   */
  recordInBackground(
    context: RateLimitContext,
    answer: Omit<ProviderAnswer, 'endpoint' | 'status'>,
  ): void {
    const at = context.at ?? this.now();
    const recording = this.recordAnswer({ ...context, at }, answer)
      .catch(error =>
        this.logger?.warn(
          `Could not store the rate limit of ${context.integration} (${context.environment})`,
          error,
        ),
      )
      .finally(() => this.pending.delete(recording));
    this.pending.add(recording);
  }

  /** Resolves once every background recording has been stored (or failed). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
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
    const hit = hitOf(
      { integration, environment, endpoint, readBy, status: options.status },
      observation,
      previous.map(reading => reading.figure),
      at,
      options.hitId ?? randomUUID(),
    );
    await this.store.addHits(hit ? [hit] : []);
  }

  /**
   * What usage events reported of rate limits: the figures a caller read,
   * and 429s as hits. One write for a whole batch; a retried batch records
   * each hit once, by event id.
   */
  async recordUsageEvents(events: UsageEvent[]): Promise<void> {
    const ordered = events
      .filter(event => event.rateLimit || event.status === 429)
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    if (!ordered.length) {
      return;
    }
    // The batch's last reading of each window is the one kept.
    const latest = new Map<string, StoredRateLimitReading>();
    const hits: RateLimitHit[] = [];
    for (const event of ordered) {
      const observation = observationOf(event);
      const at = new Date(event.occurredAt);
      const scope = {
        integration: event.integration,
        environment: event.environment,
      };
      const keyOf = (figure: RateLimitFigure) =>
        `${scope.integration}:${scope.environment}:${figure.key}`;
      const hit = hitOf(
        {
          ...scope,
          endpoint: event.endpoint,
          readBy: 'usage_event',
          status: event.status,
        },
        observation,
        observation.figures.flatMap(
          figure => latest.get(keyOf(figure))?.figure ?? [],
        ),
        at,
        `usage:${event.id}`,
      );
      if (hit) {
        hits.push(hit);
      }
      for (const figure of observation.figures) {
        latest.set(keyOf(figure), {
          ...scope,
          figure,
          readBy: 'usage_event',
          readAt: at.toISOString(),
        });
      }
    }
    await this.store.saveReadings([...latest.values()]);
    await this.store.addHits(hits);
  }

  /** Drops hits past the usage retention. */
  async deleteHitsOlderThan(cutoff: Date): Promise<number> {
    return this.store.deleteHitsOlderThan(cutoff);
  }
}

/** A usage event's rate limit as the caller read it, and its 429. */
function observationOf(event: UsageEvent): RateLimitObservation {
  const reported = event.rateLimit;
  const figures: RateLimitFigure[] = reported
    ? [
        {
          key: reported.policy ?? event.endpoint,
          ...(reported.limit !== undefined ? { limit: reported.limit } : {}),
          ...(reported.remaining !== undefined
            ? { remaining: reported.remaining }
            : {}),
          ...(reported.resetAt
            ? { resetAt: new Date(reported.resetAt).toISOString() }
            : {}),
          ...(reported.window
            ? { windowSeconds: Math.round(reported.window) }
            : {}),
          ...(reported.policy ? { policy: reported.policy } : {}),
          source: 'header',
          field: 'rateLimit',
        },
      ]
    : [];
  if (event.status !== 429) {
    return { figures };
  }
  return {
    figures,
    refusal: {
      ...(event.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: event.retryAfterSeconds }
        : {}),
      source: 'observed',
      field:
        event.retryAfterSeconds !== undefined ? 'retryAfterSeconds' : 'status',
    },
  };
}

/**
 * The hit an observation stands for, if any: a refusal, or a window that
 * has just reached zero (once, not at every reading while it stays spent).
 */
function hitOf(
  context: Omit<RateLimitContext, 'at'>,
  observation: RateLimitObservation,
  previous: RateLimitFigure[],
  at: Date,
  id: string,
): RateLimitHit | undefined {
  const base = {
    id,
    integration: context.integration,
    environment: context.environment,
    endpoint: context.endpoint,
    readBy: context.readBy,
    hitAt: at.toISOString(),
    ...(context.status !== undefined ? { status: context.status } : {}),
  };
  if (observation.refusal) {
    const { retryAfterSeconds, reason, source, field } = observation.refusal;
    return {
      ...base,
      ...(retryAfterSeconds !== undefined
        ? { delaySeconds: retryAfterSeconds }
        : {}),
      ...(reason ? { reason } : {}),
      source,
      field,
    };
  }
  const spent = observation.figures.find(
    figure =>
      figure.remaining === 0 &&
      !previous.some(
        old =>
          old.key === figure.key &&
          old.remaining === 0 &&
          old.resetAt === figure.resetAt,
      ),
  );
  if (!spent) {
    return undefined;
  }
  return {
    ...base,
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
  };
}
