import {
  RateLimitObservation,
  RateLimitRefusal,
} from '@internal/plugin-integrations-common';
import { readGa4PropertyQuota, readTelegramRetryAfter } from './bodyReaders';
import {
  Headers,
  readBrevoRateLimit,
  readIetfRateLimit,
  readRetryAfter,
  readTwitterRateLimit,
  readXRateLimit,
} from './headerReaders';

/** One answer from a provider, as far as rate limits are concerned. */
export interface ProviderAnswer {
  status?: number;
  headers: Headers;
  /** The parsed JSON body, when there is one. */
  body?: unknown;
  /** The endpoint template called, for limits counted per endpoint. */
  endpoint?: string;
}

/**
 * Everything an answer says about rate limits, in whichever of the formats
 * providers use: each figure says where it was read.
 */
export function observeRateLimits(
  answer: ProviderAnswer,
  now: Date = new Date(),
): RateLimitObservation {
  const headers = lowerCased(answer.headers);
  const figures = [
    ...readIetfRateLimit(headers, now),
    ...readXRateLimit(headers, now),
    ...readTwitterRateLimit(headers, now, answer.endpoint),
    ...readBrevoRateLimit(headers, now),
    ...readGa4PropertyQuota(answer.body),
  ];
  const refusal = refusalOf(answer, headers, now, figures);
  return refusal ? { figures, refusal } : { figures };
}

function refusalOf(
  answer: ProviderAnswer,
  headers: Headers,
  now: Date,
  figures: RateLimitObservation['figures'],
): RateLimitRefusal | undefined {
  // GitHub refuses a spent limit with 403 and remaining 0, not 429.
  const spent =
    answer.status === 403 && figures.some(figure => figure.remaining === 0);
  if (answer.status !== 429 && !spent) {
    return undefined;
  }
  const reason = headers['stripe-rate-limited-reason'];
  const reasonPart = reason ? { reason } : {};
  const fromHeader = readRetryAfter(headers, now);
  if (fromHeader !== undefined) {
    return {
      retryAfterSeconds: fromHeader,
      ...reasonPart,
      source: 'header',
      field: 'retry-after',
    };
  }
  const fromBody = readTelegramRetryAfter(answer.body);
  if (fromBody !== undefined) {
    return {
      retryAfterSeconds: fromBody,
      ...reasonPart,
      source: 'body',
      field: 'parameters.retry_after',
    };
  }
  const resets = figures
    .filter(figure => figure.remaining === 0 && figure.resetAt)
    .map(figure => Date.parse(figure.resetAt!));
  if (resets.length) {
    return {
      retryAfterSeconds: Math.max(
        0,
        Math.ceil((Math.max(...resets) - now.getTime()) / 1000),
      ),
      ...reasonPart,
      source: 'header',
      field: figures.find(figure => figure.remaining === 0)!.field,
    };
  }
  return {
    ...reasonPart,
    source: 'header',
    field: reason ? 'stripe-rate-limited-reason' : 'status',
  };
}

function lowerCased(headers: Headers): Headers {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
