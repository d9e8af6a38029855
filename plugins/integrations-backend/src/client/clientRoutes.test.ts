import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import fc from 'fast-check';
import request from 'supertest';
import { demoIntegrations } from '../demo/demoIntegrations';
import { integrationsPlugin } from '../plugin';

jest.setTimeout(60_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const ALL_DEMO_SECRETS = demoIntegrations.flatMap(demo =>
  Object.values(demo.credentials ?? {}).filter(value => value.length >= 8),
);

const asDemoShop = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:demo-shop'),
  targetPluginId: 'integrations',
});
const asCatalog = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'integrations',
});
const asUser = mockCredentials.user.header('user:default/ada.admin');

describe('/client/<integration>/<path>', () => {
  let simulator: ProviderSimulator;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    ({ server } = await startTestBackend({
      features: [
        integrationsPlugin,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              demo: { seed: true, simulator: { url: simulator.url } },
              network: { allowedCidrs: ['127.0.0.0/8'] },
              encryption: {
                primaryKeyId: 'test-2026',
                keys: [
                  {
                    id: 'test-2026',
                    secret: 'client-test-key-0123456789-abcdefghijklmnop',
                  },
                ],
              },
              health: { schedule: quietSchedule },
              tokenRefresh: { schedule: quietSchedule },
              clients: {
                'demo-shop': {
                  integrations: ['stripe', 'google-analytics', 'telegram'],
                  environment: 'development',
                },
              },
            },
          },
        }),
      ],
    }));
  });

  afterAll(async () => {
    await simulator?.close();
  });

  beforeEach(() => simulator.control.reset());

  it("answers with the provider's status, headers and body, and what the client did", async () => {
    const response = await request(server)
      .get('/api/integrations/client/stripe/v1/customers?limit=3')
      .set('Authorization', asDemoShop);

    expect(response.status).toBe(200);
    expect(response.body.object).toBe('list');
    expect(response.headers['stripe-version']).toBe('2024-06-20');
    expect(response.headers['x-integrations-attempts']).toBe('1');
    expect(response.headers['x-integrations-throttle-delay-ms']).toBe('0');
    expect(response.headers['x-integrations-breaker']).toBe('closed');
    const shown = JSON.stringify([response.headers, response.text]);
    for (const secret of ALL_DEMO_SECRETS) {
      expect(shown).not.toContain(secret);
    }
  });

  it('sends the body on as it came, whatever its content type', async () => {
    const report = JSON.stringify({
      dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }],
      metrics: [{ name: 'activeUsers' }],
    });
    const response = await request(server)
      .post(
        '/api/integrations/client/google-analytics/properties/%7Bsettings.propertyId%7D:runReport',
      )
      .set('Authorization', asDemoShop)
      .set('content-type', 'application/json')
      .send(report);
    expect(response.status).toBe(200);
    expect(response.body.kind).toBe('analyticsData#runReport');
    // The report has the metric the body asked for: the body arrived intact.
    expect(response.body.metricHeaders).toEqual([
      expect.objectContaining({ name: 'activeUsers' }),
    ]);

    const text = await request(server)
      .post('/api/integrations/client/stripe/v1/customers')
      .set('Authorization', asDemoShop)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('email=jenny%40example.com');
    expect(text.status).toBeLessThan(500);
  });

  it('refuses plugins the config does not allow, users and missing tokens', async () => {
    const catalog = await request(server)
      .get('/api/integrations/client/stripe/v1/customers')
      .set('Authorization', asCatalog);
    expect(catalog.status).toBe(403);
    expect(catalog.body.error.message).toMatch(
      /catalog may not call stripe; list it in integrations\.clients\.catalog\.integrations/,
    );

    const otherIntegration = await request(server)
      .get('/api/integrations/client/paypal/v1/notifications/webhooks')
      .set('Authorization', asDemoShop);
    expect(otherIntegration.status).toBe(403);

    const user = await request(server)
      .get('/api/integrations/client/stripe/v1/customers')
      .set('Authorization', asUser);
    expect(user.status).toBe(403);

    const anonymous = await request(server).get(
      '/api/integrations/client/stripe/v1/customers',
    );
    expect([401, 403]).toContain(anonymous.status);
    expect(simulator.control.requests('stripe')).toEqual([]);

    const audit = await request(server)
      .get('/api/integrations/audit?action=credentials_use&integration=stripe')
      .set('Authorization', asUser);
    expect(
      audit.body.items
        .filter((entry: { outcome: string }) => entry.outcome === 'failure')
        .map((entry: { userId: string }) => entry.userId),
    ).toEqual(
      expect.arrayContaining(['plugin:catalog', 'user:default/ada.admin']),
    );
  });

  it('names each bad part of a call', async () => {
    const response = await request(server)
      .get('/api/integrations/client/Stripe!/v1/customers')
      .set('Authorization', asDemoShop)
      .set('x-integrations-environment', 'moon')
      .set('x-integrations-component', 'checkout');
    expect(response.status).toBe(400);
    expect(
      response.body.error.fields.map((field: { path: string }) => field.path),
    ).toEqual([
      'path.integration',
      'headers.x-integrations-environment',
      'headers.x-integrations-component',
    ]);
  });

  it('answers hostile names and paths with a 4xx, never a 5xx', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '..',
        '%2e%2e',
        '%00',
        '%0d%0a',
        '\\',
        '%ff',
        '{credentials.secretKey}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('stripe', 'paypal', 'nope', '%00', 'STRIPE', '..'),
        async (segments, name) => {
          const path = segments
            .map(part => encodeURI(part).replace(/[?#]/g, encodeURIComponent))
            .join('/');
          const response = await request(server)
            .get(`/api/integrations/client/${name}/${path}`)
            .set('Authorization', asDemoShop);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );

    const huge = await request(server)
      .get(`/api/integrations/client/stripe/${'a'.repeat(9_000)}`)
      .set('Authorization', asDemoShop);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);

    const sent = simulator.control.requests('stripe').length;
    const tooBig = await request(server)
      .post('/api/integrations/client/stripe/v1/charges')
      .set('Authorization', asDemoShop)
      .set('content-type', 'application/octet-stream')
      .send(Buffer.alloc(11 * 1024 * 1024));
    expect(tooBig.status).toBe(413);
    expect(simulator.control.requests('stripe')).toHaveLength(sent);
  });
});
