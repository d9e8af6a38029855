import { RateLimitFigure } from '@internal/plugin-integrations-common';
import {
  BareItem,
  InnerList,
  Item,
  parseDictionary,
  parseList,
} from 'structured-headers';

/** Response headers, names in lower case as the HTTP client gives them. */
export type Headers = Record<string, string | undefined>;

// Epoch seconds are ten digits today; a delta this large would be 30 years.
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  // Early RateLimit drafts allowed `100, 100;w=60`: the first member counts.
  const first = value.split(',')[0].split(';')[0].trim();
  const parsed = Number(first);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function isoAfter(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

/** A reset header that may be epoch seconds (GitHub, X) or seconds from now (Brevo, IETF). */
function resetOf(value: number | undefined, now: Date): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return value >= EPOCH_SECONDS_THRESHOLD
    ? new Date(value * 1000).toISOString()
    : isoAfter(now, value);
}

function figure(
  values: Omit<RateLimitFigure, 'source'>,
): RateLimitFigure | undefined {
  if (values.limit === undefined && values.remaining === undefined) {
    return undefined;
  }
  const kept = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Omit<RateLimitFigure, 'source'>;
  return { ...kept, source: 'header' };
}

function bareNumber(value: BareItem | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function nameOf(value: BareItem | Item[]): string {
  return Array.isArray(value) ? 'default' : String(value);
}

/** Structured fields that fail to parse are ignored, as the draft asks. */
function safely<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/**
 * The IETF fields of draft-ietf-httpapi-ratelimit-headers as RFC 9651
 * structured fields: `RateLimit-Policy: "default";q=100;w=60` names each
 * policy's quota and window, `RateLimit: "default";r=50;t=30` what remains
 * and when it resets. Draft 07's dictionary `RateLimit: limit=100,
 * remaining=50, reset=5` and the older `RateLimit-Limit/-Remaining/-Reset`
 * triple are read too.
 */
export function readIetfRateLimit(
  headers: Headers,
  now: Date,
): RateLimitFigure[] {
  const policies = new Map<string, { quota?: number; window?: number }>();
  const policyHeader = headers['ratelimit-policy'];
  const policyList = policyHeader
    ? safely(() => parseList(policyHeader))
    : undefined;
  for (const [value, params] of policyList ?? []) {
    policies.set(nameOf(value), {
      quota: bareNumber(params.get('q')) ?? bareNumber(value as BareItem),
      window: bareNumber(params.get('w')),
    });
  }

  const current = headers.ratelimit;
  if (current !== undefined) {
    const dictionary = safely(() => parseDictionary(current));
    if (dictionary?.has('remaining')) {
      const itemNumber = (key: string) =>
        bareNumber(
          (
            dictionary.get(key) as Item | InnerList | undefined
          )?.[0] as BareItem,
        );
      const [onlyPolicy] = [...policies.values()];
      const found = figure({
        key: 'default',
        limit: itemNumber('limit') ?? onlyPolicy?.quota,
        remaining: itemNumber('remaining'),
        resetAt: resetOf(itemNumber('reset'), now),
        windowSeconds: onlyPolicy?.window,
        field: 'ratelimit',
      });
      return found ? [found] : [];
    }
    const list = safely(() => parseList(current));
    if (list) {
      return list.flatMap(([value, params]) => {
        const name = nameOf(value);
        const policy = policies.get(name);
        const reset = bareNumber(params.get('t'));
        const found = figure({
          key: name,
          limit: policy?.quota,
          remaining: bareNumber(params.get('r')),
          resetAt: reset === undefined ? undefined : isoAfter(now, reset),
          windowSeconds: policy?.window,
          policy: name,
          field: 'ratelimit',
        });
        return found ? [found] : [];
      });
    }
  }

  // The triple's reset is always seconds from now.
  const reset = numberOf(headers['ratelimit-reset']);
  const [onlyPolicy] = [...policies.values()];
  const found = figure({
    key: 'default',
    limit: numberOf(headers['ratelimit-limit']) ?? onlyPolicy?.quota,
    remaining: numberOf(headers['ratelimit-remaining']),
    resetAt: reset === undefined ? undefined : isoAfter(now, reset),
    windowSeconds: onlyPolicy?.window,
    field: 'ratelimit-remaining',
  });
  return found ? [found] : [];
}

/**
 * `X-RateLimit-Limit/-Remaining/-Reset/-Used`, with GitHub's
 * `X-RateLimit-Resource` naming the bucket (`core`, `search`, `graphql`).
 */
export function readXRateLimit(headers: Headers, now: Date): RateLimitFigure[] {
  const found = figure({
    key: headers['x-ratelimit-resource'] ?? 'default',
    limit: numberOf(headers['x-ratelimit-limit']),
    remaining: numberOf(headers['x-ratelimit-remaining']),
    used: numberOf(headers['x-ratelimit-used']),
    resetAt: resetOf(numberOf(headers['x-ratelimit-reset']), now),
    field: 'x-ratelimit-remaining',
  });
  return found ? [found] : [];
}

/**
 * X (Twitter) API v2: the endpoint's 15-minute window in
 * `x-rate-limit-*`, and the 24-hour caps per app and per user in
 * `x-app-limit-24hour-*` and `x-user-limit-24hour-*`. Resets are epoch seconds.
 */
export function readTwitterRateLimit(
  headers: Headers,
  now: Date,
  endpoint: string | undefined,
): RateLimitFigure[] {
  const windows: Array<[prefix: string, key: string, seconds: number]> = [
    ['x-rate-limit', endpoint ?? 'endpoint-15min', 900],
    ['x-app-limit-24hour', 'app-24h', 86_400],
    ['x-user-limit-24hour', 'user-24h', 86_400],
  ];
  return windows.flatMap(([prefix, key, seconds]) => {
    const found = figure({
      key,
      limit: numberOf(headers[`${prefix}-limit`]),
      remaining: numberOf(headers[`${prefix}-remaining`]),
      resetAt: resetOf(numberOf(headers[`${prefix}-reset`]), now),
      windowSeconds: seconds,
      field: `${prefix}-remaining`,
    });
    return found ? [found] : [];
  });
}

/** Brevo's `x-sib-ratelimit-*`; its reset is seconds from now. */
export function readBrevoRateLimit(
  headers: Headers,
  now: Date,
): RateLimitFigure[] {
  const reset = numberOf(headers['x-sib-ratelimit-reset']);
  const found = figure({
    key: 'default',
    limit: numberOf(headers['x-sib-ratelimit-limit']),
    remaining: numberOf(headers['x-sib-ratelimit-remaining']),
    resetAt: reset === undefined ? undefined : isoAfter(now, reset),
    field: 'x-sib-ratelimit-remaining',
  });
  return found ? [found] : [];
}

/** `Retry-After` in seconds, from either of its forms: seconds or an HTTP date. */
export function readRetryAfter(
  headers: Headers,
  now: Date,
): number | undefined {
  const value = headers['retry-after']?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
