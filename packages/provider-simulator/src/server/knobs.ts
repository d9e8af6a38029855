import { RequestHandler } from 'express';
import { SimulatedProvider } from '../providers/types';
import { ProviderBehaviour } from '../state/behaviour';
import { RateLimitWindow } from '../state/RateLimitWindow';
import { exhausted, retryAfterValue, sendRateLimited } from './rateLimit';
import { sendReply } from './reply';

function waitForLatency(behaviour: () => ProviderBehaviour): RequestHandler {
  return (_req, res, next) => {
    const { latencyMs } = behaviour();
    if (latencyMs === 0) {
      next();
      return;
    }
    const timer = setTimeout(next, latencyMs);
    // A client that gave up, or close(), must not leave a timer behind.
    res.on('close', () => clearTimeout(timer));
  };
}

type RetryAfterForm = () => { format: 'seconds' | 'http-date'; now: number };

function answerForcedFailures(
  provider: SimulatedProvider,
  behaviour: () => ProviderBehaviour,
  window: RateLimitWindow,
  retryAfter: RetryAfterForm,
): RequestHandler {
  return (req, res, next) => {
    // Read after the latency, so a change made while a request waited applies to it.
    const { hang, status, retryAfterSeconds, failureRate } = behaviour();
    if (hang) {
      // Neither answer nor pass on: the socket stays open until the client or close() ends it.
      return;
    }
    if (
      status === 429 ||
      (status === undefined && retryAfterSeconds !== undefined)
    ) {
      sendRateLimited(
        res,
        provider,
        retryAfterSeconds,
        exhausted(window.usage()),
        retryAfter(),
      );
    } else if (status !== undefined) {
      // A forced 503 with a Retry-After is how a provider announces maintenance.
      if (retryAfterSeconds !== undefined) {
        const { format, now } = retryAfter();
        res.set('Retry-After', retryAfterValue(retryAfterSeconds, format, now));
      }
      sendReply(
        res,
        status === 401
          ? provider.errors.unauthorized(req)
          : provider.errors.failure(status),
      );
    } else if (Math.random() < failureRate) {
      sendReply(res, provider.errors.failure(503));
    } else {
      next();
    }
  };
}

/**
 * The behaviour knobs, applied before the provider's routes in the order of
 * the control API's documentation: latency, hang, forced status, random
 * failures. Credentials are the routes' own business.
 */
export function applyKnobs(
  provider: SimulatedProvider,
  behaviour: () => ProviderBehaviour,
  window: RateLimitWindow,
  retryAfter: RetryAfterForm,
): RequestHandler[] {
  return [
    waitForLatency(behaviour),
    answerForcedFailures(provider, behaviour, window, retryAfter),
  ];
}
