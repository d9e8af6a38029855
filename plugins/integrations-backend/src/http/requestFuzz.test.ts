import { TestDatabases } from '@backstage/backend-test-utils';
import {
  auditQuerySchema,
  bulkTestRequestSchema,
  bulkUpdateRequestSchema,
  copyConfigRequestSchema,
  createIntegrationRequestSchema,
  diagnosticsRequestSchema,
  diffQuerySchema,
  dryRunQuerySchema,
  environmentQuerySchema,
  healthHistoryQuerySchema,
  healthQuerySchema,
  healthScheduleQuerySchema,
  integrationNameSchema,
  listConfigsQuerySchema,
  optionalEnvironmentQuerySchema,
  providerCatalog,
  rollbackRequestSchema,
  statusQuerySchema,
  testHistoryQuerySchema,
  testRunsQuerySchema,
  updateConfigRequestSchema,
  updateCredentialsRequestSchema,
  versionParamsSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import fc from 'fast-check';
import { Knex } from 'knex';
import { AddressInfo, createServer, Server } from 'node:net';
import { Server as HttpServer } from 'node:http';
import request from 'supertest';
import { z } from 'zod';
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

/** Runs per endpoint: a few seconds each; set FUZZ_RUNS to search longer. */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS) || 40;

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
}

const name = { params: nameParamsSchema };
const oneConfiguration = {
  params: nameParamsSchema,
  query: environmentQuerySchema,
};

/** Every endpoint of the router with the schemas of its input. */
const endpoints: Record<string, EndpointSpec> = {
  'GET /templates': {},
  'GET /configs': { query: listConfigsQuerySchema },
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
        params: { name: 'stripe' },
        query: { environment: 'staging' },
        body: { version: 1, displayName: 'Stripe (fuzzed)', notes: 'fuzz' },
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
        body: { paypal: { environment: 'development', enabled: false } },
      },
    ],
  },
  'GET /:name/credentials': oneConfiguration,
  'PUT /:name/credentials': {
    ...oneConfiguration,
    body: updateCredentialsRequestSchema,
    examples: [
      {
        params: { name: 'github' },
        query: { environment: 'development' },
        body: { credentials: { token: 'ghp_fuzz0123456789' } },
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
  'GET /tests': { query: testHistoryQuerySchema },
  'GET /status': { query: statusQuerySchema },
  'GET /health/history': { query: healthHistoryQuerySchema },
  'GET /health': { query: healthQuerySchema },
  'GET /health/schedule': { query: healthScheduleQuerySchema },
  'POST /health/schedule/:name/pause': oneConfiguration,
  'POST /health/schedule/:name/resume': oneConfiguration,
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

describe('every endpoint, fuzzed', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: HttpServer;
  let options: Omit<ArbitraryOptions, 'hostile'>;

  beforeAll(async () => {
    const port = await closedPort();
    knex = await databases.init('SQLITE_3');
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
    expect(mockRouters).toHaveLength(1);
    expect(routesOf(mockRouters[0]).sort()).toEqual(
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
      .set('Authorization', asAdmin);
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
      await fc.assert(
        fc.asyncProperty(requestsFor(spec), async input => {
          const before = await dumpAllTables(knex);
          const response = await send(method, route, input);
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
          const after = await dumpAllTables(knex);
          // A refused change is recorded as a failure in the audit log, and only that.
          const refusedChange =
            response.status === 403 || response.status === 409;
          const comparable = (tables: Record<string, unknown[]>) =>
            refusedChange
              ? { ...withoutAuditSequence(tables), audit_log: undefined }
              : tables;
          const auditAdded = after.audit_log.slice(before.audit_log.length);
          expect({
            status: response.status,
            tables: comparable(after),
            auditKept: after.audit_log.slice(0, before.audit_log.length),
            successesAudited: auditAdded.filter(
              (row: any) => row.outcome === 'success',
            ),
          }).toEqual({
            status: response.status,
            tables: comparable(before),
            auditKept: before.audit_log,
            successesAudited: [],
          });
        }),
        {
          numRuns: RUNS_PER_ENDPOINT,
          examples: (spec.examples ?? []).map(example => [example]),
        },
      );
    },
  );
});
