import { toOutboundRequestError } from './failures';
import { OutboundRequestError } from './OutboundRequestError';

export interface DeadlineOptions {
  origin: string;
  timeoutMs: number;
  /** Opens the timeout message: "Request to …" or "Connection to …". */
  subject: 'Request' | 'Connection';
  /** Named when the socket gives up connecting on its own. */
  connectTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or when the
 * caller's signal does, so one clock covers every phase (DNS, connect,
 * headers, body) and every failure leaves as an OutboundRequestError.
 */
export async function withDeadline<T>(
  options: DeadlineOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { origin, timeoutMs, subject, signal: callerSignal } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal
    ? AbortSignal.any([callerSignal, timeout])
    : timeout;
  try {
    return await work(signal);
  } catch (error) {
    if (error instanceof OutboundRequestError) {
      throw error;
    }
    // Checked before the timeout, so that an abort is reported as such.
    if (callerSignal?.aborted) {
      throw new OutboundRequestError(
        'timeout',
        origin,
        `${subject} to ${origin} was aborted`,
      );
    }
    if (timeout.aborted) {
      throw new OutboundRequestError(
        'timeout',
        origin,
        `${subject} to ${origin} timed out after ${timeoutMs} ms`,
      );
    }
    throw toOutboundRequestError(error, origin, options.connectTimeoutMs);
  }
}

/** Settles like `promise`, or rejects as soon as `signal` aborts. */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
