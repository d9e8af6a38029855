import { TestDatabases } from '@backstage/backend-test-utils';
import {
  webhookPayloadsReadPermission,
  webhookSecurityPermission,
} from '@internal/plugin-integrations-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import {
  allowingAllBut,
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const servers: Server[] = [];

async function receiver(status: () => number) {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> =
    [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
  };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => new Promise(r => s.close(r))));
});

async function until<T>(
  check: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value) return value;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const config = { network: { allowedCidrs: ['127.0.0.0/8'] } };

describe.each(databases.eachSupportedId())(
  'the webhook API on %p',
  databaseId => {
    it('sends a configuration change to a new endpoint, signed with the secret shown once', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({ knex, config });
      let answer = 204;
      const target = await receiver(() => answer);

      const created = await request(server)
        .post('/api/integrations/webhooks')
        .set('Authorization', asAdmin)
        .send({
          integration: 'stripe',
          name: 'Billing partner',
          url: target.url,
          events: ['integration.configuration_changed'],
          environments: ['production'],
        });
      expect(created.status).toBe(201);
      const { endpoint, signingSecret } = created.body;
      expect(signingSecret).toMatch(/^whsec_/);
      expect(endpoint.security.secretKey).toBe(
        `whsec_…${signingSecret.slice(-4)}`,
      );
      const shown = await request(server)
        .get(`/api/integrations/webhooks/${endpoint.id}`)
        .set('Authorization', asAdmin);
      expect(JSON.stringify(shown.body)).not.toContain(signingSecret);

      await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
        .send({ version: 1, connectionConfig: { timeout: 7000 } })
        .expect(200);

      const arrived = await until(
        async () => target.received[0],
        'the delivery',
      );
      const message = new Webhook(signingSecret).verify(
        arrived.body,
        arrived.headers as Record<string, string>,
      );
      expect(message).toMatchObject({
        type: 'integration.configuration_changed',
        data: {
          integration: 'stripe',
          environment: 'production',
          version: 2,
          changedBy: 'user:default/ada.admin',
          changedFields: ['connectionConfig.timeout'],
        },
      });
      const log = await until(async () => {
        const page = await request(server)
          .get(`/api/integrations/webhooks/${endpoint.id}/deliveries`)
          .set('Authorization', asAdmin);
        return page.body.items[0]?.status === 'delivered'
          ? page.body
          : undefined;
      }, 'the delivered status');
      expect(log.totalCount).toBe(1);

      // The receiver fails: the delivery waits for its retry; a person retries it now.
      answer = 500;
      await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asAdmin)
        .send({ version: 2, connectionConfig: { timeout: 8000 } })
        .expect(200);
      const failed = await until(async () => {
        const page = await request(server)
          .get(
            `/api/integrations/webhook-deliveries?endpoint=${endpoint.id}&status=pending`,
          )
          .set('Authorization', asAdmin);
        return page.body.items.find((d: any) => d.retry.attemptNumber === 1);
      }, 'the failed attempt');
      expect(failed.delivery).toMatchObject({
        httpStatus: 500,
        success: false,
      });
      expect(failed.retry.nextRetry).toBeDefined();

      answer = 200;
      const retried = await request(server)
        .post(`/api/integrations/webhook-deliveries/${failed.id}/retry`)
        .set('Authorization', asAdmin);
      expect(retried.status).toBe(200);
      await until(async () => {
        const detail = await request(server)
          .get(`/api/integrations/webhook-deliveries/${failed.id}`)
          .set('Authorization', asAdmin);
        return detail.body.status === 'delivered' ? detail.body : undefined;
      }, 'the retried delivery');
      expect(target.received.map(r => r.headers['webhook-id'])).toEqual([
        arrived.headers['webhook-id'],
        failed.eventId,
        failed.eventId,
      ]);

      const audit = await request(server)
        .get('/api/integrations/audit?integration=stripe')
        .set('Authorization', asAdmin);
      const actions = audit.body.items.map((e: any) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['webhook_create', 'webhook_retry']),
      );
      expect(JSON.stringify(audit.body)).not.toContain(signingSecret);
    });

    it('serves the event catalog and the documentation generated from it', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({ knex });
      const types = await request(server)
        .get('/api/integrations/webhooks/event-types')
        .set('Authorization', asAdmin);
      expect(types.body.items.map((t: any) => t.type)).toContain(
        'integration.health_changed',
      );
      const markdown = await request(server)
        .get('/api/integrations/webhooks/docs?format=markdown')
        .set('Authorization', asAdmin);
      expect(markdown.type).toBe('text/markdown');
      expect(markdown.text).toContain('webhook-signature');
      const asyncapi = await request(server)
        .get('/api/integrations/webhooks/docs?format=asyncapi')
        .set('Authorization', asAdmin);
      expect(asyncapi.body.asyncapi).toMatch(/^3\./);
    });

    it('edits, pauses and deletes an endpoint, each audited, and answers 404 for one that is gone', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({ knex, config });
      const target = await receiver(() => 204);
      const created = await request(server)
        .post('/api/integrations/webhooks')
        .set('Authorization', asAdmin)
        .send({
          integration: 'stripe',
          name: 'Ops',
          url: target.url,
          events: ['alert.raised'],
        });
      const id = created.body.endpoint.id;

      const edited = await request(server)
        .put(`/api/integrations/webhooks/${id}`)
        .set('Authorization', asAdmin)
        .send({
          name: 'Ops pager',
          active: false,
          deliverySettings: { ordered: true },
        });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        name: 'Ops pager',
        status: 'paused',
        active: false,
        deliverySettings: { ordered: true, retryAttempts: 7 },
      });
      const invalid = await request(server)
        .put(`/api/integrations/webhooks/${id}`)
        .set('Authorization', asAdmin)
        .send({ events: [], deliverySettings: { timeout: 10 } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.fields.map((f: any) => f.path).sort()).toEqual([
        'body.deliverySettings.timeout',
        'body.events',
      ]);

      const listed = await request(server)
        .get('/api/integrations/webhooks?integration=stripe')
        .set('Authorization', asAdmin);
      expect(listed.body.items.map((e: any) => e.name)).toEqual(['Ops pager']);

      await request(server)
        .delete(`/api/integrations/webhooks/${id}`)
        .set('Authorization', asAdmin)
        .expect(204);
      const gone = await request(server)
        .get(`/api/integrations/webhooks/${id}`)
        .set('Authorization', asAdmin);
      expect(gone.status).toBe(404);
      const audit = await request(server)
        .get('/api/integrations/audit?integration=stripe')
        .set('Authorization', asAdmin);
      expect(audit.body.items.map((e: any) => e.action)).toEqual(
        expect.arrayContaining([
          'webhook_create',
          'webhook_update',
          'webhook_delete',
        ]),
      );
    });

    it('refuses an endpoint URL the safe client would not call, naming the field', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({ knex });
      const response = await request(server)
        .post('/api/integrations/webhooks')
        .set('Authorization', asAdmin)
        .send({
          integration: 'stripe',
          name: 'Metadata',
          url: 'http://169.254.169.254/latest/meta-data',
          events: ['alert.raised'],
        });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([
        { path: 'url', message: expect.stringContaining('169.254.169.254') },
      ]);
      const list = await request(server)
        .get('/api/integrations/webhooks')
        .set('Authorization', asAdmin);
      expect(list.body.items).toEqual([]);
    });

    it('keeps payloads from whoever may not read them, and IP allow-lists from whoever may not change security', async () => {
      const knex = await databases.init(databaseId);
      const server = await startIntegrationsBackend({
        knex,
        config,
        features: [
          allowingAllBut(
            webhookPayloadsReadPermission.name,
            webhookSecurityPermission.name,
          ),
        ],
      });
      const target = await receiver(() => 204);
      const refused = await request(server)
        .post('/api/integrations/webhooks')
        .set('Authorization', asAdmin)
        .send({
          integration: 'stripe',
          name: 'Pinned',
          url: target.url,
          events: ['alert.raised'],
          ipWhitelist: ['127.0.0.1'],
        });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'integrations.webhooks.security',
      );

      const created = await request(server)
        .post('/api/integrations/webhooks')
        .set('Authorization', asAdmin)
        .send({
          integration: 'stripe',
          name: 'Partner',
          url: target.url,
          events: ['alert.raised'],
        });
      const test = await request(server)
        .post(`/api/integrations/webhooks/${created.body.endpoint.id}/test`)
        .set('Authorization', asAdmin)
        .send({ event: 'alert.raised', environment: 'production' });
      expect(test.status).toBe(202);
      await until(async () => target.received[0], 'the test delivery');
      const detail = await until(async () => {
        const response = await request(server)
          .get(`/api/integrations/webhook-deliveries/${test.body.id}`)
          .set('Authorization', asAdmin);
        return response.body.status === 'delivered' ? response.body : undefined;
      }, 'the delivered test');
      expect(detail.payload).toEqual({});
      expect(detail.delivery.responseBody).toBeUndefined();
    });
  },
);
