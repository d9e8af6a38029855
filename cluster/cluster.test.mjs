// What the product promises when it runs as several replicas on one PostgreSQL, proven against
// `./run cluster 3`: each scheduled check once, each webhook attempt once, no accepted write
// lost when a replica is killed, and live updates reaching a page whichever replica serves it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/portal.mjs';
import { startCluster, dropDatabases, withPostgres, ROOT } from './cluster.mjs';
import {
  clusterClient,
  sleep,
  startReceiver,
  waitFor,
} from './clusterClient.mjs';

const OUTPUT_DIR = join(ROOT, 'cluster', 'output');

/** Long enough for two checks of every integration checked each minute. */
const HEALTH_WINDOW_MS = 130_000;

describe('three replicas on one PostgreSQL', { timeout: 1_500_000 }, () => {
  const databasePrefix = `cluster_test_${randomBytes(4).toString('hex')}_`;
  let cluster;
  let client;
  const api = (...args) => client.api(...args);

  const integrationsDb = fn =>
    withPostgres(fn, `${databasePrefix}integrations`);

  before(async () => {
    cluster = await startCluster({
      replicas: 3,
      port: 7300,
      dataDir: `${
        process.env.CLUSTER_TEST_DATA_DIR ?? '/tmp'
      }/integrations-cluster-test`,
      databasePrefix,
      fresh: true,
      extraConfigs: ['cluster/app-config.cluster-test.yaml'],
    });
    client = clusterClient(cluster);
  });

  after(async () => {
    await cluster?.stop();
    await dropDatabases(databasePrefix);
  });

  it('answers through every replica behind the load balancer', async () => {
    for (const replica of cluster.replicas) {
      const res = await fetch(
        `${replica.url}/api/integrations/configs?environment=production`,
        { headers: { authorization: `Bearer ${cluster.serviceToken}` } },
      );
      const body = await res.json();
      assert.equal(res.status, 200, `${replica.name}: ${JSON.stringify(body)}`);
      assert.ok(body.items.length > 0, 'demo data was seeded');
    }
  });

  it('health-checks each integration once per interval, cluster-wide', async t => {
    const windowStart = new Date();
    const receiver = await startReceiver();
    // Webhooks in normal operation share the window: each attempt is sent once.
    const endpoint = await client.createEndpoint(
      'normal operation',
      receiver.url,
    );
    const accepted = await client.publish(100, 'normal');
    assert.equal(accepted, 100);
    await waitFor(
      () => receiver.distinct() === accepted,
      60_000,
      `${accepted} deliveries did not arrive`,
    );
    assert.equal(
      receiver.received.length,
      accepted,
      'a delivery was sent twice in normal operation',
    );
    await api(`/webhooks/${endpoint.id}`, { as: 'admin', method: 'DELETE' });
    await receiver.close();

    await sleep(Math.max(0, HEALTH_WINDOW_MS - (Date.now() - windowStart)));
    const windowEnd = new Date();

    const configs = [];
    for (const environment of ['production', 'staging', 'development']) {
      const res = await api(`/configs?environment=${environment}`);
      configs.push(...(await res.json()).items);
    }
    const checks = await integrationsDb(async db => {
      const { rows } = await db.query(
        `SELECT integration_name, environment, started_at FROM test_runs
         WHERE trigger = 'scheduled' AND started_at >= $1 AND started_at < $2
         ORDER BY started_at`,
        [windowStart, windowEnd],
      );
      return rows;
    });
    const tickSlackMs = 15_000;
    let checked = 0;
    for (const config of configs.filter(c => c.enabled)) {
      const intervalMs = config.monitoringConfig.healthCheckInterval * 1000;
      if (intervalMs * 2 > HEALTH_WINDOW_MS) continue;
      const times = checks
        .filter(
          c =>
            c.integration_name === config.name &&
            c.environment === config.environment,
        )
        .map(c => new Date(c.started_at).getTime());
      const label = `${config.name} (${config.environment}), every ${
        intervalMs / 1000
      } s`;
      assert.ok(times.length > 0, `${label}: never checked`);
      for (let i = 1; i < times.length; i++) {
        const gap = times[i] - times[i - 1];
        assert.ok(
          gap >= intervalMs - 3_000,
          `${label}: checked twice ${gap} ms apart`,
        );
        assert.ok(
          gap <= intervalMs + tickSlackMs,
          `${label}: ${gap} ms without a check`,
        );
      }
      assert.ok(
        windowEnd.getTime() - times[times.length - 1] <=
          intervalMs + tickSlackMs,
        `${label}: no check in the last ${intervalMs / 1000} s`,
      );
      checked++;
    }
    assert.ok(checked >= 5, `only ${checked} configurations were checkable`);
    t.diagnostic(
      `${checks.length} scheduled checks of ${checked} configurations in ${
        HEALTH_WINDOW_MS / 1000
      } s, none doubled or missed; 100 webhook deliveries sent once each`,
    );
  });

  it('delivers every webhook when a replica is killed mid-delivery, duplicates counted', async t => {
    const receiver = await startReceiver();
    const endpoint = await client.createEndpoint(
      'replica killed',
      receiver.url,
    );
    const publishing = client.publish(300, 'killed');
    await waitFor(
      () => receiver.distinct() >= 30,
      60_000,
      'deliveries did not start',
    );
    const victim = cluster.replicas[1];
    await victim.kill();
    const accepted = await publishing;
    await victim.start();
    await waitFor(
      () => receiver.distinct() >= accepted,
      180_000,
      `only ${receiver.distinct()} of ${accepted} deliveries arrived`,
    );
    const duplicates = receiver.received.length - receiver.distinct();
    t.diagnostic(
      `${accepted} events accepted, ${receiver.distinct()} delivered, ${duplicates} sent twice (at least once)`,
    );
    await api(`/webhooks/${endpoint.id}`, { as: 'admin', method: 'DELETE' });
    await receiver.close();
  });

  it('loses no accepted write when a replica is killed under load', async t => {
    const acceptedUsage = [];
    const acceptedChanges = [];
    let refused = 0;
    let stop = false;

    const reportUsage = async () => {
      while (!stop) {
        const events = Array.from({ length: 20 }, () => ({
          id: randomUUID(),
          integration: 'stripe',
          environment: 'production',
          endpoint: '/v1/charges',
          method: 'POST',
          status: 200,
          durationMs: 120,
          occurredAt: new Date().toISOString(),
        }));
        const res = await api('/usage/events', { body: { events } }).catch(
          () => undefined,
        );
        if (res?.status === 202) {
          const { accepted } = await res.json();
          assert.equal(accepted, events.length);
          acceptedUsage.push(...events.map(e => e.id));
        } else {
          refused++;
        }
      }
    };
    const currentVersion = async () => {
      const res = await api('/configs/stripe?environment=development', {
        as: 'admin',
      });
      const [config] = await res.json();
      return config.metadata.version;
    };
    const changeConfigs = async () => {
      let n = 0;
      while (!stop) {
        const description = `Load test change ${++n}`;
        const res = await currentVersion()
          .then(version =>
            api('/configs/stripe?environment=development', {
              as: 'admin',
              method: 'PUT',
              body: { description, version },
            }),
          )
          .catch(() => undefined);
        if (res?.status === 200) {
          acceptedChanges.push(description);
        } else {
          refused++;
        }
      }
    };

    const load = [reportUsage(), reportUsage(), changeConfigs()];
    await sleep(5_000);
    const victim = cluster.replicas[2];
    await victim.kill();
    await sleep(5_000);
    stop = true;
    await Promise.all(load);
    await victim.start();

    const { usageIds, descriptions } = await integrationsDb(async db => {
      const usage = await db.query(
        'SELECT id FROM usage_events WHERE id = ANY($1)',
        [acceptedUsage],
      );
      const versions = await db.query(
        `SELECT snapshot FROM config_versions WHERE integration_name = 'stripe' AND environment = 'development'`,
      );
      return {
        usageIds: new Set(usage.rows.map(r => r.id)),
        descriptions: new Set(
          versions.rows.map(r => JSON.parse(r.snapshot).description),
        ),
      };
    });
    const lostUsage = acceptedUsage.filter(id => !usageIds.has(id));
    const lostChanges = acceptedChanges.filter(d => !descriptions.has(d));
    assert.ok(acceptedUsage.length > 0 && acceptedChanges.length > 0);
    assert.deepEqual(lostUsage, [], 'accepted usage events were lost');
    assert.deepEqual(
      lostChanges,
      [],
      'accepted configuration changes were lost',
    );
    t.diagnostic(
      `${acceptedUsage.length} usage events and ${acceptedChanges.length} configuration changes accepted and all kept; ${refused} requests refused while the replica died`,
    );
  });

  it("never spends one of X's one-time refresh tokens twice across replicas", async t => {
    const since = new Date().toISOString();
    // A connection test refreshes the access token on purpose; three replicas at once, three
    // times over, race for X's refresh token, which X refuses once it has been used.
    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(
        cluster.replicas.map(replica =>
          api('/twitter/test?environment=production', {
            as: 'admin',
            method: 'POST',
            via: replica.url,
          }).then(res => res.json()),
        ),
      );
      for (const run of runs) {
        const token = run.steps.find(step => step.id === 'token');
        assert.equal(token?.status, 'passed', JSON.stringify(run.steps));
      }
    }
    const { requests } = await fetch(
      `${cluster.simulatorUrl}/_control/twitter/requests`,
    ).then(res => res.json());
    const refreshes = requests.filter(
      r => r.path === '/2/oauth2/token' && r.at >= since,
    );
    assert.ok(refreshes.length >= 3, `${refreshes.length} refreshes`);
    assert.deepEqual(
      refreshes.filter(r => r.status !== 200),
      [],
      'X refused a refresh token that had been spent',
    );
    t.diagnostic(
      `${refreshes.length} token refreshes for 9 forced refreshes on 3 replicas, none refused`,
    );
  });

  it('shows a change made through any replica on a page connected through the load balancer', async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
      });
      await page.goto(`${cluster.url}/integrations/webhooks`);
      await page.getByRole('tab', { name: 'Inbound' }).click();
      await page.getByText(/No webhooks received yet/).waitFor();
      const log = page.getByRole('table', { name: 'Inbound webhooks' });
      // The page holds one Signals connection, to one replica. A webhook received by each
      // replica in turn shows without a reload only if every replica's signal reaches it.
      for (const [index, replica] of cluster.replicas.entries()) {
        const res = await fetch(
          `${cluster.simulatorUrl}/_control/stripe/webhooks`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              url: `${replica.url}/api/integrations/webhooks/inbound/stripe?environment=development`,
              secret: 'whsec_demoAcmeShopStripeSigningSecret',
            }),
          },
        );
        assert.equal((await res.json()).status, 200);
        await waitFor(
          async () =>
            (await log.getByText('Verified', { exact: true }).count()) ===
            index + 1,
          30_000,
          `the webhook received by ${replica.name} did not show on the page`,
        );
      }
      await page.screenshot({ path: join(OUTPUT_DIR, 'cluster-signals.png') });
    } finally {
      await browser.close();
    }
  });
});
