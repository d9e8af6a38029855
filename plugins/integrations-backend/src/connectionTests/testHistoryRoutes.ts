import { testHistoryQuerySchema } from '@internal/plugin-integrations-common';
import express from 'express';
import Router from 'express-promise-router';
import { IntegrationConfigStore } from '../database/IntegrationConfigStore';
import { RequestGuard } from '../service/RequestGuard';
import { parseInput } from '../service/validation';
import { TestHistoryStore } from './TestHistoryStore';

/** `GET /tests`: the test runs of every integration the caller may read. */
export function testHistoryRoutes(options: {
  guard: RequestGuard;
  store: IntegrationConfigStore;
  testHistory: TestHistoryStore;
}): express.Router {
  const { guard, store, testHistory } = options;
  const router = Router();

  router.get('/tests', async (req, res) => {
    const credentials = await guard.credentials(req);
    const {
      offset = 0,
      limit = 20,
      ...filter
    } = parseInput(testHistoryQuerySchema, req.query, 'query');
    const { items: readable } = await store.listConfigs(
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

  return router;
}
