import {
  ProviderDefinition,
  RateLimitReading,
} from '@internal/plugin-integrations-common';
import { observeRateLimits } from '../rateLimits/observeRateLimits';

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * The provider's rate-limit headers, read the way the catalog describes
 * them; for a provider the catalog says nothing of, the tightest limit any
 * known header format reports.
 */
export function readRateLimit(
  provider: ProviderDefinition,
  headers: Record<string, string>,
  now: Date = new Date(),
): RateLimitReading | undefined {
  const spec = provider.probes.rateLimit;
  if (!spec) {
    return tightestOf(headers, now);
  }
  const limit = numberOf(headers[spec.limit.toLowerCase()]);
  const remaining = numberOf(headers[spec.remaining.toLowerCase()]);
  const reset = numberOf(headers[spec.reset.toLowerCase()]);
  if (limit === undefined && remaining === undefined) {
    return undefined;
  }
  const resetAt =
    reset === undefined
      ? undefined
      : new Date(
          spec.resetUnit === 'epoch_seconds'
            ? reset * 1000
            : now.getTime() + reset * 1000,
        ).toISOString();
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetAt ? { resetAt } : {}),
    source: 'header',
    field: spec.remaining.toLowerCase(),
  };
}

function tightestOf(
  headers: Record<string, string>,
  now: Date,
): RateLimitReading | undefined {
  const share = (remaining?: number, limit?: number) =>
    remaining !== undefined && limit ? remaining / limit : 1;
  const [tightest] = observeRateLimits({ headers }, now).figures.sort(
    (a, b) => share(a.remaining, a.limit) - share(b.remaining, b.limit),
  );
  if (!tightest) {
    return undefined;
  }
  const { limit, remaining, resetAt, source, field } = tightest;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetAt ? { resetAt } : {}),
    source,
    field,
  };
}
