// How the cluster tests talk to a running cluster: as a persona or a service, and as a partner
// receiving its webhooks.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { dropDatabases, startCluster, withPostgres } from './cluster.mjs';

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

export async function waitFor(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(500);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

/** Calls the integrations API of `cluster` (or of one replica with `via`). */
export function clusterClient(cluster) {
  const tokens = {};

  async function userToken(persona) {
    if (!tokens[persona]) {
      const res = await fetch(
        `${cluster.url}/api/auth/dev-persona/refresh?env=production`,
        {
          headers: {
            'x-requested-with': 'XMLHttpRequest',
            'x-dev-persona': persona,
          },
        },
      );
      assert.equal(res.status, 200, await res.clone().text());
      tokens[persona] = (await res.json()).backstageIdentity.token;
    }
    return tokens[persona];
  }

  /** `as` a persona, or as the cluster's service client when absent. */
  async function api(path, { as, body, method, via = cluster.url } = {}) {
    const token = as ? await userToken(as) : cluster.serviceToken;
    return fetch(`${via}/api/integrations${path}`, {
      method: method ?? (body ? 'POST' : 'GET'),
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  async function createEndpoint(name, url) {
    const res = await api('/webhooks', {
      as: 'admin',
      body: {
        integration: 'stripe',
        name,
        url,
        events: ['integration.custom'],
        environments: ['production'],
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return res.json();
  }

  /** Publishes `count` custom events; answers how many were accepted (202). */
  async function publish(count, tag) {
    let accepted = 0;
    for (let i = 0; i < count; i++) {
      const res = await api('/webhooks/events', {
        as: 'admin',
        body: {
          integration: 'stripe',
          environment: 'production',
          name: `cluster.${tag}`,
          payload: { n: i },
        },
      }).catch(() => undefined);
      // A request in flight to a replica that dies fails; only 202 is a promise to deliver.
      if (res?.status === 202) accepted++;
    }
    return accepted;
  }

  return { api, userToken, createEndpoint, publish };
}

/** A partner's webhook receiver: records every delivery by its webhook-id. */
export async function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers['webhook-id']);
      res.writeHead(204).end();
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    received,
    distinct: () => new Set(received).size,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/**
 * Starts three replicas on fresh databases before the suite's tests and removes them after;
 * `port` keeps two suites' clusters apart.
 */
export function useCluster({ port }) {
  const databasePrefix = `cluster_test_${randomBytes(4).toString('hex')}_`;
  const context = {
    cluster: undefined,
    client: undefined,
    /** Runs `fn` with a client on the integrations plugin's own database. */
    integrationsDb: fn => withPostgres(fn, `${databasePrefix}integrations`),
  };
  before(async () => {
    context.cluster = await startCluster({
      replicas: 3,
      port,
      dataDir: `${
        process.env.CLUSTER_TEST_DATA_DIR ?? '/tmp'
      }/integrations-cluster-test-${port}`,
      databasePrefix,
      fresh: true,
      extraConfigs: ['cluster/app-config.cluster-test.yaml'],
    });
    context.client = clusterClient(context.cluster);
  });
  after(async () => {
    await context.cluster?.stop();
    await dropDatabases(databasePrefix);
  });
  return context;
}

/**
 * Reports usage as a busy service would, two batches of 20 in flight at a time, until stopped;
 * keeps the ids of every event the cluster accepted and what it answered to the rest.
 */
export function reportUsageUntilStopped(api) {
  const accepted = [];
  const failures = [];
  let stopped = false;
  const reporter = async () => {
    while (!stopped) {
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
        error => ({
          status: 0,
          text: async () => String(error.cause ?? error),
        }),
      );
      if (res.status === 202) {
        accepted.push(...events.map(e => e.id));
      } else {
        failures.push({ status: res.status, body: await res.text() });
        await sleep(100);
      }
    }
  };
  const running = [reporter(), reporter()];
  return {
    accepted,
    failures,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/** The ids among `ids` that the usage_events table does not hold. */
export async function missingUsageEvents(integrationsDb, ids) {
  const kept = await integrationsDb(async db => {
    const { rows } = await db.query(
      'SELECT id FROM usage_events WHERE id = ANY($1)',
      [ids],
    );
    return new Set(rows.map(r => r.id));
  });
  return ids.filter(id => !kept.has(id));
}
