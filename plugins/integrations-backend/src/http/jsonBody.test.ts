import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';

jest.setTimeout(60_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const seededConfig = mockServices.rootConfig.factory({
  data: {
    integrations: {
      demo: { seed: true },
      encryption: {
        primaryKeyId: 'test-2026',
        keys: [
          {
            id: 'test-2026',
            secret: 'json-body-test-key-0123456789-abcdefghijklmnop',
          },
        ],
      },
      health: { schedule: quietSchedule },
      tokenRefresh: { schedule: quietSchedule },
    },
  },
});

const asUser = mockCredentials.user.header('user:default/ada.admin');

async function startBackend() {
  const { server } = await startTestBackend({
    features: [integrationsPlugin, seededConfig],
  });
  return server;
}

/**
 * Every route that changes something, each with a body it would accept where
 * it reads one: a body in the wrong form is refused even where none is read.
 */
const changingRoutes: Array<
  [method: 'post' | 'put' | 'delete', string, object]
> = [
  [
    'post',
    '/configs',
    {
      template: 'stripe',
      name: 'stripe-eu',
      owner: 'group:default/payments-team',
    },
  ],
  [
    'put',
    '/configs/stripe?environment=staging',
    { version: 1, enabled: false },
  ],
  ['delete', '/configs/stripe', {}],
  ['post', '/configs/stripe/restore', {}],
  ['post', '/configs/stripe/copy', { from: 'development', to: 'staging' }],
  ['post', '/configs/stripe/rollback?environment=staging', { version: 1 }],
  [
    'post',
    '/bulk-update',
    { stripe: { environment: 'staging', enabled: false } },
  ],
  [
    'put',
    '/stripe/credentials?environment=staging',
    { credentials: { apiKey: 'sk_test_1' } },
  ],
  ['post', '/keys/rotate', {}],
  ['post', '/stripe/test?environment=staging', {}],
  ['post', '/stripe/diagnostics?environment=staging', { testSuite: 'quick' }],
  ['post', '/bulk-test', { integrations: ['stripe'], environment: 'staging' }],
  ['post', '/health/schedule/stripe/pause?environment=staging', {}],
  ['post', '/health/schedule/stripe/resume?environment=staging', {}],
];

describe('request bodies', () => {
  it('refuses a body in any charset but UTF-8 with 415 on every route, and changes nothing', async () => {
    const server = await startBackend();
    const auditBefore = await request(server)
      .get('/api/integrations/audit?limit=500')
      .set('Authorization', asUser);
    expect(auditBefore.status).toBe(200);

    const charsets: Array<[charset: string, encoding: BufferEncoding]> = [
      ['utf-16le', 'utf16le'],
      ['UTF-16', 'utf16le'],
      ['latin1', 'latin1'],
      ['iso-8859-1', 'latin1'],
      ['us-ascii', 'ascii'],
    ];
    for (const [method, path, body] of changingRoutes) {
      for (const [charset, encoding] of charsets) {
        const res = await request(server)
          [method](`/api/integrations${path}`)
          .set('Authorization', asUser)
          .set('Content-Type', `application/json; charset=${charset}`)
          .send(Buffer.from(JSON.stringify(body), encoding));
        expect([method, path, charset, res.status]).toEqual([
          method,
          path,
          charset,
          415,
        ]);
        expect(res.body.error).toEqual({
          name: 'UnsupportedMediaTypeError',
          message: `request bodies must be UTF-8 JSON; got charset=${charset.toLowerCase()}`,
          statusCode: 415,
        });
      }
    }

    const auditAfter = await request(server)
      .get('/api/integrations/audit?limit=500')
      .set('Authorization', asUser);
    expect(auditAfter.body.totalCount).toBe(auditBefore.body.totalCount);
    const stripe = await request(server)
      .get('/api/integrations/configs/stripe?environment=staging')
      .set('Authorization', asUser);
    expect(stripe.body[0].deleted).toBeUndefined();
    expect(stripe.body[0].metadata.version).toBe(1);
    expect(stripe.body[0].enabled).toBe(true);
  });

  it('refuses a body that is not JSON with 415 saying what came, not with missing fields', async () => {
    const server = await startBackend();
    const bodies: Array<
      [contentType: string | undefined, body: string, says: string]
    > = [
      ['text/plain', '{"integrations":["stripe"]}', 'got text/plain'],
      [
        'application/x-www-form-urlencoded',
        'integrations=stripe',
        'got application/x-www-form-urlencoded',
      ],
      ['multipart/form-data; boundary=x', '--x--', 'got multipart/form-data'],
      ['application/xml', '<integrations/>', 'got application/xml'],
      [
        'application json',
        '{}',
        'got an unreadable Content-Type: application json',
      ],
      [undefined, '{}', 'send Content-Type: application/json'],
    ];
    for (const [method, path] of changingRoutes) {
      for (const [contentType, body, says] of bodies) {
        const req = request(server)
          [method](`/api/integrations${path}`)
          .set('Authorization', asUser);
        if (contentType) req.set('Content-Type', contentType);
        const res = await req.send(Buffer.from(body));
        expect([method, path, contentType, res.status]).toEqual([
          method,
          path,
          contentType,
          415,
        ]);
        expect(res.body.error.message).toMatch(/^request bodies must be JSON/);
        expect(res.body.error.message).toContain(says);
      }
    }
  });

  it('reads UTF-8 JSON, labelled or not, and a request without a body', async () => {
    const server = await startBackend();
    const displayName = 'Stripe Zahlungen – Köln €';
    const created = await request(server)
      .post('/api/integrations/configs?environment=staging')
      .set('Authorization', asUser)
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send(
        JSON.stringify({
          template: 'stripe',
          name: 'stripe-koeln',
          owner: 'group:default/payments-team',
          displayName,
          environments: ['staging'],
        }),
      );
    expect(created.status).toBe(201);

    const read = await request(server)
      .get('/api/integrations/configs/stripe-koeln?environment=staging')
      .set('Authorization', asUser);
    expect(read.body[0].displayName).toBe(displayName);

    const unlabelled = await request(server)
      .put('/api/integrations/configs/stripe-koeln?environment=staging')
      .set('Authorization', asUser)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ version: 1, notes: 'Grüße' }));
    expect(unlabelled.status).toBe(200);

    const withoutBody = await request(server)
      .post(
        '/api/integrations/health/schedule/stripe-koeln/pause?environment=staging',
      )
      .set('Authorization', asUser);
    expect(withoutBody.status).toBe(200);
  });

  it('answers malformed JSON with 400 naming the body, without echoing it', async () => {
    const server = await startBackend();
    const res = await request(server)
      .post('/api/integrations/configs')
      .set('Authorization', asUser)
      .set('Content-Type', 'application/json')
      .send('{"name": "stripe-eu", "owner": ');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.fields).toEqual([
      { path: 'body', message: expect.stringMatching(/^not valid JSON: /) },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('stripe-eu');
  });
});
