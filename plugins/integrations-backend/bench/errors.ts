/* eslint-disable no-console */
/**
 * Error tracking at company scale, on SQLite and PostgreSQL in one run;
 * prints one JSON report.
 *
 *   yarn bench:errors [--events 100000] [--groups 500] [--integrations 200]
 *                     [--postgres postgresql://postgres@127.0.0.1:5432]
 *
 * Ingest: `--events` failed calls over the last 7 days, posted in batches of
 * 1,000 through the real `POST /usage/events` route over HTTP, whose stored
 * batches are captured as error events as the plugin does it. They fall
 * into `--groups` fingerprints across `--integrations` integrations (a few
 * groups busy, most quiet), with ids, numbers, times and addresses in their
 * messages so that normalization has work to do. The same number of failed
 * calls is posted first with capture switched off, which prices capture.
 *
 * Reading: `GET /errors` (first page of 50, with and without an integration
 * filter), `GET /error-patterns`, `GET /error-patterns/:id` of the busiest
 * group and `GET /errors/summary` over the 7 days, 20 requests each after
 * two warm-ups.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { UsageEvent } from '@internal/plugin-integrations-common';
import express from 'express';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { openBenchDatabase, postgresUnreachable } from './benchDatabase';
import { createIntegrations, percentile, randomSource } from './benchFixtures';
import { createStores } from '../src/__testUtils__/createStores';
import { ErrorCaptureService } from '../src/errors/ErrorCaptureService';
import { DatabaseErrorEventStore } from '../src/errors/ErrorEventStore';
import { DatabaseErrorGroupStore } from '../src/errors/ErrorGroupStore';
import { addErrorRoutes } from '../src/errors/errorRoutes';
import { ErrorService } from '../src/errors/ErrorService';
import { ErrorTriageService } from '../src/errors/ErrorTriageService';
import { RequestGuard } from '../src/permissions/RequestGuard';
import { integrationPermissionRules } from '../src/permissions/rules';
import { DatabaseUsageEventStore } from '../src/usage/UsageEventStore';
import { UsageIngestService } from '../src/usage/UsageIngestService';
import { addUsageIngestRoutes } from '../src/usage/usageRoutes';

const DAY_MS = 86_400_000;
const BATCH = 1000;
const ENDPOINTS = [
  ['POST', '/v1/charges'],
  ['GET', '/v1/customers/{id}'],
  ['GET', '/v1/balance'],
  ['POST', '/v3/smtp/email'],
  ['GET', '/repos/{owner}/{repo}'],
] as const;
const STATUSES = [400, 402, 404, 409, 429, 500, 502, 503];

function idOf(random: () => number, length: number, alphabet: string) {
  return Array.from(
    { length },
    () => alphabet[Math.floor(random() * alphabet.length)],
  ).join('');
}
const alnum = (random: () => number, length = 14) =>
  idOf(random, length, 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHJKLMNPQR');
const hex = (random: () => number, length: number) =>
  idOf(random, length, '0123456789abcdef');

/**
 * How the failures of one integration differ: each kind is a fingerprint of
 * its own, by the provider's code where there is one and by the normalized
 * message where not, and every message carries ids or numbers.
 */
const KINDS: Array<{
  errorCode?: string;
  message: (random: () => number, at: number) => string;
}> = [
  {
    errorCode: 'card_declined',
    message: r =>
      `Your card was declined for charge ch_${alnum(r)} of ${Math.floor(
        r() * 90_000,
      )} cents.`,
  },
  {
    message: r =>
      `Customer cus_${alnum(r)} not found (request req_${alnum(r, 16)})`,
  },
  {
    errorCode: 'rate_limit',
    message: r =>
      `Too many requests: ${Math.floor(r() * 5000)} in the last minute`,
  },
  {
    message: (r, at) =>
      `Upstream timed out after ${Math.floor(r() * 30_000)} ms at ${new Date(
        at,
      ).toISOString()}`,
  },
  {
    errorCode: 'invalid_email',
    message: r => `Invalid address user${Math.floor(r() * 1e6)}@example.com`,
  },
  {
    message: r =>
      `Repository octo-org/repo-${Math.floor(r() * 900)} has no commit ${hex(
        r,
        40,
      )}`,
  },
  {
    errorCode: 'service_unavailable',
    message: r =>
      `Service unavailable, see https://status.example.com/incidents/${hex(
        r,
        16,
      )}`,
  },
  {
    message: r =>
      `Quota exceeded for project ${[8, 4, 4, 4, 12]
        .map(n => hex(r, n))
        .join('-')}: ${Math.floor(r() * 100)} of 100 units`,
  },
];

/** Group `g`: its integration, kind, endpoint and status. */
function groupShape(g: number, integrations: number) {
  const integration = g % integrations;
  const kind = Math.floor(g / integrations);
  const [method, endpoint] = ENDPOINTS[(integration + kind) % ENDPOINTS.length];
  return {
    integration,
    kind: KINDS[kind],
    method,
    endpoint,
    status: STATUSES[(integration * 3 + kind) % STATUSES.length],
  };
}

/**
 * The events of one batch, oldest first across the run; every group has its
 * first event in the first batch, after that a few groups take most.
 */
function batchOf(
  offset: number,
  prefix: string,
  options: { total: number; groups: number; names: string[]; start: number },
  random: () => number,
): UsageEvent[] {
  const span = 7 * DAY_MS - 60_000;
  return Array.from(
    { length: Math.min(BATCH, options.total - offset) },
    (_, i) => {
      const n = offset + i;
      const g =
        n < options.groups
          ? n
          : Math.floor(options.groups * random() ** 3) % options.groups;
      const shape = groupShape(g, options.names.length);
      const at = options.start + Math.floor((n / options.total) * span);
      return {
        id: `${prefix}-${n}`,
        integration: options.names[shape.integration],
        environment: 'production',
        endpoint: shape.endpoint,
        method: shape.method,
        status: shape.status,
        durationMs: Math.round(50 + random() * 900),
        ...(shape.kind.errorCode ? { errorCode: shape.kind.errorCode } : {}),
        errorMessage: shape.kind.message(random, at),
        requestId: `req_${alnum(random, 20)}`,
        component: `component:default/service-${n % 12}`,
        occurredAt: new Date(at).toISOString(),
      };
    },
  );
}

/**
 * The plugin's usage ingest and error routes on a real HTTP server, every
 * caller a service allowed everything; capture can be switched off.
 */
async function startServer(options: {
  knex: Knex;
  stores: Awaited<ReturnType<typeof createStores>>;
}) {
  const logger: LoggerService = {
    debug: () => {},
    info: () => {},
    warn: message => console.error(message),
    error: message => console.error(message),
    child: () => logger,
  };
  const database = mockServices.database({
    knex: options.knex,
    migrations: { skip: true },
  });
  const guard = new RequestGuard({
    httpAuth: {
      credentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'external:bench' },
      }),
    } as any,
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as any,
    auditor: {} as any,
    auditStore: options.stores.audit,
    permissionRuleset: {
      getRuleByName: (name: string) =>
        integrationPermissionRules.find(rule => rule.name === name)!,
    } as any,
  });
  const errorEvents = await DatabaseErrorEventStore.create({ database });
  const errorGroups = await DatabaseErrorGroupStore.create({ database });
  const capture = new ErrorCaptureService({
    events: errorEvents,
    groups: errorGroups,
    configs: options.stores.configs,
    logger,
  });
  const state = { capturing: true };
  const usage = new UsageIngestService({
    events: await DatabaseUsageEventStore.create({ database }),
    configs: options.stores.configs,
    maxAgeDays: 14,
    onStored: async events => {
      if (state.capturing) {
        await capture.captureUsage(events);
      }
    },
  });
  const app = express();
  const router = express.Router();
  addUsageIngestRoutes(router, { guard, usage });
  router.use(express.json());
  addErrorRoutes(router, {
    guard,
    configs: options.stores.configs,
    errors: new ErrorService({ events: errorEvents, groups: errorGroups }),
    triage: new ErrorTriageService({ groups: errorGroups, logger }),
    auditStore: options.stores.audit,
  });
  app.use(router);
  app.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      logger.error(String(error));
      res.status(500).json({ error: { message: error.message } });
    },
  );
  const server = app.listen(0, '127.0.0.1');
  // Idle sockets stay open between the phases, so no request meets one the
  // server is just closing.
  server.keepAliveTimeout = 600_000;
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setCapturing: (capturing: boolean) => {
      state.capturing = capturing;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Posts the failed calls in batches, four at a time; seconds taken. */
async function post(
  url: string,
  prefix: string,
  options: { total: number; groups: number; names: string[] },
) {
  const random = randomSource(7);
  const start = Date.now() - 7 * DAY_MS;
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const offset = next;
      next += BATCH;
      const events = batchOf(offset, prefix, { ...options, start }, random);
      const response = await fetch(`${url}/usage/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const body = (await response.json()) as { accepted?: number };
      if (response.status !== 202 || body.accepted !== events.length) {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { seconds: (performance.now() - started) / 1000, failures };
}

async function benchIngest(
  knex: Knex,
  server: Awaited<ReturnType<typeof startServer>>,
  options: { total: number; groups: number; names: string[] },
) {
  // Usage alone first, then emptied, so both runs write to the same tables.
  server.setCapturing(false);
  const plain = await post(server.url, 'plain', options);
  await knex('usage_events').delete();
  await knex('usage_rollup_pending').delete();
  server.setCapturing(true);
  const captured = await post(server.url, 'captured', options);
  const [{ count: groups }] = await knex('error_groups').count({ count: '*' });
  const [{ count: events }] = await knex('error_events').count({ count: '*' });
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    events: options.total,
    seconds: round(captured.seconds),
    eventsPerSecond: Math.round(options.total / captured.seconds),
    withoutCapture: {
      seconds: round(plain.seconds),
      eventsPerSecond: Math.round(options.total / plain.seconds),
    },
    /** Capture alone: the time it adds, per event. */
    captureEventsPerSecond: Math.round(
      options.total / Math.max(captured.seconds - plain.seconds, 0.001),
    ),
    failedBatches: plain.failures + captured.failures,
    groupsCreated: Number(groups),
    errorEventsStored: Number(events),
  };
}

async function timeRequests(url: string, runs: number) {
  const timings: number[] = [];
  let status = 0;
  let body: { totalCount?: number } = {};
  for (let run = 0; run < runs + 2; run++) {
    const started = performance.now();
    const response = await fetch(url);
    body = await response.json();
    const ms = performance.now() - started;
    status = response.status;
    // The first two warm the caches.
    if (run >= 2) timings.push(ms);
  }
  if (status !== 200) {
    throw new Error(`${url} answered ${status}`);
  }
  timings.sort((a, b) => a - b);
  return {
    p50Ms: Math.round(percentile(timings, 0.5)),
    p95Ms: Math.round(percentile(timings, 0.95)),
    // What the page would say it lists, to see the answers are whole.
    ...(body.totalCount !== undefined ? { totalCount: body.totalCount } : {}),
  };
}

async function benchReads(knex: Knex, url: string, names: string[]) {
  const [busiest] = await knex('error_groups')
    .orderBy('occurrences', 'desc')
    .limit(1);
  const to = new Date();
  const from = new Date(to.getTime() - 7 * DAY_MS);
  const runs = 20;
  return {
    requests: runs,
    errors: await timeRequests(`${url}/errors?limit=50`, runs),
    errorsOfIntegration: await timeRequests(
      `${url}/errors?limit=50&integration=${names[0]}`,
      runs,
    ),
    patterns: await timeRequests(`${url}/error-patterns?limit=50`, runs),
    pattern: await timeRequests(`${url}/error-patterns/${busiest.id}`, runs),
    summary: await timeRequests(
      `${url}/errors/summary?environment=production&from=${from.toISOString()}&to=${to.toISOString()}`,
      runs,
    ),
  };
}

async function runOn(
  postgres: string | undefined,
  options: { events: number; groups: number; integrations: number },
) {
  const database = await openBenchDatabase(postgres, {
    prefix: 'bench-errors',
    poolMax: 10,
  });
  try {
    const stores = await createStores(database.knex);
    const names = await createIntegrations(
      stores,
      options.integrations,
      'errors',
    );
    const server = await startServer({ knex: database.knex, stores });
    try {
      const ingest = await benchIngest(database.knex, server, {
        total: options.events,
        groups: options.groups,
        names,
      });
      const reads = await benchReads(database.knex, server.url, names);
      return { ingest, reads };
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      groups: { type: 'string', default: '500' },
      integrations: { type: 'string', default: '200' },
      postgres: {
        type: 'string',
        default: 'postgresql://postgres@127.0.0.1:5432',
      },
    },
  });
  const options = {
    events: Number(values.events),
    groups: Number(values.groups),
    integrations: Number(values.integrations),
  };
  if (options.groups > options.integrations * KINDS.length) {
    throw new Error(
      `--groups ${options.groups} needs at least ${Math.ceil(
        options.groups / KINDS.length,
      )} --integrations: each has ${KINDS.length} kinds of failure`,
    );
  }
  if (options.events < options.groups) {
    throw new Error('--events must be at least --groups, one per group');
  }
  const report: Record<string, unknown> = { ...options };
  report.sqlite = await runOn(undefined, options);
  const unreachable = await postgresUnreachable(values.postgres!);
  report.postgres = unreachable
    ? { skipped: unreachable }
    : await runOn(values.postgres, options);
  console.log(JSON.stringify(report));
}

main().catch(error => {
  // A failed insert quotes its whole statement; the start says enough.
  console.error(
    String(error?.stack ?? error).slice(0, 2000),
    error?.cause ?? '',
  );
  process.exit(1);
});
