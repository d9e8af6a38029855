import { TestDatabases } from '@backstage/backend-test-utils';
import { TestRunResult } from '@internal/plugin-integrations-common';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import {
  DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
  ENVIRONMENTS,
  WEBHOOK_EVENT_TYPE_NAMES,
} from '@internal/plugin-integrations-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HealthCheckTask } from '../health/HealthCheckTask';
import { sealSecret } from '../webhooks/endpointSecrets';
import { newSigningSecret } from '../webhooks/signing';
import { WebhookDeliveryStore } from '../webhooks/WebhookDeliveryStore';
import { WebhookDispatcher } from '../webhooks/WebhookDispatcher';
import { DatabaseWebhookEndpointStore } from '../webhooks/WebhookEndpointStore';
import {
  ADMIN,
  Harness,
  TESTER,
  createHarness,
  dumpAllTables,
  withConnection,
} from './__testUtils__/harness';

jest.setTimeout(30_000);

const CANARY = 'sk_test_CANARY0123456789abcdef';
const CANARY_MARK = 'CANARY0123456789';

/** JSON with every binary column as text, so a plaintext value in a blob shows too. */
function asText(value: unknown): string {
  return JSON.stringify(value, (_key, item) => {
    if (item && item.type === 'Buffer' && Array.isArray(item.data)) {
      return Buffer.from(item.data).toString('latin1');
    }
    if (Buffer.isBuffer(item)) {
      return item.toString('latin1');
    }
    return item;
  });
}

/** Every argument of every call to the logger and the loggers it handed out. */
function loggedArguments(logger: Harness['logger']): unknown[] {
  const calls: unknown[] = [];
  const visit = (mock: Record<string, any>) => {
    for (const method of Object.values(mock)) {
      if (!jest.isMockFunction(method)) {
        continue;
      }
      calls.push(...method.mock.calls);
      for (const result of method.mock.results) {
        if (result.value && typeof result.value === 'object') {
          visit(result.value);
        }
      }
    }
  };
  visit(logger as unknown as Record<string, any>);
  return calls;
}

describe('a stored secret never leaves the vault', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let h: Harness;
  let receiver: Server;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> =
    [];

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    h = await createHarness({ databases, simulator });
    await h.credentials.update(
      'stripe',
      'development',
      { credentials: { secretKey: CANARY } },
      ADMIN,
    );
    // A partner subscribed to every event of Stripe, in every environment.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>(resolve =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
    const id = '5b0c2d7e-8f1a-4c3b-9d6e-7a8b9c0d1e2f';
    await new DatabaseWebhookEndpointStore(h.knex).create(
      {
        id,
        integration: 'stripe',
        name: 'Partner',
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
        events: WEBHOOK_EVENT_TYPE_NAMES,
        environments: [...ENVIRONMENTS],
        status: 'active',
        deliverySettings: DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
        secret: sealSecret(
          h.vault,
          { id, integration: 'stripe' },
          1,
          newSigningSecret(),
        ),
        createdBy: 'user:default/ada',
      },
      new Date(),
    );
  });
  afterAll(async () => {
    await simulator.close();
    await new Promise(resolve => receiver.close(resolve));
  });

  it('shows up in no result, health state, audit row, log line, webhook or table row', async () => {
    const runs: TestRunResult[] = [];
    const quick = async () => {
      const config = withConnection(await h.config('stripe'), {
        timeout: 1000,
      });
      const run = await h.tester.run(config, {
        suite: 'quick',
        trigger: 'manual',
        actor: TESTER,
      });
      runs.push(run);
      return run;
    };

    expect((await quick()).status).toBe('passed');
    const scenarios = [
      { rejectCredentials: true },
      { status: 503 },
      { hang: true },
      { status: 429 },
      { retryAfterSeconds: 30 },
    ];
    for (const scenario of scenarios) {
      simulator.control.reset('stripe');
      simulator.control.set('stripe', scenario);
      expect((await quick()).status).toBe('failed');
    }
    // The scheduled checks too, through the task and its logger.
    simulator.control.set('stripe', { hang: true });
    const task = new HealthCheckTask({
      configs: h.store.configs,
      health: h.store.health,
      claims: h.store.healthClaims,
      tester: h.tester,
      logger: h.logger,
      concurrency: 5,
    });
    const config = withConnection(await h.config('stripe'), { timeout: 1000 });
    expect(await task.check([config])).toEqual({ checked: 1, failed: 1 });

    // The canary was used: Stripe checked it and said so.
    expect(runs.map(r => r.failure?.class)).toEqual([
      undefined,
      'auth_invalid',
      'provider_error',
      'timeout',
      'rate_limited',
      'rate_limited',
    ]);
    expect(runs[1].failure?.providerMessage).toMatch(
      /^Invalid API Key provided: sk_test_\*/,
    );

    const stored = await h.store.health.listRuns('stripe', 'development', {
      offset: 0,
      limit: 100,
    });
    expect(stored.totalCount).toBe(runs.length + 1);
    expect(asText([runs, stored.items])).not.toContain(CANARY_MARK);

    expect(asText(await h.store.health.listStates())).not.toContain(
      CANARY_MARK,
    );

    const audit = await h.store.audit.list({}, { limit: 1000 });
    expect(audit.items.map(i => i.action)).toEqual(
      expect.arrayContaining(['credentials_update', 'credentials_use']),
    );
    expect(asText(audit.items)).not.toContain(CANARY_MARK);

    expect(asText(loggedArguments(h.logger))).not.toContain(CANARY_MARK);

    // Status changes and new error groups went out as webhooks.
    await new WebhookDispatcher({
      deliveries: new WebhookDeliveryStore(h.knex),
      http: h.http,
      vault: h.vault,
      logger: h.logger,
    }).dispatchDue();
    expect(received.map(r => JSON.parse(r.body).type)).toEqual(
      expect.arrayContaining([
        'integration.health_changed',
        'error_group.opened',
      ]),
    );
    expect(asText(received)).not.toContain(CANARY_MARK);

    const tables = await dumpAllTables(h.knex);
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining([
        'credentials',
        'audit_log',
        'test_runs',
        'health_states',
        'health_events',
        'error_events',
        'error_groups',
        'webhook_events',
        'webhook_attempts',
      ]),
    );
    // Every failure became an error event, and none holds the secret.
    expect(tables.error_events).toHaveLength(scenarios.length + 1);
    for (const [table, rows] of Object.entries(tables)) {
      expect({ table, leaked: asText(rows).includes(CANARY_MARK) }).toEqual({
        table,
        leaked: false,
      });
    }
    // Nor base64-encoded, as it would be in an Authorization: Basic header.
    const base64 = Buffer.from(CANARY).toString('base64').slice(0, 24);
    expect(asText(tables)).not.toContain(base64);
  });
});
