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
import { RateLimitHit, RateLimitStore } from './RateLimitStore';

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

  /** Drops hits past the usage retention. */
  async deleteHitsOlderThan(cutoff: Date): Promise<number> {
    return this.store.deleteHitsOlderThan(cutoff);
  }
}
