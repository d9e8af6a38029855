import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  auditReadPermission,
  integrationUpdatePermission,
} from '@internal/plugin-integrations-common';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/rules';

jest.setTimeout(60_000);

const testKeyRing = {
  primaryKeyId: 'test-2026',
  keys: [
    { id: 'test-2026', secret: 'router-test-key-0123456789-abcdefghijklmnop' },
  ],
};

// Scheduled checks stay out of the way; the tests trigger checks through the API.
const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const seededConfig = mockServices.rootConfig.factory({
  data: {
    integrations: {
      demo: { seed: true },
      encryption: testKeyRing,
      health: { schedule: quietSchedule },
      tokenRefresh: { schedule: quietSchedule },
    },
  },
});

const asUser = mockCredentials.user.header('user:default/ada.admin');

async function startBackend(features: any[] = []) {
  const { server } = await startTestBackend({
    features: [integrationsPlugin, seededConfig, ...features],
  });
  return server;
}

describe('integrations router', () => {
  describe('when everything is allowed', () => {
    it('lists, filters and pages configurations', async () => {
      const server = await startBackend();

      const all = await request(server)
        .get('/api/integrations/configs?environment=production&limit=5')
        .set('Authorization', asUser);
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(13);
      expect(all.body.items).toHaveLength(5);
      expect(all.body.items[0].name).toBe('brevo');

      const text = await request(server)
        .get('/api/integrations/configs?text=stripe&environment=staging')
        .set('Authorization', asUser);
      expect(text.body.items.map((c: any) => c.name)).toEqual([
        'stripe',
        'stripe-connect',
      ]);
    });

    it('serves the templates with JSON Schemas for forms', async () => {
      const server = await startBackend();

      const response = await request(server)
        .get('/api/integrations/templates')
        .set('Authorization', asUser);

      expect(response.status).toBe(200);
      const stripe = response.body.find((t: any) => t.id === 'stripe');
      expect(stripe.settingsSchema.properties).toBeDefined();
      expect(stripe.credentialFields.map((f: any) => f.name)).toContain(
        'secretKey',
      );
    });

    it('creates, previews, saves, diffs and rolls back through the API', async () => {
      const server = await startBackend();

      const created = await request(server)
        .post('/api/integrations/configs')
        .set('Authorization', asUser)
        .set('User-Agent', 'router-test')
        .send({
          template: 'stripe',
          name: 'stripe-eu',
          owner: 'group:default/payments-team',
        });
      expect(created.status).toBe(201);
      expect(created.body).toHaveLength(3);

      const preview = await request(server)
        .put(
          '/api/integrations/configs/stripe-eu?environment=production&dryRun=true',
        )
        .set('Authorization', asUser)
        .send({ version: 1, connectionConfig: { timeout: 7000 } });
      expect(preview.status).toBe(200);
      expect(preview.body.changes).toEqual([
        {
          path: 'connectionConfig.timeout',
          kind: 'changed',
          before: 5000,
          after: 7000,
        },
      ]);

      const saved = await request(server)
        .put('/api/integrations/configs/stripe-eu?environment=production')
        .set('Authorization', asUser)
        .send({ version: 1, connectionConfig: { timeout: 7000 } });
      expect(saved.body.config.metadata.version).toBe(2);

      const stale = await request(server)
        .put('/api/integrations/configs/stripe-eu?environment=production')
        .set('Authorization', asUser)
        .send({ version: 1, connectionConfig: { timeout: 6000 } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('the current version is 2');

      const diff = await request(server)
        .get(
          '/api/integrations/configs/stripe-eu/diff?environment=production&from=1&to=2',
        )
        .set('Authorization', asUser);
      expect(diff.body.changes.map((c: any) => c.path)).toEqual([
        'connectionConfig.timeout',
      ]);

      const rollback = await request(server)
        .post(
          '/api/integrations/configs/stripe-eu/rollback?environment=production',
        )
        .set('Authorization', asUser)
        .send({ version: 1 });
      expect(rollback.status).toBe(200);
      expect(rollback.body.metadata.version).toBe(3);
      expect(rollback.body.connectionConfig.timeout).toBe(5000);

      const audit = await request(server)
        .get('/api/integrations/audit?integration=stripe-eu')
        .set('Authorization', asUser);
      expect(audit.body.items.map((i: any) => [i.action, i.outcome])).toEqual([
        ['rollback', 'success'],
        ['update', 'failure'],
        ['update', 'success'],
        ['create', 'success'],
        ['create', 'success'],
        ['create', 'success'],
      ]);
      expect(audit.body.items[5].context.userAgent).toBe('router-test');

      const csv = await request(server)
        .get('/api/integrations/audit?integration=stripe-eu&format=csv')
        .set('Authorization', asUser);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toBe(
        'timestamp,eventId,userId,integration,environment,action,count,category,changedFields,version,outcome,error,ip,userAgent',
      );
      expect(lines).toHaveLength(7);
      expect(lines[1]).toContain(
        ',rollback,1,configuration,connectionConfig.timeout,3,success,',
      );
    });

    it('answers bad input with 400 naming each field, and changes nothing', async () => {
      const server = await startBackend();

      const response = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asUser)
        .send({
          version: 1,
          connectionConfig: { timeout: 'fast' },
          monitoringConfig: { healthCheckInterval: 5 },
          unknownField: true,
        });

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'body.connectionConfig.timeout',
      );
      expect(response.body.error.message).toContain(
        'body.monitoringConfig.healthCheckInterval: At least 30 seconds',
      );
      expect(response.body.error.fields).toEqual(
        expect.arrayContaining([
          {
            path: 'body.monitoringConfig.healthCheckInterval',
            message: 'At least 30 seconds',
          },
          expect.objectContaining({ path: 'body.connectionConfig.timeout' }),
        ]),
      );
      expect(response.body.error.message).toContain('unknownField');

      const badQuery = await request(server)
        .put('/api/integrations/configs/stripe?environment=qa')
        .set('Authorization', asUser)
        .send({ version: 1 });
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toContain('query.environment');

      for (const baseUrl of [
        'file:///etc/passwd',
        'gopher://api.stripe.com/',
        'https://admin:hunter2@api.stripe.com',
      ]) {
        const badUrl = await request(server)
          .put('/api/integrations/configs/stripe?environment=production')
          .set('Authorization', asUser)
          .send({ version: 1, connectionConfig: { baseUrl } });
        expect(badUrl.status).toBe(400);
        expect(badUrl.body.error.fields).toEqual([
          expect.objectContaining({ path: 'body.connectionConfig.baseUrl' }),
        ]);
        expect(JSON.stringify(badUrl.body)).not.toContain('hunter2');
      }

      const current = await request(server)
        .get('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asUser);
      expect(current.body[0].metadata.version).toBe(1);
    });

    it('applies a bulk update to every environment when none is named', async () => {
      const server = await startBackend();

      const response = await request(server)
        .post('/api/integrations/bulk-update')
        .set('Authorization', asUser)
        .send({
          twitter: { enabled: false },
          scoopp: { environment: 'development', enabled: false },
        });

      expect(response.status).toBe(200);
      expect(
        response.body.results.filter((r: any) => r.status === 'updated'),
      ).toHaveLength(3);
    });

    it('takes credentials write-only and shows only their masked status', async () => {
      const server = await startBackend();
      const canary = 'ghp_CANARY0123456789abcdefghijklmnopqrstu';

      const put = await request(server)
        .put('/api/integrations/github/credentials?environment=production')
        .set('Authorization', asUser)
        .send({ credentials: { token: canary } });
      expect(put.status).toBe(200);
      expect(put.body.fields[0]).toMatchObject({
        field: 'token',
        set: true,
        last4: 'rstu',
      });

      const bad = await request(server)
        .put('/api/integrations/github/credentials?environment=production')
        .set('Authorization', asUser)
        .send({ credentials: { token: 'CANARY-not-a-token' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('body.credentials.token');
      expect(bad.body.error.fields).toEqual([
        expect.objectContaining({ path: 'body.credentials.token' }),
      ]);
      expect(JSON.stringify(bad.body)).not.toContain('CANARY-not-a-token');

      // Control characters would break the header they are sent in: refused at input.
      const control = await request(server)
        .put('/api/integrations/github/credentials?environment=production')
        .set('Authorization', asUser)
        .send({ credentials: { token: 'ghp_CANARY\r\nX-Injected: 1' } });
      expect(control.status).toBe(400);
      expect(control.body.error.fields).toEqual([
        {
          path: 'body.credentials.token',
          message: expect.stringContaining('control characters'),
        },
      ]);

      const get = await request(server)
        .get('/api/integrations/github/credentials?environment=production')
        .set('Authorization', asUser);
      const audit = await request(server)
        .get('/api/integrations/audit?integration=github&format=csv')
        .set('Authorization', asUser);
      for (const response of [put, bad, get, audit]) {
        expect(response.text).not.toContain('CANARY');
      }
      expect(get.body.fields[0].set).toBe(true);
    });

    it('reports the key ring and re-wraps on demand', async () => {
      const server = await startBackend();
      await request(server)
        .put('/api/integrations/stripe/credentials?environment=staging')
        .set('Authorization', asUser)
        .send({ credentials: { secretKey: 'sk_test_abcdefghijklmnop' } });

      const status = await request(server)
        .get('/api/integrations/keys/status')
        .set('Authorization', asUser);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({
        algorithm: 'aes-256-gcm',
        primaryKeyId: 'test-2026',
        keys: [{ id: 'test-2026', primary: true }],
        pending: 0,
      });
      // The demo credentials and the one just stored, all under the one key.
      expect(status.body.keys[0].protects).toBeGreaterThan(1);
      expect(status.text).not.toContain(testKeyRing.keys[0].secret);

      const rotate = await request(server)
        .post('/api/integrations/keys/rotate')
        .set('Authorization', asUser);
      expect(rotate.status).toBe(200);
      expect(rotate.body).toEqual({
        primaryKeyId: 'test-2026',
        rewrapped: 0,
        remaining: 0,
      });
    });

    it('rejects a request without credentials with 401', async () => {
      const server = await startBackend();

      const response = await request(server)
        .get('/api/integrations/configs')
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(401);
    });
  });

  describe('connection tests and health', () => {
    let simulator: ProviderSimulator;

    beforeAll(async () => {
      simulator = await startProviderSimulator({ port: 0 });
    });
    afterAll(() => simulator.close());
    afterEach(() => simulator.control.reset());

    async function startWithSimulator() {
      const { server } = await startTestBackend({
        features: [
          integrationsPlugin,
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                demo: { seed: true, simulator: { url: simulator.url } },
                network: { allowedCidrs: ['127.0.0.0/8'] },
                encryption: testKeyRing,
                health: { schedule: quietSchedule },
                tokenRefresh: { schedule: quietSchedule },
              },
            },
          }),
        ],
      });
      return server;
    }

    it('calls an integration without its required credentials not configured, and tests nothing', async () => {
      const server = await startWithSimulator();
      const created = await request(server)
        .post('/api/integrations/configs')
        .set('Authorization', asUser)
        .send({
          template: 'generic-http',
          name: 'orders-api',
          owner: 'group:default/platform-team',
          environments: ['development'],
          settings: { connectionConfig: { baseUrl: simulator.url } },
        });
      expect(created.status).toBe(201);

      const health = async () =>
        (
          await request(server)
            .get(
              '/api/integrations/health?environment=development&integration=orders-api',
            )
            .set('Authorization', asUser)
        ).body.items[0];
      expect(await health()).toMatchObject({
        status: 'not_configured',
        reasons: [expect.stringContaining('Credentials missing: apiKey')],
      });

      const tested = await request(server)
        .post('/api/integrations/orders-api/test?environment=development')
        .set('Authorization', asUser);
      expect(tested.status).toBe(200);
      expect(tested.body.failure.class).toBe('not_configured');
      expect(tested.body.connectivity).toEqual({});
      expect(tested.body.steps.map((s: any) => s.id)).toEqual([
        'credentials_present',
      ]);

      const after = await health();
      expect(after.status).toBe('not_configured');
      expect(after.failure).toBeUndefined();
    });

    it('tests production when the request names no environment, and says so', async () => {
      const server = await startWithSimulator();

      const tested = await request(server)
        .post('/api/integrations/stripe/test')
        .set('Authorization', asUser);
      expect(tested.status).toBe(200);
      expect(tested.body).toMatchObject({
        integration: 'stripe',
        environment: 'production',
        suite: 'quick',
      });

      const health = await request(server)
        .get('/api/integrations/health?integration=stripe')
        .set('Authorization', asUser);
      expect(health.body.environment).toBe('production');
      expect(health.body.items.map((i: any) => i.environment)).toEqual([
        'production',
      ]);
    });

    it('tests a connection, explains a refused key and shows it on the dashboard', async () => {
      const server = await startWithSimulator();

      const passed = await request(server)
        .post('/api/integrations/stripe/test?environment=development')
        .set('Authorization', asUser);
      expect(passed.status).toBe(200);
      expect(passed.body.environment).toBe('development');
      expect(passed.body.status).toBe('passed');
      expect(passed.body.steps.map((s: any) => s.id)).toEqual([
        'dns_resolve',
        'tcp_connect',
        'auth_check',
        'functional',
      ]);

      simulator.control.set('stripe', { rejectCredentials: true });
      const failed = await request(server)
        .post('/api/integrations/stripe/diagnostics?environment=development')
        .set('Authorization', asUser)
        .send({ testSuite: 'auth' });
      expect(failed.status).toBe(200);
      expect(failed.body.status).toBe('failed');
      expect(failed.body.failure.class).toBe('auth_invalid');
      expect(failed.body.failure.repairSteps[0]).toContain('Stripe Dashboard');
      expect(JSON.stringify(failed.body)).not.toContain('SecretKeyForThe');

      const dashboard = await request(server)
        .get('/api/integrations/status?environment=development')
        .set('Authorization', asUser);
      const card = dashboard.body.integrationStatus.stripe;
      expect(card).toMatchObject({
        name: 'stripe',
        status: 'unhealthy',
        enabled: true,
        uptime: 50,
        errorRate: 50,
        apiCallsToday: 2,
        healthMetrics: {
          connectionTest: true,
          authenticationValid: false,
          apiEndpointsAccessible: false,
          rateWithinLimits: true,
          errorRateAcceptable: false,
        },
        configuration: { version: '1', updatedBy: expect.any(String) },
        dependents: ['stripe-connect'],
      });
      expect(card.failure.class).toBe('auth_invalid');
      expect(card.checks).toEqual({ passed: 1, failed: 1 });
      expect(dashboard.body.overviewMetrics).toMatchObject({
        unhealthyIntegrations: 1,
        totalAPICallsToday: 2,
        totalErrorsToday: 1,
      });
      expect(
        dashboard.body.recentActivity.activities.filter(
          (a: any) => a.operation === 'test',
        ),
      ).toHaveLength(2);
      // The refused key's error group: high on its own, one step lower in
      // development.
      expect(dashboard.body.recentActivity.errors).toEqual([
        expect.objectContaining({
          integration: 'stripe',
          errorType: 'auth_invalid',
          severity: 'medium',
          status: 'open',
          errorDetails: expect.objectContaining({
            message: 'Invalid API Key provided: sk_test_***',
            httpStatus: 401,
          }),
        }),
      ]);
      expect(dashboard.body.alerts).toEqual({
        critical: [],
        warnings: [],
        info: [],
      });
      expect(
        dashboard.body.quickActions.bulkOperations.map((a: any) => a.id),
      ).toContain('bulk-test');

      const connect = await request(server)
        .get(
          '/api/integrations/health?environment=development&integration=stripe-connect',
        )
        .set('Authorization', asUser);
      expect(connect.body.items[0].dependencies).toEqual(['stripe']);
      expect(connect.body.items[0].dependencyStatus).toEqual([
        { name: 'stripe', status: 'unhealthy' },
      ]);

      const history = await request(server)
        .get('/api/integrations/stripe/tests?environment=development')
        .set('Authorization', asUser);
      expect(history.body.totalCount).toBe(2);
      expect(history.body.items[0].suite).toBe('auth');

      const uses = await request(server)
        .get(
          '/api/integrations/audit?integration=stripe&action=credentials_use',
        )
        .set('Authorization', asUser);
      expect(uses.body.items).toHaveLength(2);
      expect(uses.body.items[0]).toMatchObject({
        userId: 'user:default/ada.admin',
        environment: 'development',
        category: 'credentials',
        details: { fields: ['secretKey', 'webhookSigningSecret'] },
      });
      const withoutUses = await request(server)
        .get(
          '/api/integrations/audit?integration=stripe&excludeAction=credentials_use',
        )
        .set('Authorization', asUser);
      expect(
        withoutUses.body.items.filter(
          (e: any) => e.action === 'credentials_use',
        ),
      ).toEqual([]);

      const chart = await request(server)
        .get(
          '/api/integrations/health/history?environment=development&range=24h&integrations=stripe',
        )
        .set('Authorization', asUser);
      const points = chart.body.series[0].points;
      expect(points).toHaveLength(24);
      expect(points[points.length - 1]).toMatchObject({
        checks: 2,
        failures: 1,
        uptime: 50,
      });
    });

    it('never lets a stored secret out through any route, error or log line', async () => {
      const written: string[] = [];
      const capture = (stream: NodeJS.WriteStream) =>
        jest.spyOn(stream, 'write').mockImplementation((chunk: any) => {
          written.push(String(chunk));
          return true;
        });
      const spies = [capture(process.stdout), capture(process.stderr)];
      const server = await startWithSimulator();
      const canary = 'sk_test_CANARYa1b2c3d4e5f6g7h8i9j0';
      const api = '/api/integrations';
      const dev = 'environment=development';
      const responses: request.Response[] = [];
      const call = async (
        method: 'get' | 'post' | 'put',
        path: string,
        body?: object,
      ) => {
        const req = request(server)[method](path).set('Authorization', asUser);
        const response = await (body ? req.send(body) : req);
        responses.push(response);
        return response;
      };

      try {
        expect(
          (
            await call('put', `${api}/stripe/credentials?${dev}`, {
              credentials: { secretKey: canary },
            })
          ).status,
        ).toBe(200);
        expect(
          (await call('post', `${api}/stripe/test?${dev}`)).body.status,
        ).toBe('passed');
        simulator.control.set('stripe', { rejectCredentials: true });
        await call('post', `${api}/stripe/test?${dev}`);
        simulator.control.set('stripe', {
          rejectCredentials: false,
          status: 503,
        });
        await call('post', `${api}/stripe/diagnostics?${dev}`, {
          testSuite: 'full',
        });
        simulator.control.set('stripe', { status: null, hang: true });
        const saved = await call('put', `${api}/configs/stripe?${dev}`, {
          version: 1,
          connectionConfig: { timeout: 300 },
          monitoringConfig: { alertThresholds: { responseTime: 200 } },
        });
        expect(saved.status).toBe(200);
        await call('post', `${api}/bulk-test`, {
          integrations: ['stripe'],
          environment: 'development',
        });
        await call('post', `${api}/stripe/diagnostics?${dev}`, {
          testSuite: canary,
        });
        await call('put', `${api}/stripe/credentials?${dev}`, {
          credentials: { secretKey: `${canary}!` },
        });
        for (const path of [
          `${api}/status?${dev}`,
          `${api}/health?${dev}`,
          `${api}/health/history?${dev}&range=7d`,
          `${api}/stripe/tests?${dev}`,
          `${api}/stripe/credentials?${dev}`,
          `${api}/configs/stripe?${dev}`,
          `${api}/configs/stripe/versions?${dev}`,
          `${api}/audit`,
          `${api}/audit?format=csv`,
          `${api}/keys/status`,
          `${api}/no-such-thing/tests?${dev}`,
        ]) {
          await call('get', path);
        }
      } finally {
        spies.forEach(spy => spy.mockRestore());
      }

      expect(responses.map(r => r.status)).toContain(400);
      expect(responses.map(r => r.status)).toContain(404);
      for (const response of responses) {
        expect(response.text).not.toContain('CANARY');
      }
      expect(written.join('')).not.toContain('CANARY');
    });

    it('runs a bulk test with per-item results and refuses bad input', async () => {
      const server = await startWithSimulator();

      const bulk = await request(server)
        .post('/api/integrations/bulk-test')
        .set('Authorization', asUser)
        .send({
          integrations: ['github', 'brevo', 'no-such-thing'],
          environment: 'development',
        });
      expect(bulk.status).toBe(200);
      expect(
        bulk.body.results.map((r: any) => r.result?.status ?? r.error),
      ).toEqual([
        'passed',
        'passed',
        'no-such-thing has no development configuration',
      ]);

      const bad = await request(server)
        .post('/api/integrations/bulk-test')
        .set('Authorization', asUser)
        .send({ integrations: [], testSuite: 'everything' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('body.integrations');
      expect(bad.body.error.message).toContain('body.testSuite');

      const badSuite = await request(server)
        .post('/api/integrations/stripe/diagnostics?environment=development')
        .set('Authorization', asUser)
        .send({ testSuite: 'everything' });
      expect(badSuite.status).toBe(400);
      expect(badSuite.body.error.message).toContain('body.testSuite');
    });
  });

  describe('when permissions are denied', () => {
    it('answers 403 and records the refused change in the audit log', async () => {
      const deny = mockServices.permissions.factory({
        result: AuthorizeResult.DENY,
      });
      const server = await startBackend([deny]);

      const list = await request(server)
        .get('/api/integrations/configs')
        .set('Authorization', asUser);
      expect(list.status).toBe(403);

      const update = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asUser)
        .send({ version: 1, enabled: false });
      expect(update.status).toBe(403);
      expect(update.body.error.message).toContain(
        integrationUpdatePermission.name,
      );

      const credentials = await request(server)
        .put('/api/integrations/stripe/credentials?environment=staging')
        .set('Authorization', asUser)
        .send({ credentials: { secretKey: 'sk_test_abcdefghijklmnop' } });
      expect(credentials.status).toBe(403);
      expect(credentials.body.error.message).toContain(
        'integrations.credentials.update',
      );

      const audit = await request(server)
        .get('/api/integrations/audit')
        .set('Authorization', asUser);
      expect(audit.status).toBe(403);
      expect(audit.body.error.message).toContain(auditReadPermission.name);

      const test = await request(server)
        .post('/api/integrations/stripe/test?environment=development')
        .set('Authorization', asUser);
      expect(test.status).toBe(403);
      expect(test.body.error.message).toContain('integrations.test.run');

      const status = await request(server)
        .get('/api/integrations/status')
        .set('Authorization', asUser);
      expect(status.status).toBe(403);
    });
  });

  describe('when settings may change but credentials may not', () => {
    it('refuses to point stored credentials at another host', async () => {
      const settingsOnly = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === 'integrations.credentials.update'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      });
      const server = await startBackend([settingsOnly.factory]);
      const path = '/api/integrations/configs/stripe?environment=development';

      const moved = await request(server)
        .put(path)
        .set('Authorization', asUser)
        .send({
          version: 1,
          connectionConfig: { baseUrl: 'https://collector.example.com' },
        });
      expect(moved.status).toBe(403);
      expect(moved.body.error.message).toContain(
        'integrations.credentials.update',
      );

      const samePlace = await request(server)
        .put(path)
        .set('Authorization', asUser)
        .send({
          version: 1,
          connectionConfig: { baseUrl: 'https://api.stripe.com/' },
        });
      expect(samePlace.status).toBe(200);

      const unchanged = await request(server)
        .get(path)
        .set('Authorization', asUser);
      expect(unchanged.body[0].connectionConfig.baseUrl).toBe(
        'https://api.stripe.com/',
      );
    });
  });

  describe('under a conditional policy', () => {
    // The policy: people may read and change development configurations only.
    // Listings get the conditions to apply as a query; single configurations
    // are decided by resource ref, as the permission backend would do with
    // this plugin's rules.
    const developmentOnly = mockServices.permissions.mock({
      authorizeConditional: async requests =>
        requests.map(({ permission }) =>
          createIntegrationConditionalDecision(
            permission as ResourcePermission<'integration'>,
            integrationConditions.isInEnvironment({
              environments: ['development'],
            }),
          ),
        ) as any,
      authorize: async requests =>
        requests.map(item => ({
          result:
            'resourceRef' in item && item.resourceRef?.endsWith(':development')
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });

    it('lists and changes only what the conditions allow', async () => {
      const server = await startBackend([developmentOnly.factory]);

      const list = await request(server)
        .get('/api/integrations/configs')
        .set('Authorization', asUser);
      expect(list.status).toBe(200);
      expect(list.body.totalCount).toBe(13);
      expect(new Set(list.body.items.map((c: any) => c.environment))).toEqual(
        new Set(['development']),
      );

      const one = await request(server)
        .get('/api/integrations/configs/stripe')
        .set('Authorization', asUser);
      expect(one.body.map((c: any) => c.environment)).toEqual(['development']);

      const production = await request(server)
        .put('/api/integrations/configs/stripe?environment=production')
        .set('Authorization', asUser)
        .send({ version: 1, enabled: false });
      expect(production.status).toBe(403);

      const development = await request(server)
        .put('/api/integrations/configs/stripe?environment=development')
        .set('Authorization', asUser)
        .send({ version: 1, enabled: false });
      expect(development.status).toBe(200);
      expect(development.body.config.metadata.version).toBe(2);
    });
  });
  describe('when a change hands a configuration to another owner', () => {
    // A member of the payments and platform teams may change what those
    // teams own; the resource-ref decision stands for the configuration as
    // it is (owned by payments-team), the conditions for it as it will be.
    const teamMember = mockServices.permissions.mock({
      authorizeConditional: async requests =>
        requests.map(({ permission }) =>
          createIntegrationConditionalDecision(
            permission as ResourcePermission<'integration'>,
            integrationConditions.isIntegrationOwner({
              claims: [
                'group:default/payments-team',
                'group:default/platform-team',
              ],
            }),
          ),
        ) as any,
      authorize: async requests =>
        requests.map(item => ({
          result:
            'resourceRef' in item && item.resourceRef?.startsWith('stripe:')
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });

    it('needs the update permission on the new owner as well as the current one', async () => {
      const server = await startBackend([teamMember.factory]);
      const put = (owner: string, version: number) =>
        request(server)
          .put('/api/integrations/configs/stripe?environment=development')
          .set('Authorization', asUser)
          .send({ version, owner });

      const toStranger = await put('group:default/web-team', 1);
      expect(toStranger.status).toBe(403);
      expect(toStranger.body.error.message).toBe(
        'You lack the permission integrations.integration.update on stripe:development as it would be after this change (owner group:default/web-team)',
      );
      const unchanged = await request(server)
        .get('/api/integrations/configs/stripe?environment=development')
        .set('Authorization', asUser);
      expect(unchanged.body[0]).toMatchObject({
        owner: 'group:default/payments-team',
        metadata: { version: 1 },
      });

      const toOwnTeam = await put('group:default/platform-team', 1);
      expect(toOwnTeam.status).toBe(200);
      expect(toOwnTeam.body.config.owner).toBe('group:default/platform-team');
    });
  });
});
