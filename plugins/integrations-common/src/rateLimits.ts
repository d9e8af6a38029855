import { z } from 'zod';
import { environmentSchema, integrationNameSchema } from './schemas';
import { Environment } from './types';

/**
 * Where a rate-limit figure came from: a response header, a response body,
 * the provider catalog (for providers that report nothing), or counted from
 * the calls seen (usage events).
 */
export const RATE_LIMIT_SOURCES = [
  'header',
  'body',
  'catalog',
  'observed',
] as const;

/** @public */
export type RateLimitSource = (typeof RATE_LIMIT_SOURCES)[number];

/** What saw the answer a reading was taken from. */
export const RATE_LIMIT_READERS = [
  'health_check',
  'connection_test',
  'client',
  'usage_event',
] as const;

/** @public */
export type RateLimitReader = (typeof RATE_LIMIT_READERS)[number];

/**
 * One limit window as a provider reported it, e.g. GitHub's `core` resource,
 * X's 24-hour app limit or GA4's `tokensPerDay`.
 */
export interface RateLimitFigure {
  /**
   * Which limit: an endpoint template, a provider resource (`core`,
   * `search`), a named window (`app-24h`) or a quota (`tokensPerDay`).
   */
  key: string;
  limit?: number;
  remaining?: number;
  used?: number;
  resetAt?: string;
  /** Length of the window, when the provider or catalog tells it. */
  windowSeconds?: number;
  /** The provider's name for the policy, e.g. the IETF `RateLimit-Policy` item. */
  policy?: string;
  source: RateLimitSource;
  /** The header or body field the figure was read from, e.g. `x-ratelimit-remaining`. */
  field: string;
}

/** An answer that refused a call for its rate limit. */
export interface RateLimitRefusal {
  /** How long the provider asked to wait, when it said. */
  retryAfterSeconds?: number;
  /** The provider's reason, such as Stripe's `Stripe-Rate-Limited-Reason`. */
  reason?: string;
  source: RateLimitSource;
  /** Where the delay or reason was read, e.g. `retry-after` or `parameters.retry_after`. */
  field: string;
}

/** Everything one answer said about rate limits. */
export interface RateLimitObservation {
  figures: RateLimitFigure[];
  /** Set when the answer was a refusal (a 429, or a spent limit). */
  refusal?: RateLimitRefusal;
}

/**
 * A limit that providers which report none publish in their documentation,
 * kept in the provider catalog.
 */
export interface CatalogRateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
  /** `utc_day`: the window resets at 00:00 UTC; `rolling`: it slides. */
  resets: 'utc_day' | 'rolling';
  description: string;
}

/** Whether a limit will last until it resets at the current call rate. */
export type RateLimitForecastStatus = 'ok' | 'warning' | 'critical';

/** When a limit runs out at the recent call rate. */
export interface RateLimitForecast {
  status: RateLimitForecastStatus;
  /** Calls per minute over the recent window. */
  callsPerMinute: number;
  /** When the remaining calls are spent at that rate; absent when they never are. */
  exhaustedAt?: string;
  message: string;
}

/** One limit of an integration as `GET /rate-limits` reports it. */
export interface RateLimitWindowStatus {
  limit?: number;
  remaining?: number;
  resetTime?: string;
  /** The window as the spec writes it, e.g. `15m`, `1h`, `1d`; absent when unknown. */
  window?: string;
  source: RateLimitSource;
  /** Where `remaining` came from when it differs from `source` (counted calls against a catalog limit). */
  remainingSource?: RateLimitSource;
  field: string;
  /** What saw the answer, and when. */
  readBy?: RateLimitReader;
  readAt?: string;
  forecast: RateLimitForecast;
}

/** @public The spec's `RateLimitStatus`, per integration. */
export interface RateLimitStatus {
  integration: string;
  environment: Environment;
  rateLimits: Record<string, RateLimitWindowStatus>;
  rateLimitHistory: Array<{
    timestamp: string;
    endpoint: string;
    hitLimit: boolean;
    /** The delay applied before the next call, in ms, when known. */
    delayTime?: number;
    status?: number;
    reason?: string;
    source: RateLimitSource;
    readBy: RateLimitReader;
  }>;
  rateLimitOptimization: {
    /** Calls per minute that keep the `rateLimitBuffer` share of the tightest limit free. */
    recommendedRequestRate?: number;
    /** Percent of each limit to keep free: the configuration's `rateLimitBuffer`. */
    bufferRecommendation: number;
    /** Starts of the busiest hours of the last week, busiest first. */
    peakUsageTimes: string[];
    /** The busiest hours of the day over the last week (UTC, `HH:00`), busiest first. */
    peakHoursOfDay: string[];
  };
}

/** @public Answer of `GET /rate-limits`: each readable integration's status by name. */
export type RateLimitsResponse = Record<string, RateLimitStatus>;

export const rateLimitsQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
  integration: integrationNameSchema.optional(),
});

/**
 * What a caller saw of a rate limit, as reported with a usage event: the
 * figures of the answer's headers, already read.
 */
export const usageRateLimitSchema = z.strictObject({
  limit: z
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .optional(),
  remaining: z
    .number({ message: 'A whole number, 0 or more' })
    .int('A whole number, 0 or more')
    .min(0, 'A whole number, 0 or more')
    .optional(),
  resetAt: z.iso
    .datetime({
      offset: true,
      message: 'An ISO 8601 date and time, e.g. 2027-01-31T10:15:00Z',
    })
    .optional(),
  /** Window length in seconds. */
  window: z
    .number({ message: 'Seconds, more than 0' })
    .positive('Seconds, more than 0')
    .optional(),
  /** The limit's name, e.g. GitHub's resource `core` or an IETF policy name. */
  policy: z.string().min(1).max(100).optional(),
});
