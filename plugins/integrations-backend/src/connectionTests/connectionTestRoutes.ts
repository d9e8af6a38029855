import {
  BulkTestResponse,
  TestSuite,
  bulkTestRequestSchema,
  diagnosticsRequestSchema,
  integrationReadPermission,
  integrationTestRunPermission,
  Environment,
  optionalEnvironmentQuerySchema,
  testRunsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { liveConfiguration } from '../configuration/liveConfiguration';
import { forEachBounded } from '../health/HealthCheckTask';
import { HealthStore } from '../health/HealthStore';
import { nameParamsSchema, parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { ConnectionTestService } from './ConnectionTestService';
import { runManualTest } from './manualTest';

/** How many tests of one bulk request run at the same time. */
const BULK_TEST_CONCURRENCY = 5;

/**
 * Connection tests and diagnostics: `/:name/test`, `/:name/diagnostics`,
 * `/bulk-test` and `/:name/tests`.
 */
export function addConnectionTestRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    tester: ConnectionTestService;
    configs: ConfigStore;
    healthStore: HealthStore;
  },
) {
  const { guard, tester } = options;

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
    return runManualTest({ guard, tester }, credentials, {
      name,
      environment,
      suite,
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
    await liveConfiguration(options.configs, name, query.environment);
    res.json(
      await options.healthStore.listRuns(name, query.environment, {
        offset: query.offset ?? 0,
        limit: query.limit ?? 20,
      }),
    );
  });
}
