import { ErrorRequestHandler, RequestHandler, Router } from 'express';
import { ProviderContext, SimulatedProvider } from '../providers/types';
import { redactPath, RequestLog } from '../state/RequestLog';
import { SimulatorState } from '../state/SimulatorState';
import { applyKnobs } from './knobs';
import { countAgainstRateLimit } from './rateLimit';
import { sendReply } from './reply';

function recordRequests(log: RequestLog, now: () => number): RequestHandler {
  return (req, res, next) => {
    const entry = log.record({
      method: req.method,
      path: redactPath(req.path),
      at: new Date(now()).toISOString(),
      status: null,
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    next();
  };
}

function answerErrors(provider: SimulatedProvider): ErrorRequestHandler {
  // Body parsers fail with the status to answer, such as 400 for malformed JSON.
  return (error, _req, res, _next) => {
    const status = Number(error?.status);
    sendReply(
      res,
      provider.errors.failure(status >= 400 && status < 600 ? status : 500),
    );
  };
}

/**
 * Everything under `/<provider id>`: the request log, the behaviour knobs and
 * the rate limit, then the provider's own routes, then its 404.
 */
export function createProviderRouter(
  provider: SimulatedProvider,
  state: SimulatorState,
): Router {
  const behaviour = () => state.get(provider.id);
  const window = state.rateLimitWindow(provider.id);
  const context: ProviderContext = {
    behaviour,
    now: state.now,
    tokens: state.tokens,
    rateLimitUsage: () => window.usage(),
    requireCredentials: isValid => (req, res, next) => {
      if (!behaviour().rejectCredentials && isValid(req)) {
        next();
      } else {
        sendReply(res, provider.errors.unauthorized(req));
      }
    },
  };

  const router = Router();
  router.use(recordRequests(state.requestLog(provider.id), state.now));
  router.use((_req, res, next) => {
    res.set(provider.responseHeaders?.() ?? {});
    next();
  });
  const retryAfter = () => ({
    format: behaviour().retryAfterFormat ?? 'seconds',
    now: state.now(),
  });
  router.use(applyKnobs(provider, behaviour, window, retryAfter));
  router.use(countAgainstRateLimit(provider, window, retryAfter));
  router.use(provider.routes(context));
  router.use((req, res) => sendReply(res, provider.errors.notFound(req)));
  router.use(answerErrors(provider));
  return router;
}
