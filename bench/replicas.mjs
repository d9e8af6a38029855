// What more replicas buy: the production build as 1 and then 3 replicas on one PostgreSQL
// behind HAProxy, each on fresh databases with the demo company, measuring
//
// - webhook deliveries per second: `--deliveries` events queued for one endpoint while it is
//   paused, then the endpoint resumed; from the resume until a receiver of the bench's own has
//   every one. Every replica's dispatcher claims and sends, so this is the cluster's sending;
// - scheduled health checks per second: `--checks` generic HTTP integrations calling the
//   provider simulator, seeded switched off, given their API key and then switched on at once
//   (so every one is due); from the switch until each has been checked by the replicas' health
//   task, which every replica ticks and which shares the due checks out through claims;
// - connection tests per second: `--tests` quick tests of the demo integrations against the
//   provider simulator, `--concurrency` at a time through the load balancer.
//
// Prints one JSON report.
//
//   node bench/replicas.mjs [--deliveries 2000] [--checks 600] [--tests 600] [--concurrency 24]
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import {
  dropDatabases,
  startCluster,
  withPostgres,
} from '../cluster/cluster.mjs';
import {
  clusterClient,
  startReceiver,
  waitFor,
} from '../cluster/clusterClient.mjs';
import { storageOf } from './api.mjs';
import { runWhenMain, seedCompanyScale } from './companyScale.mjs';

/** Runs `task(i)` for i in 0…count-1, `concurrency` at a time; answers the results. */
async function pooled(count, concurrency, task) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

async function deliveriesPerSecond(client, deliveries) {
  const receiver = await startReceiver();
  try {
    const { endpoint } = await client.createEndpoint('bench', receiver.url);
    const setActive = async active => {
      const res = await client.api(`/webhooks/${endpoint.id}`, {
        as: 'admin',
        method: 'PUT',
        body: { active },
      });
      assert.equal(res.status, 200, await res.clone().text());
    };
    await setActive(false);
    const accepted = await pooled(deliveries, 8, async i => {
      const res = await client.api('/webhooks/events', {
        as: 'admin',
        body: {
          integration: 'stripe',
          environment: 'production',
          name: 'bench.replicas',
          payload: { n: i },
        },
      });
      return res.status === 202;
    });
    assert.equal(accepted.filter(Boolean).length, deliveries);
    const started = performance.now();
    await setActive(true);
    await waitFor(
      () => receiver.distinct() >= deliveries,
      600_000,
      `the receiver did not get ${deliveries} deliveries`,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      deliveries,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(deliveries / seconds),
      duplicates: receiver.received.length - receiver.distinct(),
    };
  } finally {
    await receiver.close();
  }
}

async function checksPerSecond(client, cluster, names) {
  await pooled(names.length, 8, async i => {
    const res = await client.api(
      `/${names[i]}/credentials?environment=production`,
      {
        as: 'admin',
        method: 'PUT',
        body: { credentials: { apiKey: `bench-api-key-${i}-0123456789` } },
      },
    );
    assert.equal(res.status, 200, await res.clone().text());
  });
  const checked = () =>
    withPostgres(async db => {
      const { rows } = await db.query(
        `SELECT count(DISTINCT integration_name)::int AS n FROM test_runs
         WHERE integration_name LIKE 'checks-%' AND trigger = 'scheduled'`,
      );
      return rows[0].n;
    }, `${cluster.databasePrefix}integrations`);
  const switchAll = async enabled => {
    for (let start = 0; start < names.length; start += 200) {
      const res = await client.api('/bulk-update', {
        as: 'admin',
        body: Object.fromEntries(
          names
            .slice(start, start + 200)
            .map(name => [name, { environment: 'production', enabled }]),
        ),
      });
      assert.equal(res.status, 200, await res.clone().text());
    }
  };
  const started = performance.now();
  await switchAll(true);
  await waitFor(
    async () => (await checked()) >= names.length,
    600_000,
    `the ${names.length} integrations were not all checked`,
  );
  const seconds = (performance.now() - started) / 1000;
  // Off again, so their next checks do not weigh on the phases after this one.
  await switchAll(false);
  // Which replica holds each configuration's claim: how the checks were shared.
  const shares = await withPostgres(async db => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM health_check_claims
       WHERE integration_name LIKE 'checks-%' GROUP BY claimed_by ORDER BY n DESC`,
    );
    return rows.map(row => row.n);
  }, `${cluster.databasePrefix}integrations`);
  return {
    checks: names.length,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(names.length / seconds),
    checkedPerReplica: shares,
  };
}

async function testsPerSecond(client, tests, concurrency) {
  // The demo integrations that pass a quick test against the simulator.
  const names = ['stripe', 'github', 'telegram', 'brevo'];
  // Sign in once before the clock starts.
  await client.userToken('admin');
  const started = performance.now();
  const statuses = await pooled(tests, concurrency, async i => {
    try {
      const res = await client.api(
        `/${names[i % names.length]}/test?environment=production`,
        { as: 'admin', method: 'POST' },
      );
      await res.arrayBuffer();
      return res.status;
    } catch {
      // Refused or reset on the way: counted, not fatal to the run.
      return 'no answer';
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = statuses.filter(status => status !== 200).length;
  return {
    tests,
    concurrency,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round((tests - failed) / seconds),
    failedRequests: failed,
  };
}

/** A phase's figures, or what stopped it, so one failed phase keeps the others. */
async function phase(run) {
  try {
    return await run();
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

async function measure(replicas, options) {
  const databasePrefix = `bench_replicas_${randomBytes(4).toString('hex')}_`;
  const cluster = await startCluster({
    replicas,
    port: 7700,
    dataDir: '/tmp/integrations-bench-replicas',
    databasePrefix,
    fresh: true,
    extraConfigs: ['cluster/app-config.cluster-test.yaml'],
  });
  try {
    const client = clusterClient(cluster);
    const { checkable } = seedCompanyScale({
      databasePrefix,
      integrations: 0,
      stored: 0,
      checkable: options.checks,
      // Production takes https only: the simulator's development certificate, which the
      // cluster trusts for the demo integrations.
      simulator: cluster.simulatorHttpsUrl,
    });
    const scheduledChecks = await phase(() =>
      checksPerSecond(client, cluster, checkable),
    );
    const webhookDeliveries = await phase(() =>
      deliveriesPerSecond(client, options.deliveries),
    );
    const connectionTests = await phase(() =>
      testsPerSecond(client, options.tests, options.concurrency),
    );
    return {
      scheduledChecks,
      webhookDeliveries,
      connectionTests,
      // What a test run, a webhook event, delivery and attempt take on disk, for the sizing.
      storage: await storageOf(databasePrefix, { minRows: 100 }),
    };
  } finally {
    await cluster.stop();
    await dropDatabases(databasePrefix);
  }
}

export async function benchReplicas({
  deliveries = 2000,
  checks = 600,
  tests = 600,
  concurrency = 24,
} = {}) {
  const options = { deliveries, checks, tests, concurrency };
  const one = await measure(1, options);
  const three = await measure(3, options);
  const ratio = (a, b) => (a && b ? Math.round((b / a) * 100) / 100 : null);
  return {
    cpus: cpus().length,
    goal: 'with 3 replicas at least 2.5 × the throughput of 1, given the cores',
    oneReplica: one,
    threeReplicas: three,
    threeToOne: {
      scheduledChecks: ratio(
        one.scheduledChecks.perSecond,
        three.scheduledChecks.perSecond,
      ),
      webhookDeliveries: ratio(
        one.webhookDeliveries.perSecond,
        three.webhookDeliveries.perSecond,
      ),
      connectionTests: ratio(
        one.connectionTests.perSecond,
        three.connectionTests.perSecond,
      ),
    },
  };
}

await runWhenMain(
  import.meta.url,
  { deliveries: 2000, checks: 600, tests: 600, concurrency: 24 },
  benchReplicas,
);
