import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  alertParamsSchema,
  alertsQuerySchema,
  inboundDeliveriesQuerySchema,
  bulkRetrySchema,
  createWebhookEndpointSchema,
  publishCustomEventSchema,
  replaySchema,
  rotateWebhookSecretSchema,
  testSendSchema,
  updateWebhookEndpointSchema,
  webhookDeliveriesQuerySchema,
  webhookDocsQuerySchema,
  webhookDeliveryLogQuerySchema,
  webhookDeliveryParamsSchema,
  webhookEndpointParamsSchema,
  webhookEndpointsQuerySchema,
  auditQuerySchema,
  bulkTestRequestSchema,
  bulkUpdateRequestSchema,
  catalogIntegrationsQuerySchema,
  copyConfigRequestSchema,
  createIntegrationRequestSchema,
  diagnosticsRequestSchema,
  automatedFixSchema,
  diffQuerySchema,
  dryRunQuerySchema,
  errorIdParamsSchema,
  errorPatternsQuerySchema,
  errorSummaryQuerySchema,
  errorsQuerySchema,
  mergePatternsSchema,
  patternSeveritySchema,
  patternStatusSchema,
  resolveErrorSchema,
  snoozePatternSchema,
  unmergePatternSchema,
  environmentQuerySchema,
  healthHistoryQuerySchema,
  healthQuerySchema,
  healthScheduleQuerySchema,
  incidentParamsSchema,
  incidentsQuerySchema,
  integrationNameSchema,
  listConfigsQuerySchema,
  optionalEnvironmentQuerySchema,
  providerCatalog,
  rateLimitsQuerySchema,
  resolveIncidentSchema,
  rollbackRequestSchema,
  statusQuerySchema,
  testHistoryQuerySchema,
  testRunsQuerySchema,
  updateConfigRequestSchema,
  updateCredentialsRequestSchema,
  usageAnalyticsQuerySchema,
  usageBatchSchema,
  usageExportQuerySchema,
  versionParamsSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import fc from 'fast-check';
import { Knex } from 'knex';
import { AddressInfo, createServer, Server } from 'node:net';
import { Server as HttpServer } from 'node:http';
import request from 'supertest';
import { z } from 'zod';
import { stripeCatalog } from '../__testUtils__/catalogEntities';
import { dumpAllTables } from '../__testUtils__/dumpAllTables';
import {
  arbitraryFor,
  ArbitraryOptions,
  hostileValue,
  pathSegment,
  rawPathSegment,
  serializeBody,
} from '../__testUtils__/requestArbitraries';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';
import { otlpTracesSchema } from '../usage/otlpSpans';
import { nameParamsSchema } from './validation';

// The router the plugin builds, to list its endpoints.
const mockRouters: express.Router[] = [];
jest.mock('./router', () => {
  const actual = jest.requireActual('./router');
  return {
    ...actual,
    createRouter: async (options: unknown) => {
      const router = await actual.createRouter(options);
      mockRouters.push(router);
      return router;
    },
  };
});

// Every host name resolves to a loopback address the address policy refuses,
// so no generated URL reaches anything; only 127.0.0.1 (a closed port) is allowed.
jest.mock('node:dns/promises', () => ({
  ...jest.requireActual('node:dns/promises'),
  lookup: async () => [{ address: '127.0.0.2', family: 4 }],
}));

jest.setTimeout(180_000);

/**
 * Runs per endpoint, a few seconds each: fewer on PostgreSQL, which is
 * slower and there to find what only it refuses. FUZZ_RUNS searches longer.
 */
function runsPerEndpoint(databaseId: string): number {
  return Number(process.env.FUZZ_RUNS) || (databaseId === 'SQLITE_3' ? 30 : 12);
}

interface FuzzRequest {
  params: Record<string, unknown>;
  query: unknown;
  body: unknown;
}

interface EndpointSpec {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Requests that succeed, so the paths that save are fuzzed from a known start. */
  examples?: FuzzRequest[];
  /** Who calls: an admin, or a service for the routes only services may use. */
  as?: 'service';
}

const name = { params: nameParamsSchema };
const webhookEndpoint = { params: webhookEndpointParamsSchema };
const webhookDelivery = { params: webhookDeliveryParamsSchema };
const errorId = { params: errorIdParamsSchema };
const oneConfiguration = {
  params: nameParamsSchema,
  query: environmentQuerySchema,
};

/** Every endpoint of the router with the schemas of its input. */
const endpoints: Record<string, EndpointSpec> = {
  'GET /templates': {},
  'GET /configs': { query: listConfigsQuerySchema },
  'GET /catalog/integrations': {
    query: catalogIntegrationsQuerySchema,
    as: 'service',
  },
  'GET /configs/:name': { ...name, query: optionalEnvironmentQuerySchema },
  'POST /configs': {
    body: createIntegrationRequestSchema,
    examples: [
      {
        params: {},
        query: undefined,
        body: {
          template: 'github',
          name: 'github-fuzz',
          owner: 'group:default/platform-team',
          settings: { featureConfig: { customSettings: { team: 'fuzz' } } },
        },
      },
    ],
  },
  'PUT /configs/:name': {
    ...name,
    query: dryRunQuerySchema,
    body: updateConfigRequestSchema,
    examples: [
      {
        params: { name: 'brevo' },
        query: { environment: 'staging' },
        body: { version: 1, displayName: 'Brevo (fuzzed)', notes: 'fuzz' },
      },
    ],
  },
  'DELETE /configs/:name': name,
  'POST /configs/:name/restore': name,
  'POST /configs/:name/copy': { ...name, body: copyConfigRequestSchema },
  'GET /configs/:name/versions': oneConfiguration,
  'GET /configs/:name/versions/:version': {
    params: versionParamsSchema,
    query: environmentQuerySchema,
  },
  'GET /configs/:name/diff': { ...name, query: diffQuerySchema },
  'POST /configs/:name/rollback': {
    ...oneConfiguration,
    body: rollbackRequestSchema,
  },
  'POST /bulk-update': {
    body: bulkUpdateRequestSchema,
    examples: [
      {
        params: {},
        query: undefined,
        body: { telegram: { environment: 'development', enabled: false } },
      },
    ],
  },
  'GET /:name/credentials': oneConfiguration,
  'PUT /:name/credentials': {
    ...oneConfiguration,
    body: updateCredentialsRequestSchema,
    examples: [
      {
        params: { name: 'telegram' },
        query: { environment: 'development' },
        body: {
          credentials: {
            botToken: '123456789:AAfuzz-0123456789abcdefghijklmnopqrs',
          },
        },
      },
    ],
  },
  'GET /keys/status': {},
  'POST /keys/rotate': {},
  'GET /audit': { query: auditQuerySchema },
  'POST /:name/test': { ...name, query: optionalEnvironmentQuerySchema },
  'POST /:name/diagnostics': {
    ...name,
    query: optionalEnvironmentQuerySchema,
    body: diagnosticsRequestSchema,
  },
  'POST /bulk-test': { body: bulkTestRequestSchema },
  'GET /:name/tests': { ...name, query: testRunsQuerySchema },
  'GET /:name/impact': { ...name, query: optionalEnvironmentQuerySchema },
  'GET /tests': { query: testHistoryQuerySchema },
  'GET /status': { query: statusQuerySchema },
  'GET /health/history': { query: healthHistoryQuerySchema },
  'GET /health': { query: healthQuerySchema },
  'GET /health/schedule': { query: healthScheduleQuerySchema },
  'POST /health/schedule/:name/pause': oneConfiguration,
  'POST /health/schedule/:name/resume': oneConfiguration,
  'POST /usage/events': {
    body: usageBatchSchema,
    as: 'service',
    examples: [
      {
        params: {},
        query: undefined,
        body: {
          events: [
            {
              id: 'fuzz-example-1',
              integration: 'stripe',
              environment: 'production',
              endpoint: '/v1/charges',
              method: 'POST',
              status: 200,
              durationMs: 120,
              occurredAt: new Date().toISOString(),
            },
          ],
        },
      },
    ],
  },
  'POST /usage/otlp/v1/traces': { body: otlpTracesSchema, as: 'service' },
  'GET /analytics/usage': { query: usageAnalyticsQuerySchema },
  'GET /analytics/usage/export': { query: usageExportQuerySchema },
  'GET /rate-limits': { query: rateLimitsQuerySchema },
  'GET /errors': { query: errorsQuerySchema },
  'GET /errors/summary': { query: errorSummaryQuerySchema },
  'GET /errors/:id': errorId,
  'POST /errors/:id/resolve': { ...errorId, body: resolveErrorSchema },
  'GET /error-patterns': { query: errorPatternsQuerySchema },
  'GET /error-patterns/:id': errorId,
  'POST /error-patterns/:id/status': {
    ...errorId,
    body: patternStatusSchema,
  },
  'POST /error-patterns/:id/snooze': {
    ...errorId,
    body: snoozePatternSchema,
  },
  'DELETE /error-patterns/:id/snooze': errorId,
  'POST /error-patterns/:id/severity': {
    ...errorId,
    body: patternSeveritySchema,
  },
  'POST /error-patterns/:id/automated-fix': {
    ...errorId,
    body: automatedFixSchema,
  },
  'POST /error-patterns/:id/automated-fix/run': errorId,
  'POST /error-patterns/:id/merge': { ...errorId, body: mergePatternsSchema },
  'POST /error-patterns/:id/unmerge': {
    ...errorId,
    body: unmergePatternSchema,
  },
  'GET /incidents': { query: incidentsQuerySchema },
  'GET /incidents/:id': { params: incidentParamsSchema },
  'POST /incidents/:id/resolve': {
    params: incidentParamsSchema,
    body: resolveIncidentSchema,
  },
  'GET /alerts': { query: alertsQuerySchema },
  'POST /alerts/:id/acknowledge': { params: alertParamsSchema },
  'GET /webhooks/event-types': {},
  'GET /webhooks/docs': { query: webhookDocsQuerySchema },
  'GET /webhooks/inbound': { query: inboundDeliveriesQuerySchema },
  'GET /webhooks': { query: webhookEndpointsQuerySchema },
  'POST /webhooks': {
    body: createWebhookEndpointSchema,
    examples: [
      {
        params: {},
        query: undefined,
        body: {
          integration: 'stripe',
          name: 'Partner',
          url: 'http://127.0.0.1:9/hooks',
          events: ['integration.health_changed'],
        },
      },
    ],
  },
  'GET /webhooks/:id': webhookEndpoint,
  'PUT /webhooks/:id': {
    ...webhookEndpoint,
    body: updateWebhookEndpointSchema,
  },
  'DELETE /webhooks/:id': webhookEndpoint,
  'POST /webhooks/:id/rotate-secret': {
    ...webhookEndpoint,
    body: rotateWebhookSecretSchema,
  },
  'GET /webhooks/:id/deliveries': {
    ...webhookEndpoint,
    query: webhookDeliveriesQuerySchema,
  },
  'GET /webhook-deliveries': { query: webhookDeliveryLogQuerySchema },
  'GET /webhook-deliveries/:id': webhookDelivery,
  'POST /webhook-deliveries/:id/retry': webhookDelivery,
  'POST /webhooks/:id/retry-failed': {
    ...webhookEndpoint,
    body: bulkRetrySchema,
  },
  'POST /webhooks/:id/replay': { ...webhookEndpoint, body: replaySchema },
  'POST /webhooks/:id/test': { ...webhookEndpoint, body: testSendSchema },
  'POST /webhooks/events': { body: publishCustomEventSchema },
};

/** `METHOD /path` of every route of the router, however it was added. */
function routesOf(router: express.Router): string[] {
  return router.stack.flatMap((layer: any) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter(method => method !== '_all')
          .map(method => `${method.toUpperCase()} ${layer.route.path}`)
      : routesOf(layer.handle?.stack ? layer.handle : { stack: [] }),
  );
}

/** A port on this machine that nothing listens on. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Seeded integrations the fuzzed requests name; the examples use others, which stay as seeded. */
const SEEDED_NAMES = ['stripe', 'paypal', 'github', 'odoo-crm', 'statuspage'];

/** The tables without the audit log's row counter, which a refused change moves. */
function withoutAuditSequence(tables: Record<string, unknown[]>) {
  return {
    ...tables,
    sqlite_sequence: tables.sqlite_sequence?.filter(
      (row: any) => row.name !== 'audit_log',
    ),
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'every endpoint, fuzzed on %p',
  databaseId => {
    let knex: Knex;
    let server: HttpServer;
    let options: Omit<ArbitraryOptions, 'hostile'>;

    beforeAll(async () => {
      const port = await closedPort();
      knex = await databases.init(databaseId);
      server = await startIntegrationsBackend({
        knex,
        config: {
          demo: {
            seed: true,
            simulator: {
              url: `http://127.0.0.1:${port}`,
              httpsUrl: `https://127.0.0.1:${port}`,
            },
          },
          network: {
            allowedCidrs: ['127.0.0.1/32'],
            connectTimeoutMs: 1000,
            timeoutMs: 2000,
          },
        },
        features: [catalogServiceMock.factory({ entities: stripeCatalog() })],
      });
      options = {
        overrides: new Map([
          [
            integrationNameSchema,
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...SEEDED_NAMES) },
              { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}$/) },
            ),
          ],
          [
            createIntegrationRequestSchema.shape.template,
            fc.oneof(
              fc.constantFrom(...providerCatalog.map(provider => provider.id)),
              fc.string(),
            ),
          ],
        ]),
        urls: fc.constantFrom(
          `http://127.0.0.1:${port}`,
          `https://127.0.0.1:${port}/v1`,
          'https://api.fuzz.example/v2',
        ),
      };
    });

    it('has a fuzz spec for every endpoint of the router', () => {
      expect(routesOf(mockRouters[mockRouters.length - 1]).sort()).toEqual(
        Object.keys(endpoints).sort(),
      );
    });

    function requestsFor(spec: EndpointSpec): fc.Arbitrary<FuzzRequest> {
      const part = (schema: z.ZodType | undefined, hostile: boolean) => {
        if (schema) {
          return arbitraryFor(schema, { ...options, hostile });
        }
        return hostile
          ? fc.oneof(fc.constant(undefined), hostileValue)
          : fc.constant(undefined);
      };
      const shaped = (hostile: boolean) =>
        fc.record({
          params: (spec.params
            ? fc.oneof(
                { weight: 5, arbitrary: part(spec.params, hostile) },
                {
                  weight: 1,
                  arbitrary: fc.record({
                    name: rawPathSegment,
                    version: rawPathSegment,
                  }),
                },
              )
            : fc.constant({})
          ).map(params =>
            typeof params === 'object' &&
            params !== null &&
            !Array.isArray(params)
              ? (params as Record<string, unknown>)
              : { name: params },
          ),
          query: part(spec.query, hostile),
          body: part(spec.body, hostile),
        });
      return fc.oneof(shaped(false), shaped(true));
    }

    function urlOf(route: string, params: Record<string, unknown>): string {
      return `/api/integrations${route.replace(/:(\w+)/g, (_, key) =>
        pathSegment(params[key] ?? ''),
      )}`;
    }

    async function send(method: string, route: string, input: FuzzRequest) {
      const call = request(server)
        [method.toLowerCase() as 'get'](urlOf(route, input.params))
        .set(
          'Authorization',
          endpoints[`${method} ${route}`]?.as === 'service'
            ? mockCredentials.service.header()
            : asAdmin,
        );
      if (input.query !== undefined && typeof input.query === 'object') {
        call.query(input.query as object);
      } else if (input.query !== undefined) {
        call.query(String(input.query));
      }
      if (input.body !== undefined) {
        call
          .set('Content-Type', 'application/json')
          .send(serializeBody(input.body));
      }
      return call;
    }

    it.each(Object.entries(endpoints))(
      '%s answers no 5xx and changes nothing when it refuses',
      async (endpoint, spec) => {
        const [method, route] = endpoint.split(' ');
        // The tables after one request are those before the next.
        let tables = await dumpAllTables(knex);
        await fc.assert(
          fc.asyncProperty(requestsFor(spec), async input => {
            const before = tables;
            const response = await send(method, route, input);
            const after = await dumpAllTables(knex);
            tables = after;
            if (response.status >= 500) {
              throw new Error(
                `${response.status}: ${JSON.stringify(
                  response.body?.error ?? response.text,
                )}`,
              );
            }
            if (response.status < 400) {
              return;
            }
            if (spec.examples?.includes(input)) {
              throw new Error(
                `The example was refused: ${response.status} ${JSON.stringify(
                  response.body?.error?.message,
                )}`,
              );
            }
            // A refused change is recorded as a failure in the audit log, and only that.
            const refusedChange =
              response.status === 403 || response.status === 409;
            const comparable = (dump: Record<string, unknown[]>) =>
              refusedChange
                ? { ...withoutAuditSequence(dump), audit_log: undefined }
                : dump;
            const auditBefore = new Set(
              before.audit_log.map(row => JSON.stringify(row)),
            );
            const auditAdded = after.audit_log.filter(
              row => !auditBefore.has(JSON.stringify(row)),
            );
            expect({
              status: response.status,
              tables: comparable(after),
              auditKept: after.audit_log.length - auditAdded.length,
              successesAudited: auditAdded.filter(
                (row: any) => row.outcome === 'success',
              ),
            }).toEqual({
              status: response.status,
              tables: comparable(before),
              auditKept: before.audit_log.length,
              successesAudited: [],
            });
          }),
          {
            numRuns: runsPerEndpoint(databaseId),
            examples: (spec.examples ?? []).map(example => [example]),
          },
        );
      },
    );
  },
);
