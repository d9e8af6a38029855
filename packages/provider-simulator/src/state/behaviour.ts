/**
 * How one simulated provider misbehaves. Every field is a knob of the control
 * API; the defaults make the provider healthy.
 */
export type ProviderBehaviour = {
  /** Delay before every answer. */
  latencyMs: number;
  /** Fraction, 0 to 1, of requests that fail with 503. */
  failureRate: number;
  /** When set, every request is answered with this status. */
  status?: number;
  /** When set, every request is rate limited with this Retry-After. */
  retryAfterSeconds?: number;
  /** Retry-After as an HTTP date instead of seconds (RFC 9110 allows both); seconds unless set. */
  retryAfterFormat?: 'seconds' | 'http-date';
  /** Never answer, as a provider whose load balancer swallows requests. */
  hang: boolean;
  /** Refuse every credential, as after a revoked key. */
  rejectCredentials: boolean;
  /** Scopes the presented credentials are said to have. */
  scopes?: string[];
  /**
   * A tighter limit than the provider's own, for rate-limit pressure: this
   * many requests per window of this many seconds, reported in the
   * provider's headers and refused in its format once spent.
   */
  rateLimit?: RateLimitOverride;
};

export type RateLimitOverride = { limit: number; windowSeconds: number };

/**
 * A change to a behaviour. `null` clears an optional knob; for `scopes` that
 * means the provider's default scopes again.
 */
export type BehaviourPatch = {
  latencyMs?: number;
  failureRate?: number;
  status?: number | null;
  retryAfterSeconds?: number | null;
  retryAfterFormat?: 'seconds' | 'http-date' | null;
  /** Spends the current rate-limit window down to this many requests. */
  rateLimitRemaining?: number;
  hang?: boolean;
  rejectCredentials?: boolean;
  scopes?: string[] | null;
  rateLimit?: RateLimitOverride | null;
};

/** A behaviour patch with a bad value; the message names the field. */
export class InvalidBehaviourError extends Error {
  name = 'InvalidBehaviourError';
}

const MAX_LATENCY_MS = 600_000;

export function defaultBehaviour(defaultScopes: string[]): ProviderBehaviour {
  return {
    latencyMs: 0,
    failureRate: 0,
    hang: false,
    rejectCredentials: false,
    scopes: [...defaultScopes],
  };
}

function fail(field: string, why: string): never {
  throw new InvalidBehaviourError(`${field}: ${why}`);
}

function numberIn(field: string, value: unknown, min: number, max: number) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(field, 'must be a number');
  }
  if (value < min || value > max) {
    fail(
      field,
      max === Infinity
        ? `must be ${min} or more`
        : `must be between ${min} and ${max}`,
    );
  }
  return value;
}

function wholeNumberIn(
  field: string,
  value: unknown,
  min: number,
  max: number,
) {
  const number = numberIn(field, value, min, max);
  if (!Number.isInteger(number)) {
    fail(field, 'must be a whole number');
  }
  return number;
}

function boolean(field: string, value: unknown) {
  if (typeof value !== 'boolean') {
    fail(field, 'must be true or false');
  }
  return value;
}

function stringList(field: string, value: unknown) {
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
    fail(field, 'must be an array of strings');
  }
  return value as string[];
}

const fieldParsers: {
  [K in keyof BehaviourPatch]-?: (value: unknown) => BehaviourPatch[K];
} = {
  latencyMs: value => numberIn('latencyMs', value, 0, MAX_LATENCY_MS),
  failureRate: value => numberIn('failureRate', value, 0, 1),
  // A 1xx status cannot end an HTTP exchange, so clients would only see a broken connection.
  status: value =>
    value === null ? null : wholeNumberIn('status', value, 200, 599),
  // Retry-After only carries whole seconds.
  retryAfterSeconds: value =>
    value === null
      ? null
      : wholeNumberIn('retryAfterSeconds', value, 0, Infinity),
  retryAfterFormat: value => {
    if (value === null) {
      return null;
    }
    if (value !== 'seconds' && value !== 'http-date') {
      fail('retryAfterFormat', "must be 'seconds' or 'http-date'");
    }
    return value;
  },
  rateLimitRemaining: value =>
    wholeNumberIn('rateLimitRemaining', value, 0, Infinity),
  hang: value => boolean('hang', value),
  rejectCredentials: value => boolean('rejectCredentials', value),
  scopes: value => (value === null ? null : stringList('scopes', value)),
  rateLimit: value => (value === null ? null : rateLimitOverride(value)),
};

function rateLimitOverride(value: unknown): RateLimitOverride {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('rateLimit', 'must be { limit, windowSeconds } or null');
  }
  const { limit, windowSeconds, ...rest } = value as Record<string, unknown>;
  const [extra] = Object.keys(rest);
  if (extra) {
    fail(`rateLimit.${extra}`, 'is not a rate-limit setting');
  }
  return {
    limit: wholeNumberIn('rateLimit.limit', limit, 1, 1_000_000),
    windowSeconds: wholeNumberIn(
      'rateLimit.windowSeconds',
      windowSeconds,
      1,
      86_400,
    ),
  };
}

function isKnownField(field: string): field is keyof BehaviourPatch {
  return Object.hasOwn(fieldParsers, field);
}

/**
 * Checks a patch from an untrusted source, such as a control API request.
 * Fields set to `undefined` are left out, as if they were not given.
 */
export function parseBehaviourPatch(input: unknown): BehaviourPatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('body', 'must be a JSON object');
  }
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!isKnownField(field)) {
      fail(field, 'is not a behaviour setting');
    }
    if (value !== undefined) {
      patch[field] = fieldParsers[field](value);
    }
  }
  return patch as BehaviourPatch;
}

export function applyBehaviourPatch(
  behaviour: ProviderBehaviour,
  patch: BehaviourPatch,
  defaultScopes: string[],
): ProviderBehaviour {
  const {
    status,
    retryAfterSeconds,
    retryAfterFormat,
    scopes,
    rateLimit,
    // Applied to the rate-limit window by the state, never kept.
    rateLimitRemaining,
    ...rest
  } = patch;
  const next: ProviderBehaviour = { ...behaviour, ...rest };
  if (retryAfterFormat === null) {
    delete next.retryAfterFormat;
  } else if (retryAfterFormat !== undefined) {
    next.retryAfterFormat = retryAfterFormat;
  }
  setOrClear(next, 'status', status);
  setOrClear(next, 'retryAfterSeconds', retryAfterSeconds);
  if (rateLimit === null) {
    delete next.rateLimit;
  } else if (rateLimit !== undefined) {
    next.rateLimit = { ...rateLimit };
  }
  if (scopes !== undefined) {
    next.scopes = [...(scopes ?? defaultScopes)];
  }
  return next;
}

// A cleared knob is dropped rather than kept as undefined, so a behaviour shows only what is in force.
function setOrClear(
  behaviour: ProviderBehaviour,
  key: 'status' | 'retryAfterSeconds',
  value: number | null | undefined,
) {
  if (value === null) {
    delete behaviour[key];
  } else if (value !== undefined) {
    behaviour[key] = value;
  }
}
