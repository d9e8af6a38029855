// What the product promises when it runs as several replicas on one PostgreSQL, proven against
// three replicas of the production build: each scheduled check once, each webhook attempt once,
// each one-time refresh token spent once, and live updates reaching a page whichever replica
// serves it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/portal.mjs';
import { ROOT } from './cluster.mjs';
import { sleep, startReceiver, useCluster, waitFor } from './clusterClient.mjs';

const OUTPUT_DIR = join(ROOT, 'cluster', 'output');

/** Long enough for two checks of every integration checked each minute. */
const HEALTH_WINDOW_MS = 130_000;

describe('three replicas on one PostgreSQL', { timeout: 1_500_000 }, () => {
  const context = useCluster({ port: 7300 });
  const api = (...args) => context.client.api(...args);

  it('answers through every replica behind the load balancer', async () => {
    for (const replica of context.cluster.replicas) {
      const res = await fetch(
        `${replica.url}/api/integrations/configs?environment=production`,
        {
          headers: { authorization: `Bearer ${context.cluster.serviceToken}` },
        },
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
    const endpoint = await context.client.createEndpoint(
      'normal operation',
      receiver.url,
    );
    const accepted = await context.client.publish(100, 'normal');
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
    const checks = await context.integrationsDb(async db => {
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

  it("never spends one of X's one-time refresh tokens twice across replicas", async t => {
    const since = new Date().toISOString();
    // A connection test refreshes the access token on purpose; three replicas at once, three
    // times over, race for X's refresh token, which X refuses once it has been used.
    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(
        context.cluster.replicas.map(replica =>
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
      `${context.cluster.simulatorUrl}/_control/twitter/requests`,
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
      await page.goto(`${context.cluster.url}/integrations/webhooks`);
      await page.getByRole('tab', { name: 'Inbound' }).click();
      await page.getByText(/No webhooks received yet/).waitFor();
      const log = page.getByRole('table', { name: 'Inbound webhooks' });
      // The page holds one Signals connection, to one replica. A webhook received by each
      // replica in turn shows without a reload only if every replica's signal reaches it.
      for (const [index, replica] of context.cluster.replicas.entries()) {
        const res = await fetch(
          `${context.cluster.simulatorUrl}/_control/stripe/webhooks`,
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
