import { testHistoryQuerySchema } from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { TestHistoryStore } from './TestHistoryStore';

/** `GET /tests`: the test runs of every integration the caller may read. */
export function addTestHistoryRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    configs: ConfigStore;
    testHistory: TestHistoryStore;
  },
) {
  const { guard, configs, testHistory } = options;

  router.get('/tests', async (req, res) => {
    const credentials = await guard.credentials(req);
    const {
      offset = 0,
      limit = 20,
      ...filter
    } = parseInput(testHistoryQuerySchema, req.query, 'query');
    const { items: readable } = await configs.listConfigs(
      {
        ...(await guard.readableFilter(credentials)),
        ...(filter.environment ? { environment: filter.environment } : {}),
      },
      { limit: 100_000 },
    );
    res.json(
      await testHistory.list(
        {
          ...filter,
          configurations: readable.map(({ name, environment }) => ({
            name,
            environment,
          })),
        },
        { offset, limit },
      ),
    );
  });
}
