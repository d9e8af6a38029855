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
            secret: 'usage-test-key-0123456789-abcdefghijklmnop',
          },
        ],
      },
      health: { schedule: quietSchedule },
      tokenRefresh: { schedule: quietSchedule },
    },
  },
});

const asService = mockCredentials.service.header();

function call(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 200,
    durationMs: 120,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

describe('POST /usage/events', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [integrationsPlugin, seededConfig],
    }));
  });

  const post = (body: unknown, authorization = asService) =>
    request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', authorization)
      .send(body as object);

  it('keeps the good events of a batch and reports each bad one by position', async () => {
    const response = await post({
      events: [
        call('batch-1'),
        call('batch-2', { status: 42, method: 'FETCH' }),
        call('batch-3', { integration: 'stripe-mars' }),
        call('batch-4', {
          occurredAt: new Date(Date.now() - 15 * 86_400_000).toISOString(),
        }),
        call('batch-5', { environment: 'staging', errorType: 'rate_limited' }),
      ],
    });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          id: 'batch-2',
          fields: [
            { path: 'method', message: expect.stringMatching(/^One of GET/) },
            { path: 'status', message: 'An HTTP status, 100 to 599' },
          ],
        },
        {
          index: 2,
          id: 'batch-3',
          fields: [
            {
              path: 'integration',
              message: 'No integration stripe-mars is configured in production',
            },
          ],
        },
        {
          index: 3,
          id: 'batch-4',
          fields: [
            {
              path: 'occurredAt',
              message: 'Older than 14 days, the longest usage events are kept',
            },
          ],
        },
      ],
    });
  });

  it('counts a retried batch once', async () => {
    const batch = { events: [call('retry-1'), call('retry-2')] };

    const first = await post(batch);
    const retry = await post(batch);

    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
  });

  it('answers 400 naming each field when no event could be kept', async () => {
    const response = await post({
      events: [call('bad-1', { durationMs: -1 }), { id: 7 }],
    });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual(
      expect.arrayContaining([
        {
          path: 'body.events.0.durationMs',
          message: 'Milliseconds, 0 or more',
        },
        { path: 'body.events.1.id', message: 'An event id is required' },
        {
          path: 'body.events.1.integration',
          message: expect.any(String),
        },
      ]),
    );
  });

  it('refuses batches that are empty, too large or not a list', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => call(`many-${i}`));

    const responses = await Promise.all([
      post({ events: [] }),
      post({ events: tooMany }),
      post({ events: 'all of them' }),
      post([call('bare')]),
    ]);

    expect(responses.map(response => response.status)).toEqual([
      400, 400, 400, 400,
    ]);
    expect(responses[1].body.error.message).toContain(
      'At most 1000 events per batch',
    );
  });

  it('takes usage only from services, not from people or anonymous callers', async () => {
    const asPerson = await post(
      { events: [call('person-1')] },
      mockCredentials.user.header('user:default/ada.admin'),
    );
    const anonymous = await post(
      { events: [call('anonymous-1')] },
      mockCredentials.none.header(),
    );

    expect(asPerson.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});
