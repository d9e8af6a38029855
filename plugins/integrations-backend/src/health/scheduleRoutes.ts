import {
  HealthScheduleResponse,
  healthScheduleQuerySchema,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import Router from 'express-promise-router';
import { RequestGuard } from '../service/RequestGuard';
import { parseConfigurationTarget, parseInput } from '../service/validation';
import { HealthScheduleService } from './HealthScheduleService';

/**
 * The health-check schedule: `GET /health/schedule` and pausing or resuming
 * one configuration's checks with `POST /health/schedule/:name/pause` and
 * `/resume`.
 */
export function healthScheduleRoutes(options: {
  guard: RequestGuard;
  schedule: HealthScheduleService;
}): express.Router {
  const { guard, schedule } = options;
  const router = Router();

  router.get('/health/schedule', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { environment } = parseInput(
      healthScheduleQuerySchema,
      req.query,
      'query',
    );
    const items = await schedule.list({
      ...(await guard.readableFilter(credentials)),
      ...(environment ? { environment } : {}),
    });
    res.json({ items } satisfies HealthScheduleResponse);
  });

  const actions = {
    pause: 'health_checks_paused',
    resume: 'health_checks_resumed',
  } as const;
  for (const verb of ['pause', 'resume'] as const) {
    router.post(`/health/schedule/:name/${verb}`, async (req, res) => {
      const credentials = await guard.userCredentials(req);
      const { name, environment } = parseConfigurationTarget(req);
      const result = await guard.changeConfiguration(
        req,
        credentials,
        {
          eventId: `integration-health-checks-${verb}`,
          action: actions[verb],
          permission: integrationUpdatePermission,
          name,
          environment,
          severityLevel: 'medium',
        },
        () => schedule[verb](name, environment, guard.actor(req, credentials)),
      );
      res.json(result);
    });
  }

  return router;
}
