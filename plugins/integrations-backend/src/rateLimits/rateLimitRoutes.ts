import { rateLimitsQuerySchema } from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from './RateLimitService';
import { readableRateLimits } from './readableRateLimits';

/**
 * `GET /rate-limits`: each limit of the integrations the caller may read,
 * with where it was read, the hits and a forecast.
 */
export function addRateLimitRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    rateLimits: RateLimitService;
    configs: ConfigStore;
  },
) {
  const { guard } = options;

  router.get('/rate-limits', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(rateLimitsQuerySchema, req.query, 'query');
    res.json(
      await readableRateLimits(options, credentials, {
        environment: query.environment ?? 'production',
        integration: query.integration,
      }),
    );
  });
}
