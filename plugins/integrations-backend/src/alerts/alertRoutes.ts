import {
  ListAlertsResponse,
  alertParamsSchema,
  alertsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { acknowledgeAlert } from './acknowledgeAlert';
import { AlertService } from './AlertService';
import { toIntegrationAlert } from './alertShape';

/**
 * `GET /alerts`: the alerts of the configurations the caller may read, and
 * `POST /alerts/:id/acknowledge`, which needs the permission to resolve the
 * integration's errors.
 */
export function addAlertRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    alerts: AlertService;
    configs: ConfigStore;
  },
) {
  const { guard, alerts, configs } = options;

  router.get('/alerts', async (req, res) => {
    const credentials = await guard.credentials(req);
    const query = parseInput(alertsQuerySchema, req.query, 'query');
    const { items: readable } = await configs.listConfigs(
      await guard.readableFilter(credentials),
      { limit: 100_000 },
    );
    const page = await alerts.list({
      ...query,
      configurations: readable.map(c => ({
        name: c.name,
        environment: c.environment,
      })),
    });
    res.json({
      items: page.items.map(toIntegrationAlert),
      totalCount: page.totalCount,
    } satisfies ListAlertsResponse);
  });

  router.post('/alerts/:id/acknowledge', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { id } = parseInput(alertParamsSchema, req.params, 'params');
    res.json(await acknowledgeAlert({ guard, alerts }, req, credentials, id));
  });
}
