import { BreakerState } from './CallGuards';

/** The provider's answer, or the backend's own when it did not call. */
export interface ClientAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  attempts: number;
  throttleDelayMs: number;
  breaker: BreakerState;
}

export function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8' };
}

/** An answer the backend gives itself, in Backstage's error shape. */
export function ownAnswer(
  status: number,
  name: string,
  message: string,
): Omit<ClientAnswer, 'breaker'> {
  return {
    status,
    headers: jsonHeaders(),
    body: Buffer.from(JSON.stringify({ error: { name, message } })),
    attempts: 0,
    throttleDelayMs: 0,
  };
}

export function breakerOpenAnswer(
  integration: string,
  halfOpensInMs: number,
): Omit<ClientAnswer, 'breaker'> {
  const seconds = Math.max(1, Math.ceil(halfOpensInMs / 1000));
  const answer = ownAnswer(
    503,
    'CircuitOpenError',
    `${integration} failed repeatedly, so calls to it are paused; one call will probe it again in ${seconds} s`,
  );
  return {
    ...answer,
    headers: { ...answer.headers, 'retry-after': String(seconds) },
  };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The throttle's refusal: waiting for the window would outlast the call. */
export function throttledAnswer(
  integration: string,
  buffer: number,
  waitMs: number,
): Omit<ClientAnswer, 'breaker'> {
  const answer = ownAnswer(
    429,
    'RateLimitBufferError',
    `${integration} keeps ${Math.round(
      buffer * 100,
    )} % of its rate limit free and the window resets after this call's timeout; try again later`,
  );
  return {
    ...answer,
    headers: {
      ...answer.headers,
      'retry-after': String(Math.ceil(waitMs / 1000)),
    },
  };
}
