/* eslint-disable no-console */
/**
 * Usage at company scale, on SQLite and PostgreSQL in one run; prints one
 * JSON report.
 *
 *   yarn bench:usage [--events 1000000] [--stored 5000000]
 *                    [--integrations 200] [--postgres postgresql://postgres@127.0.0.1:5432]
 *
 * Ingest: `--events` usage events posted in batches of 1,000 through the
 * real `POST /usage/events` route over HTTP (validation, idempotent insert,
 * rollup queue), against the same rows inserted raw in batches of 1,000
 * into the same database; the ratio is raw time / endpoint time.
 *
 * Analytics: `--stored` events over the last 30 days for `--integrations`
 * integrations are stored raw and rolled up to hours and days with the
 * rollup task's own functions (minutes are not needed for a 30-day view),
 * then `GET /analytics/usage` for those 30 days is timed.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { openBenchDatabase, postgresUnreachable } from './benchDatabase';
import { createIntegrations, percentile, randomSource } from './benchFixtures';
import { DAY_MS, eventOf, seedThirtyDays } from './usageFixtures';
import { createStores } from '../src/__testUtils__/createStores';
import { RequestGuard } from '../src/permissions/RequestGuard';
import { RateLimitService } from '../src/rateLimits/RateLimitService';
import { DatabaseRateLimitStore } from '../src/rateLimits/RateLimitStore';
import { integrationPermissionRules } from '../src/permissions/rules';
import { addAnalyticsRoutes } from '../src/usage/analyticsRoutes';
import { pricingFromConfig } from '../src/usage/pricing';
import { UsageAnalyticsService } from '../src/usage/UsageAnalyticsService';
import {
  DatabaseUsageEventStore,
  usageEventRow,
} from '../src/usage/UsageEventStore';
import { UsageIngestService } from '../src/usage/UsageIngestService';
import { DatabaseUsageRollupStore } from '../src/usage/UsageRollupStore';
import { DEFAULT_USAGE_RETENTION } from '../src/usage/UsageRollupTask';
import { addUsageIngestRoutes } from '../src/usage/usageRoutes';
import { mockServices } from '@backstage/backend-test-utils';

/** The plugin's usage routes on a real HTTP server, every caller a service. */
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
  const events = await DatabaseUsageEventStore.create({ database });
  const rollups = await DatabaseUsageRollupStore.create({ database });
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
  const usage = new UsageIngestService({
    events,
    configs: options.stores.configs,
    maxAgeDays: 14,
  });
  const analytics = new UsageAnalyticsService({
    rollups,
    configs: options.stores.configs,
    retention: DEFAULT_USAGE_RETENTION,
    pricing: pricingFromConfig(mockServices.rootConfig()),
  });
  const rateLimits = new RateLimitService({
    store: await DatabaseRateLimitStore.create({ database }),
    rollups,
  });
  const app = express();
  const router = express.Router();
  addUsageIngestRoutes(router, { guard, usage });
  router.use(express.json());
  addAnalyticsRoutes(router, {
    guard,
    analytics,
    rateLimits,
    configs: options.stores.configs,
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
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logger,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

async function benchIngest(
  knex: Knex,
  url: string,
  names: string[],
  total: number,
) {
  const random = randomSource(7);
  const started = Date.now() - 10 * 60_000;
  // Near real time: each batch covers a few seconds of the company's calls.
  const batchOf = (offset: number, prefix: string) =>
    Array.from({ length: 1000 }, (_, i) =>
      eventOf(
        `${prefix}-${offset + i}`,
        names[(offset + i) % names.length],
        started + Math.floor(((offset + i) / total) * 9 * 60_000),
        random,
      ),
    );

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const endpointStarted = performance.now();
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < total) {
      const offset = next;
      next += 1000;
      const response = await fetch(`${url}/usage/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events: batchOf(offset, 'api') }),
      });
      const body = (await response.json()) as { accepted?: number };
      if (response.status !== 202 || body.accepted !== 1000) {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const endpointSeconds = (performance.now() - endpointStarted) / 1000;
  clearInterval(sampler);

  // The same rows, straight into the same table.
  const rawStarted = performance.now();
  for (let offset = 0; offset < total; offset += 1000) {
    // 500 rows per statement, as the store writes them (SQLite's limit on
    // a compound insert).
    await knex.batchInsert(
      'usage_events',
      batchOf(offset, 'raw').map(event =>
        usageEventRow(event, { source: 'api', receivedAt: new Date() }),
      ),
      500,
    );
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  return {
    events: total,
    endpointSeconds: Math.round(endpointSeconds * 10) / 10,
    eventsPerSecond: Math.round(total / endpointSeconds),
    rawInsertSeconds: Math.round(rawSeconds * 10) / 10,
    ratioToRawInsert: Math.round((rawSeconds / endpointSeconds) * 100) / 100,
    failedBatches: failures,
    rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

async function benchAnalytics(url: string, runs: number) {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * DAY_MS);
  const query = `environment=production&from=${from.toISOString()}&to=${to.toISOString()}`;
  const timings: number[] = [];
  let integrations = 0;
  for (let run = 0; run < runs + 2; run++) {
    const started = performance.now();
    const response = await fetch(`${url}/analytics/usage?${query}`);
    const body = (await response.json()) as { usageMetrics?: object };
    const ms = performance.now() - started;
    integrations = Object.keys(body.usageMetrics ?? {}).length;
    // The first two warm the caches.
    if (run >= 2) timings.push(ms);
  }
  timings.sort((a, b) => a - b);
  return {
    requests: runs,
    integrations,
    p50Ms: Math.round(percentile(timings, 0.5)),
    p95Ms: Math.round(percentile(timings, 0.95)),
  };
}

async function runOn(
  postgres: string | undefined,
  options: { events: number; stored: number; integrations: number },
) {
  const database = await openBenchDatabase(postgres, {
    prefix: 'bench-usage',
    poolMax: 10,
  });
  try {
    const stores = await createStores(database.knex);
    const names = await createIntegrations(
      stores,
      options.integrations,
      'usage',
    );
    const server = await startServer({ knex: database.knex, stores });
    try {
      const ingest = await benchIngest(
        database.knex,
        server.url,
        names,
        options.events,
      );
      await database.knex('usage_events').delete();
      await database.knex('usage_rollup_pending').delete();
      const seedStarted = performance.now();
      const stored = await seedThirtyDays(database.knex, names, options.stored);
      const analytics = await benchAnalytics(server.url, 20);
      return {
        ingest,
        analytics: {
          storedEvents: stored,
          seedSeconds: Math.round((performance.now() - seedStarted) / 100) / 10,
          ...analytics,
        },
      };
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
      events: { type: 'string', default: '1000000' },
      stored: { type: 'string', default: '5000000' },
      integrations: { type: 'string', default: '200' },
      postgres: {
        type: 'string',
        default: 'postgresql://postgres@127.0.0.1:5432',
      },
    },
  });
  const options = {
    events: Number(values.events),
    stored: Number(values.stored),
    integrations: Number(values.integrations),
  };
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
  console.error(String(error?.stack ?? error).slice(0, 2000));
  process.exit(1);
});
