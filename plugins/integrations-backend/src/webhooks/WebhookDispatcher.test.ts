import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
  WebhookDeliverySettings,
} from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';
import { applyDatabaseMigrations } from '../database/migrations';
import { SafeHttpClient } from '../network';
import { OutboxEvent } from '../outbox/EventOutbox';
import { sealSecret } from './endpointSecrets';
import { newSigningSecret } from './signing';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookDispatcher } from './WebhookDispatcher';
import { DatabaseWebhookEndpointStore } from './WebhookEndpointStore';
import { WebhookOutbox } from './WebhookOutbox';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const vault = new CredentialVault(
  KeyRing.fromKeys(
    [{ id: 'k1', secret: 'webhook-test-key-0123456789abcdefghij' }],
    'k1',
  ),
);
const http = new SafeHttpClient({ allowedCidrs: ['127.0.0.0/8'] });
const logger = mockServices.logger.mock();

const servers: Server[] = [];

type Answer = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A receiver on loopback that records what arrives and answers as told. */
async function receiver(answer: Answer = (_, res) => res.writeHead(204).end()) {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> =
    [];
  const state = { answer };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      state.answer(req, res, body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/hooks`;
  servers.push(server);
  return { url, received, answer: (next: Answer) => (state.answer = next) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
});

function healthEvent(integration = 'stripe'): OutboxEvent {
  return {
    type: 'integration.health_changed',
    integration,
    environment: 'production',
    occurredAt: new Date(),
    data: {
      integration,
      environment: 'production',
      status: 'down',
      changedAt: new Date().toISOString(),
    },
  };
}

async function setup(
  knex: Knex,
  url: string,
  settings: Partial<WebhookDeliverySettings> = {},
) {
  await applyDatabaseMigrations(
    mockServices.database({ knex, migrations: { skip: false } }),
  );
  const endpoints = new DatabaseWebhookEndpointStore(knex);
  const deliveries = new WebhookDeliveryStore(knex);
  const secret = newSigningSecret();
  const id = `00000000-0000-4000-8000-${String(
    Math.floor(Math.random() * 1e12),
  ).padStart(12, '0')}`;
  const endpoint = await endpoints.create(
    {
      id,
      integration: 'stripe',
      name: 'Partner',
      url,
      events: ['integration.health_changed'],
      environments: ['production'],
      status: 'active',
      deliverySettings: { ...DEFAULT_WEBHOOK_DELIVERY_SETTINGS, ...settings },
      secret: sealSecret(vault, { id, integration: 'stripe' }, 1, secret),
      createdBy: 'user:default/ada',
    },
    new Date(),
  );
  const outbox = new WebhookOutbox();
  const publish = (events: OutboxEvent[]) =>
    knex.transaction(tx => outbox.publish(tx, events));
  const dispatcher = (now?: () => Date) =>
    new WebhookDispatcher({
      deliveries,
      http,
      vault,
      logger,
      now,
      random: () => 0.5,
    });
  return {
    endpoints,
    deliveries,
    endpoint,
    secret,
    outbox,
    publish,
    dispatcher,
  };
}

describe.each(databases.eachSupportedId())(
  'the webhook dispatcher on %p',
  databaseId => {
    it('delivers a committed event once, signed so the receiver verifies it', async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver();
      const { publish, dispatcher, secret, deliveries } = await setup(
        knex,
        target.url,
      );
      await publish([healthEvent()]);

      expect(await dispatcher().dispatchDue()).toBe(1);
      expect(await dispatcher().dispatchDue()).toBe(0);

      expect(target.received).toHaveLength(1);
      const [{ headers, body }] = target.received;
      const message = new Webhook(secret).verify(
        body,
        headers as Record<string, string>,
      );
      expect(message).toMatchObject({
        type: 'integration.health_changed',
        data: { integration: 'stripe', status: 'down' },
      });
      const { items } = await deliveries.list({ limit: 10, offset: 0 });
      expect(items[0]).toMatchObject({
        status: 'delivered',
        eventId: headers['webhook-id'],
        delivery: { success: true, httpStatus: 204 },
        retry: { attemptNumber: 1, maxAttempts: 8 },
      });
    });

    it('queues nothing for a change that rolls back', async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver();
      const { outbox, dispatcher } = await setup(knex, target.url);
      await expect(
        knex.transaction(async tx => {
          await outbox.publish(tx, [healthEvent()]);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await dispatcher().dispatchDue()).toBe(0);
      expect(target.received).toHaveLength(0);
    });

    it('retries a failed delivery after the schedule, with the same webhook-id, and records every attempt', async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver((_, res) =>
        res.writeHead(500).end('database down'),
      );
      const { publish, dispatcher, deliveries } = await setup(knex, target.url);
      let clock = new Date();
      const now = () => clock;
      await publish([healthEvent()]);

      expect(await dispatcher(now).dispatchDue()).toBe(1);
      const [failed] = (await deliveries.list({ limit: 1, offset: 0 })).items;
      expect(failed.status).toBe('pending');
      expect(Date.parse(failed.retry.nextRetry!) - clock.getTime()).toBe(5000);
      expect(failed.delivery).toMatchObject({
        httpStatus: 500,
        errorMessage: 'The receiver answered 500',
      });

      // Not due yet: nothing is sent.
      expect(await dispatcher(now).dispatchDue()).toBe(0);
      target.answer((_, res) => res.writeHead(200).end('ok'));
      clock = new Date(clock.getTime() + 6000);
      expect(await dispatcher(now).dispatchDue()).toBe(1);

      expect(target.received.map(r => r.headers['webhook-id'])).toEqual([
        failed.eventId,
        failed.eventId,
      ]);
      const detail = (await deliveries.get(failed.id))!;
      expect(detail.status).toBe('delivered');
      expect(
        detail.retry.retryHistory.map(a => [
          a.attemptNumber,
          a.success,
          a.httpStatus,
        ]),
      ).toEqual([
        [1, false, 500],
        [2, true, 200],
      ]);
      expect(detail.delivery.responseBody).toBe('ok');
    });

    it('disables the endpoint on 410 Gone and gives the delivery up', async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver((_, res) => res.writeHead(410).end());
      const { publish, dispatcher, deliveries, endpoints, endpoint } =
        await setup(knex, target.url);
      await publish([healthEvent()]);
      await dispatcher().dispatchDue();

      expect((await endpoints.get(endpoint.id))!).toMatchObject({
        status: 'disabled',
        disabledReason: 'The receiver answered 410 Gone',
      });
      expect(
        (await deliveries.list({ limit: 1, offset: 0 })).items[0].status,
      ).toBe('failed');
      // A disabled endpoint gets no new deliveries.
      await publish([healthEvent()]);
      expect((await deliveries.list({ limit: 10, offset: 0 })).totalCount).toBe(
        1,
      );
    });

    it("waits as long as a 429's Retry-After asks, and fails a redirect without following it", async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver((_, res) =>
        res.writeHead(429, { 'retry-after': '120' }).end(),
      );
      const { publish, dispatcher, deliveries } = await setup(knex, target.url);
      const clock = new Date();
      await publish([healthEvent()]);
      await dispatcher(() => clock).dispatchDue();
      const [throttled] = (await deliveries.list({ limit: 1, offset: 0 }))
        .items;
      expect(Date.parse(throttled.retry.nextRetry!) - clock.getTime()).toBe(
        120_000,
      );

      target.answer((_, res) =>
        res.writeHead(302, { location: 'https://elsewhere.example/' }).end(),
      );
      await deliveries.retry(throttled.id, clock);
      await dispatcher(() => clock).dispatchDue();
      expect(target.received).toHaveLength(2);
      const redirected = (await deliveries.get(throttled.id))!;
      expect(redirected.status).toBe('failed');
      expect(redirected.delivery.errorMessage).toContain(
        'redirects are not followed',
      );
    });

    it('sends an ordered endpoint one delivery at a time per ordering key, oldest first', async () => {
      const knex = await databases.init(databaseId);
      const target = await receiver((_, res) => res.writeHead(500).end());
      const { publish, dispatcher, deliveries } = await setup(
        knex,
        target.url,
        { ordered: true },
      );
      await publish([healthEvent()]);
      await publish([healthEvent()]);
      const clock = new Date(Date.now() + 1000);
      // The first fails and waits for its retry; the second waits behind it.
      expect(await dispatcher(() => clock).dispatchDue()).toBe(1);
      const pending = await deliveries.list({
        status: 'pending',
        limit: 10,
        offset: 0,
      });
      expect(pending.items.map(d => d.retry.attemptNumber).sort()).toEqual([
        0, 1,
      ]);
    });
  },
);

describe('two dispatchers on one PostgreSQL', () => {
  it('send each delivery once between them', async () => {
    if (!databases.supports('POSTGRES_15')) {
      return;
    }
    const knex = await databases.init('POSTGRES_15');
    const target = await receiver();
    const { publish, dispatcher } = await setup(knex, target.url);
    for (let i = 0; i < 20; i++) {
      await publish(Array.from({ length: 10 }, () => healthEvent()));
    }
    const [a, b] = [dispatcher(), dispatcher()];
    const attempts = await Promise.all([a.dispatchDue(), b.dispatchDue()]);

    expect(attempts[0] + attempts[1]).toBe(200);
    const ids = target.received.map(r => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
  });
});
