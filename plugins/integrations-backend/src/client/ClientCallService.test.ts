import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import {
  Harness,
  createHarness,
} from '../connectionTests/__testUtils__/harness';
import { demoIntegrations } from '../demo/demoIntegrations';
import { DatabaseUsageEventStore } from '../usage/UsageEventStore';
import { CallGuards } from './CallGuards';
import { ClientAccessPolicy } from './ClientAccessPolicy';
import { ClientCall, ClientCallService } from './ClientCallService';

jest.setTimeout(60_000);

const ALL_DEMO_SECRETS = demoIntegrations.flatMap(demo =>
  Object.values(demo.credentials ?? {}).filter(value => value.length >= 8),
);

const access = ClientAccessPolicy.of({
  'demo-shop': {
    integrations: ['stripe', 'github', 'brevo', 'telegram', 'google-analytics'],
    environment: 'production',
  },
  'everything-plugin': { integrations: ['*'] },
});

describe('ClientCallService against the provider simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let harness: Harness;
  let usageEvents: DatabaseUsageEventStore;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    harness = await createHarness({
      databases,
      simulator: { url: simulator.url },
    });
    usageEvents = await DatabaseUsageEventStore.create({
      database: mockServices.database({
        knex: harness.knex,
        migrations: { skip: true },
      }),
    });
  });

  afterAll(async () => {
    await simulator?.close();
  });

  beforeEach(async () => {
    simulator.control.reset();
    await harness.knex('usage_events').delete();
  });

  function service(
    options: { breaker?: CallGuards; logger?: typeof harness.logger } = {},
  ) {
    return new ClientCallService({
      access,
      configs: harness.store.configs,
      credentials: harness.credentials,
      tokens: harness.tokens,
      http: harness.http,
      usageEvents,
      audit: harness.store.audit,
      logger: options.logger ?? harness.logger,
      guards: options.breaker,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
    });
  }

  const call = (overrides: Partial<ClientCall> = {}): ClientCall => ({
    pluginId: 'demo-shop',
    integration: 'stripe',
    method: 'GET',
    path: '/v1/customers?limit=3',
    headers: { accept: 'application/json' },
    ...overrides,
  });

  it('calls the provider with the stored credentials, and no secret comes back or is logged', async () => {
    const logger = mockServices.logger.mock();
    const client = service({ logger });
    const stripe = await client.call(call());
    const telegram = await client.call(
      call({
        integration: 'telegram',
        path: '/bot%7Bcredentials.botToken%7D/getMe',
      }),
    );

    expect(stripe.status).toBe(200);
    expect(JSON.parse(stripe.body.toString()).object).toBe('list');
    expect(telegram.status).toBe(200);
    expect(JSON.parse(telegram.body.toString()).ok).toBe(true);
    const shown = JSON.stringify([
      stripe.headers,
      stripe.body.toString(),
      telegram.headers,
      telegram.body.toString(),
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    for (const secret of ALL_DEMO_SECRETS) {
      expect(shown).not.toContain(secret);
    }
    expect(simulator.control.requests('telegram')).toEqual([
      expect.objectContaining({ path: '/bot***/getMe', status: 200 }),
    ]);
  });

  it('audits the uses of the credentials under the calling plugin, counted per hour', async () => {
    await service().call(call({ integration: 'github', path: '/user' }));
    await service().call(call({ integration: 'github', path: '/user' }));
    const uses = await harness.knex('audit_log').where({
      action: 'credentials_use',
      integration: 'github',
      user_id: 'plugin:demo-shop',
    });
    // A plugin may call thousands of times a day: one row an hour, counted.
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ outcome: 'success', use_count: 2 });
    expect(uses[0].details).toContain('demo-shop');
  });

  it.each([
    '/../github/user',
    '/%2e%2e/github/user',
    '/v1/../../github/user',
    '/.%2E/github/user',
  ])('refuses the path %s, which climbs out of the base path', async path => {
    await expect(service().call(call({ path }))).rejects.toThrow(
      /leaves the integration's base path/,
    );
    expect(simulator.control.requests('github')).toEqual([]);
  });

  it.each([
    '/%2E%2E%2fgithub/user',
    '/..%5cgithub/user',
    '//github/user',
    '/\\..\\github/user',
  ])(
    'keeps the path %s under the base path, where Stripe does not know it',
    async path => {
      const answer = await service().call(call({ path }));
      expect(answer.status).toBe(404);
      expect(answer.headers['stripe-version']).toBeDefined();
      expect(simulator.control.requests('github')).toEqual([]);
    },
  );

  it('refuses a plugin the config does not allow, and audits the refusal', async () => {
    await expect(
      service().call(call({ pluginId: 'catalog', integration: 'stripe' })),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      service().call(call({ integration: 'paypal' })),
    ).rejects.toThrow(/demo-shop may not call paypal/);
    const refused = await harness
      .knex('audit_log')
      .where({ action: 'credentials_use', outcome: 'failure' })
      .select('user_id', 'integration');
    expect(refused).toEqual(
      expect.arrayContaining([
        { user_id: 'plugin:catalog', integration: 'stripe' },
        { user_id: 'plugin:demo-shop', integration: 'paypal' },
      ]),
    );
    expect(simulator.control.requests('stripe')).toEqual([]);
  });

  it('retries an idempotent call after the Retry-After the provider gives, and stops at the caller timeout', async () => {
    simulator.control.set('stripe', { retryAfterSeconds: 1 });
    const started = Date.now();
    const answer = await service().call(call({ timeoutMs: 2_500 }));
    const elapsed = Date.now() - started;

    expect(answer.status).toBe(429);
    // Production allows 3 retries, but a fourth attempt would start after 3 s.
    expect(answer.attempts).toBe(3);
    expect(simulator.control.requests('stripe')).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('retries until the provider recovers, and never retries a POST', async () => {
    simulator.control.set('stripe', { status: 503 });
    const post = await service().call(
      call({ method: 'POST', path: '/v1/customers', body: Buffer.from('') }),
    );
    expect(post.status).toBe(503);
    expect(post.attempts).toBe(1);

    const get = service().call(call());
    // The provider recovers once the first GET has failed.
    while (simulator.control.requests('stripe').length < 2) {
      await new Promise(resolve => setTimeout(resolve, 2));
    }
    simulator.control.set('stripe', { status: null });
    const answer = await get;
    expect(answer.status).toBe(200);
    expect(answer.attempts).toBeGreaterThan(1);
  });

  it('opens the breaker after repeated failures, half-opens after its timeout and closes on success', async () => {
    const client = service({
      breaker: new CallGuards({ consecutiveFailures: 3, halfOpenAfterMs: 300 }),
    });
    simulator.control.set('brevo', { status: 500 });
    const brevo = call({ integration: 'brevo', path: '/account' });
    for (let i = 0; i < 3; i++) {
      expect((await client.call({ ...brevo, method: 'POST' })).status).toBe(
        500,
      );
    }
    const refused = await client.call(brevo);
    expect(refused.status).toBe(503);
    expect(refused.breaker).toBe('open');
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body.toString()).error.name).toBe(
      'CircuitOpenError',
    );
    expect(simulator.control.requests('brevo')).toHaveLength(3);

    simulator.control.set('brevo', { status: null });
    await new Promise(resolve => setTimeout(resolve, 350));
    const probe = await client.call(brevo);
    expect(probe.status).toBe(200);
    expect(probe.breaker).toBe('closed');
    expect(simulator.control.requests('brevo')).toHaveLength(4);
  });

  it('keeps zero 429s at a steady rate against a provider enforcing a limit', async () => {
    simulator.control.set('brevo', {
      rateLimit: { limit: 10, windowSeconds: 1 },
    });
    const client = service();
    const answers = [];
    // 40 calls at 20 a second, twice what the limit allows.
    for (let i = 0; i < 40; i++) {
      answers.push(
        client.call(call({ integration: 'brevo', path: '/account' })),
      );
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    const done = await Promise.all(answers);

    expect(done.map(answer => answer.status)).toEqual(Array(40).fill(200));
    expect(
      simulator.control
        .requests('brevo')
        .filter(request => request.status === 429),
    ).toEqual([]);
    expect(done.some(answer => answer.throttleDelayMs > 0)).toBe(true);
  });

  it('answers 429 with Retry-After instead of waiting past the caller timeout', async () => {
    simulator.control.set('brevo', {
      rateLimit: { limit: 5, windowSeconds: 60 },
    });
    const client = service();
    const brevo = call({ integration: 'brevo', path: '/account' });
    for (let i = 0; i < 4; i++) {
      expect((await client.call(brevo)).status).toBe(200);
    }
    const refused = await client.call({ ...brevo, timeoutMs: 1_000 });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(1);
    expect(simulator.control.requests('brevo')).toHaveLength(4);
  });

  it('says which credential is missing or expired rather than calling without it', async () => {
    await harness.store.credentials.apply(
      { integration: 'brevo', environment: 'staging' },
      [
        {
          kind: 'expiry',
          field: 'apiKey',
          expiresAt: '2020-01-01T00:00:00.000Z',
        },
      ],
      { actor: 'user:default/ada.admin', at: new Date(), audit: [] },
    );
    await expect(
      service().call(
        call({
          integration: 'brevo',
          environment: 'staging',
          path: '/account',
        }),
      ),
    ).rejects.toThrow(/credential apiKey expired at 2020-01-01/);
    expect(simulator.control.requests('brevo')).toEqual([]);
  });

  it('hands a failed call on with its request and answer, every secret taken out', async () => {
    const recorded: Array<{ events: unknown; exchanges: unknown }> = [];
    const client = new ClientCallService({
      access,
      configs: harness.store.configs,
      credentials: harness.credentials,
      tokens: harness.tokens,
      http: harness.http,
      usageEvents,
      onRecorded: async (events, exchanges) => {
        recorded.push({ events, exchanges });
      },
      audit: harness.store.audit,
      logger: harness.logger,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    // Stripe names the refused key in its answer.
    simulator.control.set('stripe', { rejectCredentials: true });

    const answer = await client.call(
      call({ headers: { accept: 'application/json', 'x-trace': 'abc' } }),
    );

    expect(answer.status).toBe(401);
    const [{ events, exchanges }] = recorded as any;
    const [event] = events;
    expect(event).toMatchObject({
      errorType: 'auth_invalid',
      errorCode: 'invalid_request_error',
      errorMessage: expect.stringMatching(/^Invalid API Key provided/),
    });
    expect(exchanges[event.id]).toMatchObject({
      requestData: {
        method: 'GET',
        path: '/v1/customers?limit=3',
        headers: { 'x-trace': 'abc' },
      },
      responseData: { status: 401, body: { error: expect.any(Object) } },
    });
    const kept = JSON.stringify(recorded);
    for (const secret of ALL_DEMO_SECRETS) {
      expect(kept).not.toContain(secret);
    }
  });

  it('records every call as a usage event', async () => {
    const client = service();
    await client.call(
      call({
        integration: 'github',
        path: '/repos/acme/shop/issues/1234',
        component: 'component:default/checkout',
      }),
    );
    await client.call(
      call({
        method: 'POST',
        path: '/v1/customers',
        endpoint: '/v1/customers',
        body: Buffer.from('email=jenny%40example.com'),
      }),
    );
    const rows = await harness
      .knex('usage_events')
      .orderBy('endpoint')
      .select(
        'integration_name',
        'environment',
        'endpoint',
        'method',
        'status',
        'request_bytes',
        'error_type',
        'caller',
        'component',
        'source',
      );
    expect(rows).toEqual([
      {
        integration_name: 'github',
        environment: 'production',
        endpoint: '/repos/acme/shop/issues/{id}',
        method: 'GET',
        status: 404,
        request_bytes: 0,
        error_type: expect.any(String),
        caller: 'demo-shop',
        component: 'component:default/checkout',
        source: 'client',
      },
      {
        integration_name: 'stripe',
        environment: 'production',
        endpoint: '/v1/customers',
        method: 'POST',
        status: 404,
        request_bytes: 25,
        error_type: expect.any(String),
        caller: 'demo-shop',
        component: null,
        source: 'client',
      },
    ]);
  });
});
