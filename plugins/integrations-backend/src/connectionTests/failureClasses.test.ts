import { TestDatabases } from '@backstage/backend-test-utils';
import {
  FailureClass,
  IntegrationConfig,
  TestRunResult,
  getProvider,
} from '@internal/plugin-integrations-common';
import {
  ProviderSimulator,
  simulatorCertificatePath,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  demoCredentialValues,
  demoIntegrations,
} from '../demo/demoIntegrations';
import {
  ADMIN,
  Harness,
  TESTER,
  createHarness,
  stepStatuses,
  withConnection,
} from './__testUtils__/harness';

jest.setTimeout(30_000);

const GOOGLE_REFRESH_TOKEN = demoCredentialValues(
  'google-analytics',
  'development',
).refreshToken;

/** Every demo credential value of any integration: none may appear in a result. */
const ALL_DEMO_SECRETS = demoIntegrations.flatMap(demo =>
  Object.values(demo.credentials ?? {}).filter(value => value.length >= 8),
);

/** The catalog's own explanation and repair steps for this failure of the provider. */
function catalogEntries(providerId: string, failure: FailureClass) {
  return getProvider(providerId)!.probes.knownErrors.filter(
    entry => entry.failure === failure,
  );
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise(resolve => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

function expectNoSecretIn(run: TestRunResult) {
  const text = JSON.stringify(run);
  for (const secret of ALL_DEMO_SECRETS) {
    expect(text).not.toContain(secret);
  }
}

/** The failed step, which must be the run's first failure. */
function failedStep(run: TestRunResult) {
  const failed = run.steps.filter(step => step.status === 'failed');
  expect(failed).toHaveLength(1);
  expect(failed[0].failure).toEqual(run.failure);
  expect(run.status).toBe('failed');
  return failed[0];
}

describe('ConnectionTestService classifies every failure the simulator can produce', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let h: Harness;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0, httpsPort: 0 });
    h = await createHarness({ databases, simulator });
  });
  afterEach(() => simulator.control.reset());
  afterAll(() => simulator.close());

  const runWith = (
    config: IntegrationConfig,
    tester = h.tester,
  ): Promise<TestRunResult> =>
    tester.run(config, { suite: 'quick', trigger: 'manual', actor: TESTER });

  describe('auth_invalid', () => {
    it.each([
      ['stripe', 'stripe', 'auth_check'],
      ['github', 'github', 'auth_check'],
      ['brevo', 'brevo', 'auth_check'],
      ['telegram', 'telegram', 'auth_check'],
      ['odoo-crm', 'odoo', 'auth_check'],
      ['google-calendar', 'google-calendar', 'auth_check'],
      ['paypal', 'paypal', 'token'],
    ])(
      '%s refusing the credentials gives auth_invalid with the catalog repair steps',
      async (name, simulated, step) => {
        simulator.control.set(simulated, { rejectCredentials: true });

        const run = await h.quick(name);

        expect(failedStep(run).id).toBe(step);
        expect(run.failure?.class).toBe('auth_invalid');
        const config = await h.config(name);
        const catalog = catalogEntries(config.provider, 'auth_invalid');
        expect(catalog.length).toBeGreaterThan(0);
        expect(catalog.map(entry => entry.repairSteps)).toContainEqual(
          run.failure?.repairSteps,
        );
        expect(catalog.map(entry => entry.explanation)).toContain(
          run.failure?.explanation,
        );
        expectNoSecretIn(run);
      },
    );

    it('names the refused Stripe key only masked', async () => {
      simulator.control.set('stripe', { rejectCredentials: true });

      const run = await h.quick('stripe');

      expect(run.failure).toMatchObject({
        httpStatus: 401,
        providerMessage: expect.stringMatching(
          /^Invalid API Key provided: sk_test_\*+/,
        ),
      });
      expect(run.authentication?.credentialsValid).toBe(false);
    });
  });

  describe('auth_expired', () => {
    it('does not send a stored credential that has expired', async () => {
      await h.credentials.update(
        'stripe',
        'development',
        { expiresAt: { secretKey: '2020-01-01T00:00:00Z' } },
        ADMIN,
      );
      try {
        const run = await h.quick('stripe');

        expect(failedStep(run).id).toBe('auth_check');
        expect(run.failure).toMatchObject({
          class: 'auth_expired',
          providerMessage:
            'The stored secretKey expired at 2020-01-01T00:00:00.000Z and is no longer used',
        });
        // DNS and TCP were checked, but no HTTP request reached Stripe.
        expect(stepStatuses(run)).toMatchObject({
          dns_resolve: 'passed',
          tcp_connect: 'passed',
        });
        expect(simulator.control.requests('stripe')).toEqual([]);
        // Only the field still valid was opened.
        const [use] = (
          await h.store.audit.list({
            integration: 'stripe',
            action: 'credentials_use',
          })
        ).items;
        expect(use.details.fields).toEqual(['webhookSigningSecret']);
      } finally {
        await h.credentials.update(
          'stripe',
          'development',
          { expiresAt: { secretKey: null } },
          ADMIN,
        );
      }
    });

    it('reports a revoked Google refresh token as expired', async () => {
      simulator.control.revokeRefreshToken(GOOGLE_REFRESH_TOKEN);

      const run = await h.quick('google-analytics');

      expect(failedStep(run).id).toBe('token');
      expect(run.failure).toMatchObject({
        class: 'auth_expired',
        httpStatus: 400,
        providerMessage: 'Token has been expired or revoked.',
        repairSteps: catalogEntries('google-analytics', 'auth_expired')[0]
          .repairSteps,
      });
      expect(run.authentication).toEqual({
        credentialsValid: false,
        tokenValid: false,
      });
      // Nothing was called with a token that could not be had.
      expect(simulator.control.requests('google-analytics')).toEqual([]);
      expectNoSecretIn(run);
    });

    it.each([
      ['twitter', 'Value passed for the token was invalid.'],
      [
        'linkedin',
        'The provided authorization grant or refresh token is invalid, expired or revoked',
      ],
    ])(
      '%s refusing the refresh token (invalid_request) is auth_expired, not a bad response',
      async (name, message) => {
        simulator.control.set(name, { rejectCredentials: true });

        const run = await h.quick(name);

        expect(failedStep(run).id).toBe('token');
        expect(run.failure).toMatchObject({
          class: 'auth_expired',
          httpStatus: 400,
          providerMessage: message,
          repairSteps: catalogEntries(name, 'auth_expired')[0].repairSteps,
        });
        expectNoSecretIn(run);
      },
    );

    it('scoopp refusing the signing key gives its own repair steps', async () => {
      simulator.control.set('scoopp', { rejectCredentials: true });

      const run = await h.quick('scoopp');

      expect(failedStep(run).id).toBe('auth_check');
      expect(run.failure).toMatchObject({
        class: 'auth_invalid',
        httpStatus: 401,
        providerMessage:
          'The key id is not registered or the signature does not match its public key.',
        repairSteps: catalogEntries('scoopp', 'auth_invalid')[0].repairSteps,
      });
    });
  });

  describe('provider_error', () => {
    it.each([
      ['stripe', 'stripe', 'auth_check'],
      ['brevo', 'brevo', 'auth_check'],
      ['odoo-crm', 'odoo', 'auth_check'],
      ['google-analytics', 'google-oauth', 'token'],
      ['paypal', 'paypal', 'token'],
    ])(
      '%s answering 503 is a provider error',
      async (name, simulated, step) => {
        simulator.control.set(simulated, { status: 503 });

        const run = await h.quick(name);

        expect(failedStep(run).id).toBe(step);
        expect(run.failure).toMatchObject({
          class: 'provider_error',
          httpStatus: 503,
        });
        expect(run.failure?.repairSteps.length).toBeGreaterThan(0);
      },
    );
  });

  describe('rate_limited', () => {
    it('reads a forced 429 with the Retry-After the provider sends', async () => {
      simulator.control.set('stripe', { status: 429 });

      const run = await h.quick('stripe');

      expect(failedStep(run).id).toBe('auth_check');
      expect(run.failure).toMatchObject({
        class: 'rate_limited',
        httpStatus: 429,
        retryAfterSeconds: 1,
        repairSteps: catalogEntries('stripe', 'rate_limited')[0].repairSteps,
      });
    });

    it.each([
      ['stripe', 'stripe'],
      ['telegram', 'telegram'],
      ['twitter', 'twitter'],
      ['google-analytics', 'google-oauth'],
    ])(
      '%s rate limited for 30 seconds gives retryAfterSeconds 30',
      async (name, simulated) => {
        simulator.control.set(simulated, { retryAfterSeconds: 30 });

        const run = await h.quick(name);

        expect(run.failure).toMatchObject({
          class: 'rate_limited',
          httpStatus: 429,
          retryAfterSeconds: 30,
        });
      },
    );

    it('reads GitHub’s 403 with a spent rate limit as rate limited', async () => {
      simulator.control.set('github', { retryAfterSeconds: 120 });

      const run = await h.quick('github');

      expect(failedStep(run).id).toBe('auth_check');
      expect(run.failure).toEqual({
        class: 'rate_limited',
        httpStatus: 403,
        retryAfterSeconds: 120,
        providerMessage: 'API rate limit exceeded for user ID 1.',
        // GitHub has no codes: its message groups its errors.
        providerCode: 'API rate limit exceeded for user ID 1.',
        // The answer's link, and the id GitHub support asks for.
        documentationUrl:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        requestId: expect.stringMatching(/^[A-Z0-9:]+$/),
        ...(({ explanation, repairSteps }) => ({ explanation, repairSteps }))(
          catalogEntries('github', 'rate_limited')[0],
        ),
      });
      expect(run.rateLimit).toMatchObject({ limit: 5000, remaining: 0 });
      expect(
        await h.store.health.getState('github', 'development'),
      ).toMatchObject({ status: 'degraded', rateLimit: { remaining: 0 } });
    });
  });

  describe('permission_missing', () => {
    it('lists the scopes a GitHub token lacks', async () => {
      simulator.control.set('github', { scopes: ['repo'] });

      const run = await h.quick('github');

      expect(failedStep(run).id).toBe('scopes');
      expect(run.authentication?.scopes).toEqual({
        required: ['repo', 'read:org'],
        granted: ['repo'],
        missing: ['read:org'],
      });
      expect(run.failure).toMatchObject({
        class: 'permission_missing',
        providerMessage: 'Missing scopes: read:org',
        repairSteps: catalogEntries('github', 'permission_missing')[0]
          .repairSteps,
      });
      expect(stepStatuses(run).functional).toBe('skipped');
    });

    it('accepts a broader GitHub scope for a narrower one', async () => {
      simulator.control.set('github', { scopes: ['repo', 'admin:org'] });

      const run = await h.quick('github');

      expect(run.status).toBe('passed');
    });
  });

  describe('network failures', () => {
    it('times out on a provider that never answers', async () => {
      simulator.control.set('stripe', { hang: true });
      const config = withConnection(await h.config('stripe'), {
        timeout: 1000,
      });

      const run = await runWith(config);

      expect(failedStep(run).id).toBe('auth_check');
      expect(run.failure).toMatchObject({
        class: 'timeout',
        providerMessage: expect.stringContaining('timed out after 1000 ms'),
      });
      expect(stepStatuses(run)).toMatchObject({
        dns_resolve: 'passed',
        tcp_connect: 'passed',
        functional: 'skipped',
      });
      // The request did reach the provider, which kept it waiting.
      expect(simulator.control.requests('stripe')).toEqual([
        expect.objectContaining({ path: '/v1/balance', status: null }),
      ]);
    });

    it('reports connection_refused for a port nothing listens on', async () => {
      const port = await closedPort();
      const config = withConnection(await h.config('stripe'), {
        baseUrl: `http://127.0.0.1:${port}/stripe`,
      });

      const run = await runWith(config);

      expect(failedStep(run).id).toBe('tcp_connect');
      expect(run.failure).toMatchObject({
        class: 'connection_refused',
        providerMessage: `Connection to http://127.0.0.1:${port} was refused`,
      });
      expect(run.connectivity.tcpConnection?.passed).toBe(false);
    });

    it('says a port that accepts and then closes without an HTTP answer is probably the wrong port', async () => {
      const database = createServer(socket =>
        socket.once('data', () => socket.end()),
      );
      await new Promise<void>(resolve =>
        database.listen(0, '127.0.0.1', resolve),
      );
      const { port } = database.address() as { port: number };
      const config = withConnection(await h.config('stripe'), {
        baseUrl: `http://127.0.0.1:${port}/stripe`,
      });

      try {
        const run = await runWith(config);

        expect(run.connectivity.tcpConnection?.passed).toBe(true);
        expect(run.failure).toMatchObject({
          class: 'connection_closed',
          explanation:
            'The server accepted the connection and closed it without an HTTP answer: is this the right port?',
        });
        expect(failedStep(run).failure?.repairSteps[0]).toMatch(
          /Check the port of the base URL/,
        );
      } finally {
        await new Promise(resolve => database.close(resolve));
      }
    });

    it('reports dns_failure for a host that does not resolve', async () => {
      const resolver = jest.fn(async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), {
          code: 'ENOTFOUND',
        });
      });
      const tester = h.testerWith({ resolver });
      const config = withConnection(await h.config('stripe'), {
        baseUrl: 'https://api.stripe.invalid',
      });

      const run = await runWith(config, tester);

      expect(resolver).toHaveBeenCalledWith('api.stripe.invalid');
      expect(failedStep(run).id).toBe('dns_resolve');
      expect(run.failure).toMatchObject({
        class: 'dns_failure',
        providerMessage:
          'Could not resolve the host of https://api.stripe.invalid:443 (ENOTFOUND)',
      });
      expect(run.connectivity.dnsResolution).toEqual({
        passed: false,
        addresses: [],
        durationMs: 0,
      });
      expect(stepStatuses(run)).toMatchObject({
        tcp_connect: 'skipped',
        auth_check: 'skipped',
      });
    });

    it('refuses an address outside the allowed ranges', async () => {
      const config = withConnection(await h.config('stripe'), {
        baseUrl: 'http://10.0.0.1/stripe',
      });

      const run = await runWith(config);

      expect(failedStep(run).id).toBe('dns_resolve');
      expect(run.failure).toMatchObject({
        class: 'blocked_by_policy',
        providerMessage: expect.stringMatching(
          /^Refusing to connect to http:\/\/10\.0\.0\.1:80/,
        ),
        repairSteps: expect.arrayContaining([
          expect.stringContaining('integrations.network.allowedCidrs'),
        ]),
      });
    });

    it('reports tls_error when the certificate is not trusted', async () => {
      const config = withConnection(await h.config('stripe'), {
        baseUrl: `${simulator.httpsUrl}/stripe`,
      });

      const run = await runWith(config);

      expect(failedStep(run).id).toBe('tls_certificate');
      expect(run.failure).toMatchObject({
        class: 'tls_error',
        providerMessage: expect.stringContaining('self-signed'),
      });
      expect(run.connectivity.tlsCertificate).toMatchObject({
        passed: false,
        issuer: expect.stringContaining('Provider simulator'),
      });
      expect(stepStatuses(run).auth_check).toBe('skipped');
    });

    it('passes over https when the certificate is trusted, reading its expiry', async () => {
      const tester = h.testerWith({
        trustedCertificates: [readFileSync(simulatorCertificatePath, 'utf8')],
      });
      const config = withConnection(await h.config('stripe'), {
        baseUrl: `${simulator.httpsUrl}/stripe`,
      });

      const run = await runWith(config, tester);

      expect(run.status).toBe('passed');
      expect(stepStatuses(run)).toMatchObject({
        tls_certificate: 'passed',
        auth_check: 'passed',
        functional: 'passed',
      });
      expect(run.connectivity.tlsCertificate).toMatchObject({
        passed: true,
        validTo: expect.any(String),
      });
      // The development certificate is valid for ten years.
      expect(run.connectivity.tlsCertificate?.daysUntilExpiry).toBeGreaterThan(
        365,
      );
    });
  });

  describe('bad_response', () => {
    it('reports a base URL with the wrong path', async () => {
      const config = withConnection(await h.config('stripe'), {
        baseUrl: `${simulator.url}/stripe/nope`,
      });

      const run = await runWith(config);

      expect(failedStep(run).id).toBe('auth_check');
      expect(run.failure).toMatchObject({
        class: 'bad_response',
        httpStatus: 404,
        providerMessage: expect.stringContaining('Unrecognized request URL'),
      });
    });
  });
});
