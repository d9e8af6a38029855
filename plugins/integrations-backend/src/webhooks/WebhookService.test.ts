import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Actor } from '../audit/actor';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';
import { SafeHttpClient } from '../network';
import { OutboxEvent } from '../outbox/EventOutbox';
import { disabledEndpointAlerts } from './disabledEndpointAlerts';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { WebhookDispatcher } from './WebhookDispatcher';
import { DatabaseWebhookEndpointStore } from './WebhookEndpointStore';
import { WebhookOperations } from './WebhookOperations';
import { WebhookOutbox } from './WebhookOutbox';
import { WebhookRetentionTask } from './WebhookRetentionTask';
import { WebhookService } from './WebhookService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ada: Actor = { userRef: 'user:default/ada.admin' };
const HOUR_MS = 3_600_000;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
});

/** A partner that records what arrives and answers the status it is told. */
async function partner() {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> =
    [];
  const state = { status: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answer: (status: number) => (state.status = status),
    ids: () => received.map(r => r.headers['webhook-id']),
  };
}

async function setUp(knex: Knex) {
  const outbox = new WebhookOutbox();
  const stores = await createStores(knex, { outbox });
  await createConfigurationServices(stores).configurations.create(
    {
      template: 'stripe',
      name: 'stripe',
      owner: 'group:default/payments-team',
    },
    ada,
  );
  const vault = new CredentialVault(
    KeyRing.fromKeys(
      [{ id: 'k1', secret: 'webhook-service-key-0123456789abcdef' }],
      'k1',
    ),
  );
  const http = new SafeHttpClient({ allowedCidrs: ['127.0.0.0/8'] });
  const endpoints = new DatabaseWebhookEndpointStore(knex);
  const deliveries = new WebhookDeliveryStore(knex);
  const clock = { now: new Date() };
  const now = () => clock.now;
  const alerts = {
    report: jest.fn(async () => ({ raised: [], resolved: [] })),
  };
  const webhooks = new WebhookService({
    endpoints,
    deliveries,
    configs: stores.configs,
    vault,
    http,
    audit: stores.audit,
    onEndpointsChanged: () => disabledEndpointAlerts(endpoints, alerts),
    now,
  });
  const dispatcher = new WebhookDispatcher({
    deliveries,
    http,
    vault,
    logger: mockServices.logger.mock(),
    onEndpointDisabled: () => disabledEndpointAlerts(endpoints, alerts),
    now,
  });
  const operations = new WebhookOperations({
    db: knex,
    endpoints: webhooks,
    deliveries,
    outbox,
    wake: () => undefined,
    now,
  });
  const publish = (type = 'alert.raised') =>
    knex.transaction(tx =>
      outbox.publish(tx, [
        {
          type,
          integration: 'stripe',
          environment: 'production',
          occurredAt: clock.now,
          data: { integration: 'stripe', environment: 'production' },
        } as OutboxEvent,
      ]),
    );
  return {
    stores,
    webhooks,
    operations,
    deliveries,
    dispatcher,
    publish,
    clock,
    alerts,
  };
}

describe.each(databases.eachSupportedId())(
  'webhook endpoints on %p',
  databaseId => {
    it('hold deliveries while paused, send them on resume, and raise and clear the alert of an endpoint the receiver disabled', async () => {
      const knex = await databases.init(databaseId);
      const { webhooks, dispatcher, publish, alerts } = await setUp(knex);
      const target = await partner();
      const { endpoint } = await webhooks.create(
        {
          integration: 'stripe',
          name: 'Pager',
          url: target.url,
          events: ['alert.raised'],
        },
        ada,
      );

      expect(
        (await webhooks.update(endpoint.id, { active: false }, ada)).status,
      ).toBe('paused');
      await publish();
      expect(await dispatcher.dispatchDue()).toBe(0);
      expect(
        (await webhooks.get(endpoint.id)).statistics.pendingDeliveries,
      ).toBe(1);

      await webhooks.update(endpoint.id, { active: true }, ada);
      expect(await dispatcher.dispatchDue()).toBe(1);
      expect(target.received).toHaveLength(1);

      target.answer(410);
      await publish();
      await dispatcher.dispatchDue();
      const gone = await webhooks.get(endpoint.id);
      expect(gone).toMatchObject({ status: 'disabled', active: false });
      expect(alerts.report).toHaveBeenLastCalledWith(
        expect.objectContaining({
          types: ['webhook'],
          firing: [
            expect.objectContaining({
              type: 'webhook',
              title: 'Webhook endpoint Pager was disabled',
              dedupeKey: `webhook-endpoint:${endpoint.id}`,
            }),
          ],
        }),
      );

      await webhooks.update(endpoint.id, { active: true }, ada);
      expect(alerts.report).toHaveBeenLastCalledWith(
        expect.objectContaining({ types: ['webhook'], firing: [] }),
      );
      expect((await webhooks.get(endpoint.id)).disabledReason).toBeUndefined();
    });

    it('sign with the old and the new secret during a rotation, then with the new one only', async () => {
      const knex = await databases.init(databaseId);
      const { webhooks, dispatcher, publish, clock, stores } = await setUp(
        knex,
      );
      const target = await partner();
      const created = await webhooks.create(
        {
          integration: 'stripe',
          name: 'Billing',
          url: target.url,
          events: ['alert.raised'],
        },
        ada,
      );
      const rotated = await webhooks.rotateSecret(created.endpoint.id, 1, ada);
      expect(rotated.signingSecret).not.toBe(created.signingSecret);
      expect(rotated.endpoint.security.previousSecretExpiresAt).toBe(
        new Date(clock.now.getTime() + HOUR_MS).toISOString(),
      );

      await publish();
      await dispatcher.dispatchDue();
      const [during] = target.received;
      expect(
        String(during.headers['webhook-signature']).split(' '),
      ).toHaveLength(2);
      for (const secret of [created.signingSecret, rotated.signingSecret]) {
        expect(() =>
          new Webhook(secret).verify(
            during.body,
            during.headers as Record<string, string>,
          ),
        ).not.toThrow();
      }

      // Verification compares against real time: sign after the grace period
      // by moving the service's clock, not the receiver's.
      clock.now = new Date(clock.now.getTime() + 2 * HOUR_MS);
      await publish();
      await dispatcher.dispatchDue();
      const after = target.received[1];
      expect(
        String(after.headers['webhook-signature']).split(' '),
      ).toHaveLength(1);
      expect(
        (await webhooks.get(created.endpoint.id)).security
          .previousSecretExpiresAt,
      ).toBeUndefined();

      const audit = await stores.audit.list(
        { action: 'webhook_secret_rotate' },
        { limit: 10 },
      );
      expect(audit.items).toHaveLength(1);
      expect(JSON.stringify(audit.items)).not.toContain(rotated.signingSecret);
      expect(JSON.stringify(audit.items)).not.toContain(created.signingSecret);
    });

    it('replay stored events with their ids, and retry only the failed deliveries of a range', async () => {
      const knex = await databases.init(databaseId);
      const { webhooks, operations, dispatcher, publish, clock } = await setUp(
        knex,
      );
      const target = await partner();
      const { endpoint } = await webhooks.create(
        {
          integration: 'stripe',
          name: 'Ledger',
          url: target.url,
          events: ['alert.raised', 'alert.resolved'],
          deliverySettings: { retryAttempts: 0 },
        },
        ada,
      );
      const start = clock.now;
      await publish('alert.raised');
      await publish('alert.resolved');
      await dispatcher.dispatchDue();
      const first = target.ids();
      expect(first).toHaveLength(2);

      expect(
        await operations.replay(
          endpoint.id,
          { since: start, events: ['alert.resolved'] },
          ada,
        ),
      ).toBe(1);
      await dispatcher.dispatchDue();
      expect(target.ids()[2]).toBe(first[1]);

      target.answer(500);
      await publish('alert.raised');
      await dispatcher.dispatchDue();
      const failed = await webhooks.get(endpoint.id);
      expect(failed.statistics.failedDeliveries).toBe(1);

      target.answer(204);
      expect(
        await operations.retryFailed(
          endpoint.id,
          { from: new Date(start.getTime() - 1000) },
          ada,
        ),
      ).toBe(1);
      await dispatcher.dispatchDue();
      expect((await webhooks.get(endpoint.id)).statistics).toMatchObject({
        failedDeliveries: 0,
        successfulDeliveries: 4,
        successRate: 1,
      });
    });

    it('send a test to that endpoint only, refusing data its type does not allow, and strip keys from custom events', async () => {
      const knex = await databases.init(databaseId);
      const { webhooks, operations, dispatcher } = await setUp(knex);
      const [tested, bystander] = [await partner(), await partner()];
      const made = [];
      for (const [name, target] of [
        ['Tested', tested],
        ['Bystander', bystander],
      ] as const) {
        made.push(
          (
            await webhooks.create(
              {
                integration: 'stripe',
                name,
                url: target.url,
                events: ['integration.health_changed', 'integration.custom'],
              },
              ada,
            )
          ).endpoint,
        );
      }

      await expect(
        operations.sendTest(
          made[0].id,
          {
            event: 'integration.health_changed',
            data: { status: 'on fire', changedAt: 'now' },
          },
          ada,
        ),
      ).rejects.toMatchObject({
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'data.status' }),
        ]),
      });
      await expect(
        operations.sendTest(made[0].id, { event: 'no.such_type' }, ada),
      ).rejects.toMatchObject({
        fields: [
          { path: 'event', message: 'There is no event type no.such_type' },
        ],
      });

      const test = await operations.sendTest(
        made[0].id,
        { event: 'integration.health_changed', environment: 'staging' },
        ada,
      );
      expect(test.status).toBe('pending');
      await dispatcher.dispatchDue();
      expect(tested.received).toHaveLength(1);
      expect(bystander.received).toHaveLength(0);
      expect(JSON.parse(tested.received[0].body).data).toMatchObject({
        integration: 'stripe',
        environment: 'staging',
        status: 'unhealthy',
      });

      await operations.publishCustom(
        {
          integration: 'stripe',
          environment: 'production',
          name: 'payout.reconciled',
          payload: { amount: 5, apiKey: 'sk_live_51Hx0123456789abcdefghij' },
        },
        ada,
      );
      await dispatcher.dispatchDue();
      for (const target of [tested, bystander]) {
        const custom = target.received.find(
          r => JSON.parse(r.body).type === 'integration.custom',
        )!;
        expect(JSON.parse(custom.body).data).toMatchObject({
          name: 'payout.reconciled',
          payload: { amount: 5 },
        });
        expect(custom.body).not.toContain('sk_live_51Hx0123456789');
      }
    });

    it('forget finished deliveries past the retention, never waiting ones', async () => {
      const knex = await databases.init(databaseId);
      const { webhooks, dispatcher, publish, deliveries, clock } = await setUp(
        knex,
      );
      const target = await partner();
      const { endpoint } = await webhooks.create(
        {
          integration: 'stripe',
          name: 'Old',
          url: target.url,
          events: ['alert.raised'],
        },
        ada,
      );
      await publish();
      await dispatcher.dispatchDue();
      await webhooks.update(endpoint.id, { active: false }, ada);
      await publish();

      const later = new Date(clock.now.getTime() + 31 * 24 * HOUR_MS);
      const removed = await new WebhookRetentionTask({
        deliveries,
        retentionDays: 30,
        now: () => later,
      }).run();
      expect(removed).toBe(1);
      const left = await deliveries.list({ limit: 10, offset: 0 });
      expect(left.items.map(d => d.status)).toEqual(['pending']);
      expect(
        Number((await knex('webhook_events').count({ n: '*' }))[0].n),
      ).toBe(1);
    });
  },
);
