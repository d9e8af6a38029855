// The portal's busiest reads at company scale, against one replica of the production build on
// PostgreSQL: 200 integrations, 5,000,000 usage events over 30 days and 100,000 error events over
// 7 days. Each route is called by 50 clients at once for a while; its p50, p95 and p99 are
// reported with the ratio of its p95 to that of a constant answer of the same backend in the
// same run (the liveness route), so the figure says what the route costs beyond the HTTP stack.
// Prints one JSON report.
//
//   node bench/api.mjs [--integrations 200] [--stored 5000000] [--errors 100000]
//                      [--connections 50] [--seconds 10]
import { randomBytes } from 'node:crypto';
import {
  dropDatabases,
  startCluster,
  withPostgres,
} from '../cluster/cluster.mjs';
import { runWhenMain, seedCompanyScale } from './companyScale.mjs';
import { clusterClient } from '../cluster/clusterClient.mjs';

const DAY_MS = 86_400_000;
const ERROR_KINDS = [
  { status: 429, errorType: 'rate_limited', errorCode: 'rate_limit' },
  {
    status: 503,
    errorType: 'provider_error',
    errorCode: 'service_unavailable',
  },
  { status: 401, errorType: 'auth_invalid', errorCode: 'invalid_api_key' },
  { status: 400, errorType: 'request_invalid', errorCode: 'parameter_invalid' },
  { status: 504, errorType: 'timeout' },
];

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Failed calls spread over the last 7 days, in batches of 1,000 through the real ingest. */
async function reportErrors(api, integrations, total) {
  const start = Date.now() - 7 * DAY_MS + 60_000;
  const span = 7 * DAY_MS - 120_000;
  for (let offset = 0; offset < total; offset += 1000) {
    const events = Array.from(
      { length: Math.min(1000, total - offset) },
      (_, i) => {
        const n = offset + i;
        const kind = ERROR_KINDS[n % ERROR_KINDS.length];
        return {
          id: `bench-error-${n}`,
          integration: integrations[(n * 7) % integrations.length],
          environment: 'production',
          endpoint: `/v1/resource-${n % 20}/{id}`,
          method: n % 3 ? 'GET' : 'POST',
          ...kind,
          errorMessage: `The provider refused call ${n % 50}`,
          durationMs: 80 + (n % 400),
          occurredAt: new Date(
            start + Math.floor((n / total) * span),
          ).toISOString(),
        };
      },
    );
    const res = await api('/usage/events', { body: { events } });
    if (res.status !== 202) {
      throw new Error(
        `reporting errors failed: ${res.status} ${await res.text()}`,
      );
    }
  }
}

/** `connections` clients calling `url` back to back for `seconds`; every latency counted. */
async function load(url, { token, connections, seconds }) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const call = async () => {
    const res = await fetch(url, { headers });
    if (!res.ok) {
      throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    }
    await res.arrayBuffer();
  };
  for (let i = 0; i < 3; i++) await call();
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await call();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const round = ms => Math.round(ms * 10) / 10;
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 0.5)),
    p95Ms: round(percentile(latencies, 0.95)),
    p99Ms: round(percentile(latencies, 0.99)),
  };
}

/**
 * What the company's data takes on disk, per table with its indexes: the figures the README's
 * sizing rests on.
 */
export async function storageOf(databasePrefix, { minRows = 1000 } = {}) {
  return withPostgres(async db => {
    await db.query('ANALYZE');
    const { rows } = await db.query(
      `SELECT relname AS table, n_live_tup::bigint AS rows,
              pg_total_relation_size(relid)::bigint AS bytes
       FROM pg_stat_user_tables
       WHERE n_live_tup > $1
       ORDER BY bytes DESC`,
      [minRows],
    );
    return Object.fromEntries(
      rows.map(r => [
        r.table,
        {
          rows: Number(r.rows),
          megabytes: Math.round(Number(r.bytes) / 1024 / 1024),
          bytesPerRow: Math.round(Number(r.bytes) / Number(r.rows)),
        },
      ]),
    );
  }, `${databasePrefix}integrations`);
}

export async function benchApi({
  integrations = 200,
  stored = 5_000_000,
  errors = 100_000,
  connections = 50,
  seconds = 10,
} = {}) {
  const databasePrefix = `bench_api_${randomBytes(4).toString('hex')}_`;
  const cluster = await startCluster({
    replicas: 1,
    port: 7500,
    dataDir: '/tmp/integrations-bench-api',
    databasePrefix,
    fresh: true,
    extraConfigs: ['bench/app-config.bench.yaml'],
  });
  try {
    const client = clusterClient(cluster);
    const seeded = seedCompanyScale({ databasePrefix, integrations, stored });
    const errorsStarted = performance.now();
    await reportErrors(client.api, seeded.integrations, errors);
    const errorSeconds = Math.round((performance.now() - errorsStarted) / 1000);

    const token = await client.userToken('admin');
    const to = new Date();
    const from = new Date(to.getTime() - 30 * DAY_MS);
    // The replica itself, not the load balancer: what is measured is the backend, and a
    // saturated replica must not be taken out of rotation halfway through.
    const replica = cluster.replicas[0].url;
    const api = `${replica}/api/integrations`;
    const routes = {
      constant: `${replica}/.backstage/health/v1/liveness`,
      // The same constant answer for every caller, behind the sign-in every read passes:
      // what token verification and the framework cost before a route does any work.
      'constant, signed in (GET /templates)': `${api}/templates`,
      'GET /status': `${api}/status?environment=production`,
      'GET /configs': `${api}/configs?environment=production`,
      'GET /analytics/usage': `${api}/analytics/usage?environment=production&from=${from.toISOString()}&to=${to.toISOString()}`,
      'GET /errors': `${api}/errors`,
    };
    const results = {};
    for (const [name, url] of Object.entries(routes)) {
      results[name] = await load(url, { token, connections, seconds });
    }
    const storage = await storageOf(databasePrefix);
    const constantP95 = results.constant.p95Ms;
    const signedInP95 = results['constant, signed in (GET /templates)'].p95Ms;
    const ratio = (a, b) => Math.round((a / b) * 100) / 100;
    for (const [name, result] of Object.entries(results)) {
      if (name !== 'constant') {
        result.p95RatioToConstant = ratio(result.p95Ms, constantP95);
        result.p95RatioToSignedInConstant = ratio(result.p95Ms, signedInP95);
      }
    }
    return {
      data: {
        integrations: seeded.integrations.length,
        usageEvents: seeded.storedEvents,
        errorEvents: errors,
        seedSeconds: seeded.seedSeconds + errorSeconds,
      },
      connections,
      seconds,
      goal: 'p95 of each route at most 2 × the constant route',
      routes: results,
      storage,
    };
  } finally {
    await cluster.stop();
    await dropDatabases(databasePrefix);
  }
}

await runWhenMain(
  import.meta.url,
  {
    integrations: 200,
    stored: 5_000_000,
    errors: 100_000,
    connections: 50,
    seconds: 10,
  },
  benchApi,
);
