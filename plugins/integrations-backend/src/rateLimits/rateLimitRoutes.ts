import {
  Environment,
  rateLimitsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from './RateLimitService';

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
  const { guard, rateLimits, configs } = options;

  router.get('/rate-limits', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(rateLimitsQuerySchema, req.query, 'query');
    const environment: Environment = query.environment ?? 'production';
    const { items } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    res.json(
      await rateLimits.status({
        environment,
        readable: items,
        integration: query.integration,
      }),
    );
  });
}
