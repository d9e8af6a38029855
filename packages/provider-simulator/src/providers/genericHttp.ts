import { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { statusCode } from './http';
import { ietfRateLimitHeaders } from './rateLimitHeaders';

function genericError(status: number, error = statusCode(status)) {
  return { status, body: { error } };
}

const errors: ProviderErrors = {
  unauthorized: () => genericError(401, 'unauthorized'),
  rateLimited: () => genericError(429),
  failure: status => genericError(status),
  notFound: () => genericError(404),
};

function routes(context: ProviderContext): Router {
  const router = Router();
  // Any API: whatever key it takes comes in one of the two usual headers.
  router.use(
    context.requireCredentials(req =>
      Boolean(req.get('authorization') || req.get('x-api-key')),
    ),
  );

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}

export const genericHttpProvider: SimulatedProvider = {
  id: 'generic-http',
  defaultScopes: [],
  rateLimit: {
    limit: 1000,
    windowMs: 60 * 1000,
    headers: ietfRateLimitHeaders,
  },
  errors,
  routes,
};
