import {
  DelegateBackoff,
  handleWhen,
  IRetryBackoffContext,
  retry,
  RetryPolicy,
} from 'cockatiel';
import { OutboundRequestError, SafeHttpResponse } from '../network';
import { retryAfterMs } from './clientAnswers';

export interface RetrySettings {
  /** First backoff; each retry doubles it, with full jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
  'connection_refused',
  'connection_closed',
  'timeout',
  'network_error',
]);

/**
 * Retries of one call: only an idempotent request is sent again, only on
 * answers that say "later" (429, 502, 503, 504) or no answer, after a
 * jittered exponential backoff that waits at least the provider's
 * Retry-After, and never past the call's deadline: a Retry-After beyond it
 * ends the retries with the provider's answer.
 */
export function retryPolicyFor(options: {
  idempotent: boolean;
  retries: number;
  /** Epoch ms by which the caller wants an answer. */
  deadline: number;
  settings: RetrySettings;
}): RetryPolicy {
  const { idempotent, deadline, settings } = options;
  const retryAfterOf = (answer: SafeHttpResponse) =>
    retryAfterMs(answer.headers['retry-after']);
  return retry(
    handleWhen(
      error =>
        idempotent &&
        error instanceof OutboundRequestError &&
        RETRYABLE_CODES.has(error.code),
    ).orWhenResult(result => {
      const answer = result as SafeHttpResponse;
      return (
        idempotent &&
        RETRYABLE_STATUS.has(answer.status) &&
        Date.now() + (retryAfterOf(answer) ?? 0) < deadline
      );
    }),
    {
      maxAttempts: options.retries,
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
        const exponential = Math.min(
          settings.maxDelayMs,
          settings.initialDelayMs * 2 ** (context.attempt - 1),
        );
        const honoured =
          'value' in context.result
            ? retryAfterOf(context.result.value as SafeHttpResponse) ?? 0
            : 0;
        const delay = Math.max(honoured, Math.random() * exponential);
        return Math.max(0, Math.min(delay, deadline - Date.now()));
      }),
    },
  );
}
