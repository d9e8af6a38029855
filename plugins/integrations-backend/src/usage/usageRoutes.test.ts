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
const asUser = mockCredentials.user.header('user:default/ada.admin');

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

describe('GET /analytics/usage', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  // Tasks run when the test says, so it reads exactly what it sent.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(): any;
    triggerTask(id: string): Promise<void>;
  };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [integrationsPlugin, seededConfig, scheduler.factory()],
    }));
  });

  const analytics = (query: string, authorization = asUser) =>
    request(server)
      .get(`/api/integrations/analytics/usage?${query}`)
      .set('Authorization', authorization);

  it('reads back what services reported, per integration, once rolled up', async () => {
    const at = (minutesAgo: number) =>
      new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const events = [
      ...Array.from({ length: 18 }, (_, i) =>
        call(`a-${i}`, { durationMs: 100 + i * 10, occurredAt: at(30) }),
      ),
      call('a-429', { status: 429, durationMs: 40, occurredAt: at(20) }),
      call('a-500', { status: 503, durationMs: 900, occurredAt: at(20) }),
      call('gh-1', {
        integration: 'github',
        endpoint: '/repos/{owner}/{repo}',
        method: 'GET',
        occurredAt: at(10),
        requestBytes: 10,
        responseBytes: 4000,
      }),
    ];
    const posted = await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', asService)
      .send({ events });
    expect(posted.body).toMatchObject({ accepted: 21 });

    await scheduler.triggerTask('integrations-usage-rollup');
    const { body } = await analytics('environment=production');
    const stripe = body.usageMetrics.stripe;

    expect(stripe.apiCallMetrics).toMatchObject({
      totalCalls: 20,
      successfulCalls: 18,
      failedCalls: 2,
    });
    expect(stripe.errorMetrics).toMatchObject({
      errorRate: 10,
      errorsByType: { rate_limited: 1, provider_error: 1 },
    });
    // 20 calls: the median (rank ⌊0.5 × 19⌋) is 180 ms; read back within 2 %.
    expect(
      Math.abs(stripe.responseTimeMetrics.p50ResponseTime - 180),
    ).toBeLessThanOrEqual(180 * 0.02);
    expect(stripe.responseTimeMetrics.slowestEndpoint).toEqual({
      endpoint: 'POST /v1/charges',
      averageTime: expect.any(Number),
    });

    const github = await analytics('environment=production&integration=github');
    expect(Object.keys(github.body.usageMetrics)).toEqual(['github']);
    expect(github.body.usageMetrics.github.dataTransferMetrics).toMatchObject({
      totalDataTransferred: 4010,
      largestTransfer: { endpoint: 'GET /repos/{owner}/{repo}', size: 4010 },
    });
    expect(github.body).toMatchObject({
      environment: 'production',
      // 24 hours by default, one point per hour.
      granularity: 'hour',
      previousPeriod: {
        usageMetrics: { github: { apiCallMetrics: { totalCalls: 0 } } },
      },
    });
  });

  it('takes OpenTelemetry client spans and counts them for the integration they called', async () => {
    const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
    const started = Date.now() - 5 * 60_000;
    const span = (spanId: string, url: string) => ({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId,
      kind: 3,
      startTimeUnixNano: nanos(started),
      endTimeUnixNano: nanos(started + 250),
      attributes: [
        { key: 'url.full', value: { stringValue: url } },
        { key: 'http.request.method', value: { stringValue: 'GET' } },
        { key: 'http.response.status_code', value: { intValue: '200' } },
      ],
    });
    const traces = {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'shop-api' } },
              {
                key: 'deployment.environment.name',
                value: { stringValue: 'staging' },
              },
            ],
          },
          scopeSpans: [
            {
              spans: [
                span('b7ad6b7169203331', 'https://api.github.com/user'),
                span('c7ad6b7169203332', 'https://api.mailgun.net/v3/send'),
              ],
            },
          ],
        },
      ],
    };
    const send = () =>
      request(server)
        .post('/api/integrations/usage/otlp/v1/traces')
        .set('Authorization', asService)
        .send(traces);

    const first = await send();
    const again = await send();
    const protobuf = await request(server)
      .post('/api/integrations/usage/otlp/v1/traces')
      .set('Authorization', asService)
      .set('Content-Type', 'application/x-protobuf')
      .send(Buffer.from([0x0a, 0x00]));

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      partialSuccess: {
        rejectedSpans: 1,
        errorMessage:
          '1 client spans went to hosts no integration uses (api.mailgun.net)',
      },
      usage: {
        accepted: 1,
        duplicates: 0,
        rejected: [],
        unmatched: { 'api.mailgun.net': 1 },
        ambiguous: 0,
        malformed: 0,
      },
    });
    expect(again.body.usage).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(protobuf.status).toBe(415);
    expect(protobuf.body.error.message).toContain('encoding: json');
    expect(protobuf.body.error.name).toBe('UnsupportedMediaTypeError');

    await scheduler.triggerTask('integrations-usage-rollup');
    const { body } = await analytics('environment=staging&integration=github');
    expect(body.usageMetrics.github.apiCallMetrics.totalCalls).toBe(1);
  });

  it('answers 400 naming a wrong environment or period', async () => {
    const environment = await analytics('environment=moon');
    const period = await analytics(
      'from=2026-11-28T10:00:00Z&to=2026-11-27T10:00:00Z',
    );

    expect([environment.status, period.status]).toEqual([400, 400]);
    expect(environment.body.error.fields[0].path).toBe('query.environment');
    expect(period.body.error.fields).toEqual([
      { path: 'query.to', message: 'Must be after from' },
    ]);
  });
});
