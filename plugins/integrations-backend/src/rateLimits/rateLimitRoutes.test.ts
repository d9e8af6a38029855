import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/rules';

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
            secret: 'rate-limit-test-key-0123456789-abcdefghij',
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

async function startBackend(extra: any[] = []) {
  const { server } = await startTestBackend({
    features: [integrationsPlugin, seededConfig, ...extra],
  });
  return server;
}

describe('GET /rate-limits', () => {
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    server = await startBackend();
  });

  const get = (query: string) =>
    request(server)
      .get(`/api/integrations/rate-limits${query}`)
      .set('Authorization', asUser);

  it('reports what usage events saw, their 429s as hits, and a recommended rate', async () => {
    const resetAt = new Date(Date.now() + 30 * 60_000).toISOString();
    const posted = await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', asService)
      .send({
        events: [
          call('rl-1', {
            rateLimit: {
              limit: 100,
              remaining: 40,
              resetAt,
              window: 60,
              policy: 'default',
            },
          }),
          call('rl-2', { status: 429, retryAfterSeconds: 2 }),
        ],
      });
    expect(posted.status).toBe(202);
    // A retried batch records its hit once.
    await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', asService)
      .send({ events: [call('rl-2', { status: 429, retryAfterSeconds: 2 })] });

    const response = await get('?integration=stripe');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      stripe: {
        integration: 'stripe',
        environment: 'production',
        rateLimits: {
          default: {
            limit: 100,
            remaining: 40,
            resetTime: resetAt,
            window: '1m',
            source: 'header',
            field: 'rateLimit',
            readBy: 'usage_event',
            readAt: expect.any(String),
            forecast: {
              status: 'ok',
              callsPerMinute: 0,
              message: 'No recent calls, so it does not run out',
            },
          },
        },
        rateLimitHistory: [
          {
            timestamp: expect.any(String),
            endpoint: '/v1/charges',
            hitLimit: true,
            delayTime: 2000,
            status: 429,
            source: 'observed',
            readBy: 'usage_event',
          },
        ],
        rateLimitOptimization: {
          // 100 a minute with production's 20 % buffer kept free.
          recommendedRequestRate: 80,
          bufferRecommendation: 20,
          peakUsageTimes: [],
          peakHoursOfDay: [],
        },
      },
    });
  });

  it('puts the same status in GET /analytics/usage as rateLimitingStatus', async () => {
    const limits = await get('?integration=stripe');
    const usage = await request(server)
      .get('/api/integrations/analytics/usage?integration=stripe')
      .set('Authorization', asUser);

    expect(usage.status).toBe(200);
    expect(usage.body.rateLimitingStatus).toEqual(limits.body);
  });

  it("shows LinkedIn's daily limits from the catalog against the calls counted", async () => {
    const response = await get('?integration=linkedin');

    const { linkedin } = response.body;
    expect(linkedin.rateLimits['application-day']).toEqual({
      limit: 100_000,
      remaining: 100_000,
      resetTime: expect.stringMatching(/T00:00:00\.000Z$/),
      window: '1d',
      source: 'catalog',
      remainingSource: 'observed',
      field: 'rateLimits.application-day',
      forecast: expect.objectContaining({ status: 'ok' }),
    });
    expect(linkedin.rateLimits['member-day']).toMatchObject({ limit: 500 });
  });

  it('answers 400 naming each wrong field', async () => {
    const response = await get('?environment=mars&integration=Not%20A%20Name');

    expect(response.status).toBe(400);
    expect(
      response.body.error.fields.map((field: { path: string }) => field.path),
    ).toEqual(
      expect.arrayContaining(['query.environment', 'query.integration']),
    );
  });

  it('lists every readable integration of the environment', async () => {
    const response = await get('?environment=staging');

    expect(response.status).toBe(200);
    const items = Object.values(response.body) as { environment: string }[];
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) {
      expect(item.environment).toBe('staging');
    }
  });
});

describe('GET /rate-limits under permissions', () => {
  it('shows only the integrations a conditional policy lets the caller read', async () => {
    const developmentOnly = mockServices.permissions.mock({
      authorizeConditional: async requests =>
        requests.map(({ permission }) =>
          createIntegrationConditionalDecision(
            permission as any,
            integrationConditions.isInEnvironment({
              environments: ['development'],
            }),
          ),
        ) as any,
    });
    const server = await startBackend([developmentOnly.factory]);

    const production = await request(server)
      .get('/api/integrations/rate-limits?environment=production')
      .set('Authorization', asUser);
    const development = await request(server)
      .get('/api/integrations/rate-limits?environment=development')
      .set('Authorization', asUser);

    expect(production.body).toEqual({});
    expect(Object.keys(development.body).length).toBeGreaterThan(0);
  });

  it('answers 403 without the read permission', async () => {
    const server = await startBackend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);

    const response = await request(server)
      .get('/api/integrations/rate-limits')
      .set('Authorization', asUser);

    expect(response.status).toBe(403);
  });
});
