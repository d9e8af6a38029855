// How the cluster tests talk to a running cluster: as a persona or a service, and as a partner
// receiving its webhooks.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

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
