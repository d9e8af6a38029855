import {
  HealthScheduleResponse,
  healthScheduleQuerySchema,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { parseConfigurationTarget, parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { HealthScheduleService } from './HealthScheduleService';

/**
 * The health-check schedule: `GET /health/schedule` and pausing or resuming
 * one configuration's checks with `POST /health/schedule/:name/pause` and
 * `/resume`.
 */
export function addHealthScheduleRoutes(
  router: express.Router,
  options: { guard: RequestGuard; schedule: HealthScheduleService },
) {
  const { guard, schedule } = options;

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
}
