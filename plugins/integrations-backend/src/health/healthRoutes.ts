import {
  Environment,
  healthHistoryQuerySchema,
  healthQuerySchema,
  statusQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { RequestGuard } from '../permissions/RequestGuard';
import { parseInput } from '../http/validation';
import { HealthService } from './HealthService';
import { readableHealth } from './readableHealth';

/** Health: `/status`, `/health` and `/health/history`. */
export function addHealthRoutes(
  router: express.Router,
  options: { guard: RequestGuard; health: HealthService },
) {
  const { guard, health } = options;

  router.get('/status', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(statusQuerySchema, req.query, 'query');
    const environment: Environment = query.environment ?? 'production';
    res.json(
      await health.dashboard(
        environment,
        await guard.readableFilter(credentials),
      ),
    );
  });

  router.get('/health/history', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(healthHistoryQuerySchema, req.query, 'query');
    const visible = await health.list({
      ...(await guard.readableFilter(credentials)),
      environment: query.environment,
    });
    const requested = query.integrations?.split(',');
    const names = visible
      .map(item => item.integration)
      .filter(name => !requested || requested.includes(name));
    res.json(
      await health.history(query.environment, query.range ?? '24h', names),
    );
  });

  router.get('/health', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(healthQuerySchema, req.query, 'query');
    // The spec's call names no environment: production unless one is given.
    const environment: Environment = query.environment ?? 'production';
    res.json({
      environment,
      items: await readableHealth({ guard, health }, credentials, {
        environment,
        integration: query.integration,
      }),
    });
  });
}
