import {
  Environment,
  usageAnalyticsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { UsageAnalyticsService } from './UsageAnalyticsService';

/**
 * Usage read back: `GET /analytics/usage`, over the integrations the caller
 * may read.
 */
export function addAnalyticsRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    analytics: UsageAnalyticsService;
    rateLimits: RateLimitService;
    configs: ConfigStore;
  },
) {
  const { guard, analytics, rateLimits, configs } = options;

  router.get('/analytics/usage', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(usageAnalyticsQuerySchema, req.query, 'query');
    // The spec's call names no environment: production unless one is given.
    const environment: Environment = query.environment ?? 'production';
    const { items } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    const [usage, rateLimitingStatus] = await Promise.all([
      analytics.usage({
        environment,
        readable: items,
        integration: query.integration,
        from: query.from,
        to: query.to,
      }),
      rateLimits.status({
        environment,
        readable: items,
        integration: query.integration,
      }),
    ]);
    res.json({ ...usage, rateLimitingStatus });
  });
}
