import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
} from '@backstage/errors';

/** A 429: the integration sends faster than the receiver takes. */
export class InboundRateLimitedError extends CustomErrorBase {
  name = 'InboundRateLimitedError' as const;
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** A 413: a webhook larger than the receiver reads. */
export class InboundBodyTooLargeError extends CustomErrorBase {
  name = 'InboundBodyTooLargeError' as const;
  readonly statusCode = 413;
}

/** The status a refusal is answered with, as recorded in the log. */
export function statusOf(error: Error): number {
  if (error instanceof InputError) {
    return 400;
  }
  if (error instanceof NotFoundError) {
    return 404;
  }
  if (error instanceof ConflictError) {
    return 409;
  }
  return (error as { statusCode?: number }).statusCode ?? 500;
}
