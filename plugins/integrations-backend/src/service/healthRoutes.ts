import {
  BulkTestResponse,
  Environment,
  TestSuite,
  bulkTestRequestSchema,
  diagnosticsRequestSchema,
  healthHistoryQuerySchema,
  healthQuerySchema,
  integrationReadPermission,
  integrationTestRunPermission,
  optionalEnvironmentQuerySchema,
  statusQuerySchema,
  testRunsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { forEachBounded } from '../services/health/HealthCheckTask';
import { integrationResourceRef } from '../permissions/rules';
import { liveConfiguration } from '../services/liveConfiguration';
import { RequestGuard } from './RequestGuard';
import {
  nameParamsSchema,
  parseInput,
} from './validation';
import { RouterOptions } from './router';

/** How many tests of one bulk request run at the same time. */
const BULK_TEST_CONCURRENCY = 5;

/**
 * Connection tests, diagnostics and health: `/:name/test`,
 * `/:name/diagnostics`, `/bulk-test`, `/:name/tests`, `/status`, `/health`
 * and `/health/history`.
 */
export function addHealthRoutes(
  router: express.Router,
  options: RouterOptions & { guard: RequestGuard },
) {
  const { guard, tester, health } = options;

  async function runTest(
    req: express.Request,
    suite: TestSuite,
  ): Promise<unknown> {
    const credentials = await guard.userCredentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    // The spec's call names no environment: production unless one is given.
    const environment: Environment =
      parseInput(optionalEnvironmentQuerySchema, req.query, 'query')
        .environment ?? 'production';
    await guard.authorizeResources(credentials, integrationTestRunPermission, [
      integrationResourceRef(name, environment),
    ]);
    return tester.test(name, environment, {
      suite,
      trigger: 'manual',
      actor: credentials.principal.userEntityRef,
    });
  }

  router.post('/:name/test', async (req, res) => {
    res.json(await runTest(req, 'quick'));
  });

  router.post('/:name/diagnostics', async (req, res) => {
    const { testSuite } = parseInput(
      diagnosticsRequestSchema,
      req.body,
      'body',
    );
    res.json(await runTest(req, testSuite));
  });

  router.post('/bulk-test', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const body = parseInput(bulkTestRequestSchema, req.body, 'body');
    const targets = body.integrations.map(item =>
      typeof item === 'string'
        ? { name: item, environment: body.environment ?? 'production' }
        : item,
    );
    const allowed = new Set(
      await guard.allowedResources(
        credentials,
        integrationTestRunPermission,
        targets.map(t => integrationResourceRef(t.name, t.environment)),
      ),
    );
    const results: BulkTestResponse['results'] = new Array(targets.length);
    await forEachBounded(
      targets.map((target, index) => ({ ...target, index })),
      BULK_TEST_CONCURRENCY,
      async ({ name, environment, index }) => {
        const item = { integration: name, environment };
        if (!allowed.has(integrationResourceRef(name, environment))) {
          results[index] = {
            ...item,
            error: `You lack the permission ${integrationTestRunPermission.name} on ${name} (${environment})`,
          };
          return;
        }
        try {
          results[index] = {
            ...item,
            result: await tester.test(name, environment, {
              suite: body.testSuite ?? 'quick',
              trigger: 'bulk',
              actor: credentials.principal.userEntityRef,
            }),
          };
        } catch (error) {
          results[index] = {
            ...item,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      },
    );
    res.json({ results } satisfies BulkTestResponse);
  });

  router.get('/:name/tests', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const query = parseInput(testRunsQuerySchema, req.query, 'query');
    await guard.authorizeResources(credentials, integrationReadPermission, [
      integrationResourceRef(name, query.environment),
    ]);
    await liveConfiguration(options.store, name, query.environment);
    res.json(
      await options.store.health.listRuns(name, query.environment, {
        offset: query.offset ?? 0,
        limit: query.limit ?? 20,
      }),
    );
  });

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
    const environment: Environment = query.environment ?? 'production';
    const items = await health.list({
      ...(await guard.readableFilter(credentials)),
      environment,
      ...(query.integration ? { text: query.integration } : {}),
    });
    res.json({
      environment,
      items: query.integration
        ? items.filter(item => item.integration === query.integration)
        : items,
    });
  });
}
