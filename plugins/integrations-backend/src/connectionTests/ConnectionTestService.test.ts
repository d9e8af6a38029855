import { TestDatabases } from '@backstage/backend-test-utils';
import {
  HEALTH_SIGNAL_CHANNEL,
  getProvider,
} from '@internal/plugin-integrations-common';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { demoCredentialValues } from '../demo/demoIntegrations';
import {
  Harness,
  TESTER,
  createHarness,
  stepStatuses,
} from './__testUtils__/harness';

jest.setTimeout(30_000);

/** The demo values of an integration's credentials, which must never show up anywhere. */
function demoSecrets(name: string): string[] {
  return Object.values(demoCredentialValues(name, 'development')).filter(
    value => value.length >= 8,
  );
}

describe('ConnectionTestService against the provider simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let h: Harness;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
    h = await createHarness({ databases, simulator });
  });
  afterEach(() => simulator.control.reset());
  afterAll(() => simulator.close());

  describe('quick tests of the demo integrations in development', () => {
    it.each([
      'stripe',
      'github',
      'brevo',
      'telegram',
      'odoo-crm',
      'google-analytics',
      'linkedin',
      'scoopp',
      'google-calendar',
    ])('%s passes every step', async name => {
      const run = await h.quick(name);

      expect({ status: run.status, failure: run.failure }).toEqual({
        status: 'passed',
        failure: undefined,
      });
      const steps = stepStatuses(run);
      expect(steps).toMatchObject({
        dns_resolve: 'passed',
        tcp_connect: 'passed',
        auth_check: 'passed',
        functional: 'passed',
      });
      expect(Object.values(steps)).not.toContain('failed');
      expect(Object.values(steps)).not.toContain('skipped');
      expect(run.connectivity.dnsResolution?.addresses).toEqual(['127.0.0.1']);
      expect(run.functionality?.passed).toBe(true);
      expect(run.responseTimeMs).toEqual(expect.any(Number));

      const provider = getProvider((await h.config(name)).provider)!;
      const oauth = Boolean(provider.oauth);
      const scoped = Boolean(provider.probes.scopes);
      // A manual test of an OAuth integration proves the refresh works.
      expect(steps.token).toBe(oauth ? 'passed' : undefined);
      expect({
        credentialsValid: run.authentication?.credentialsValid,
        tokenValid: run.authentication?.tokenValid,
        tokenRefreshed: run.authentication?.tokenRefreshed,
        tokenExpires: typeof run.authentication?.tokenExpiresAt,
      }).toEqual(
        oauth
          ? {
              credentialsValid: true,
              tokenValid: true,
              tokenRefreshed: true,
              tokenExpires: 'string',
            }
          : {
              credentialsValid: true,
              tokenValid: undefined,
              tokenRefreshed: undefined,
              tokenExpires: 'undefined',
            },
      );
      expect(steps.scopes).toBe(scoped ? 'passed' : undefined);
      expect(run.authentication?.scopes?.missing).toEqual(
        scoped ? [] : undefined,
      );
    });

    it('puts the credentials only where the provider expects them', async () => {
      const run = await h.quick('telegram');

      // The bot token travels in the path, but the run shows the template only.
      expect(run.steps.find(s => s.id === 'auth_check')?.target).toBe(
        'GET /bot{credentials.botToken}/getMe',
      );
      for (const secret of demoSecrets('telegram')) {
        expect(JSON.stringify(run)).not.toContain(secret);
      }
    });

    it('paypal: refreshes its token and reports the scopes the app is not granted', async () => {
      simulator.control.set('paypal', {
        scopes: [
          'https://uri.paypal.com/services/invoicing',
          'https://uri.paypal.com/services/payments/payment',
        ],
      });

      const run = await h.quick('paypal');

      expect(stepStatuses(run)).toEqual({
        dns_resolve: 'passed',
        tcp_connect: 'passed',
        token: 'passed',
        auth_check: 'passed',
        scopes: 'failed',
        functional: 'skipped',
      });
      expect(run.authentication).toMatchObject({
        tokenRefreshed: true,
        scopes: {
          granted: [
            'https://uri.paypal.com/services/invoicing',
            'https://uri.paypal.com/services/payments/payment',
          ],
          missing: [
            'https://uri.paypal.com/services/payments/payment/authcapture',
            'https://uri.paypal.com/services/payments/refund',
          ],
        },
      });
      expect(run.failure).toMatchObject({
        class: 'permission_missing',
        providerMessage:
          'Missing scopes: https://uri.paypal.com/services/payments/payment/authcapture, https://uri.paypal.com/services/payments/refund',
      });
    });

    it('paypal passes with the scopes of an app with Payments and Refunds', async () => {
      const run = await h.quick('paypal');

      expect(run.status).toBe('passed');
      expect(stepStatuses(run)).toMatchObject({
        token: 'passed',
        scopes: 'passed',
        functional: 'passed',
      });
      expect(run.authentication?.tokenRefreshed).toBe(true);
    });

    it('twitter: reports tweet.write as missing when the token lacks it', async () => {
      simulator.control.set('twitter', {
        scopes: ['tweet.read', 'users.read', 'offline.access'],
      });

      const run = await h.quick('twitter');

      expect(stepStatuses(run)).toMatchObject({
        token: 'passed',
        auth_check: 'passed',
        scopes: 'failed',
        functional: 'skipped',
      });
      expect(run.authentication).toMatchObject({
        tokenRefreshed: true,
        scopes: { missing: ['tweet.write'] },
      });
      expect(run.failure).toMatchObject({
        class: 'permission_missing',
        providerMessage: 'Missing scopes: tweet.write',
      });
    });

    it('twitter passes twice in a row, storing the rotated refresh token', async () => {
      // X spends the refresh token on every refresh: the second test only
      // works if the first one stored the new refresh token.
      const first = await h.quick('twitter');
      const second = await h.quick('twitter');

      expect([first.status, second.status]).toEqual(['passed', 'passed']);
      expect(second.authentication?.tokenRefreshed).toBe(true);
    });

    it('runs the health suite with the stored token, without refreshing it', async () => {
      await h.quick('linkedin');
      const requestsBefore = simulator.control
        .requests('linkedin')
        .filter(r => r.path.endsWith('/accessToken')).length;

      const run = await h.quick('linkedin', { suite: 'health' });

      expect(run.status).toBe('passed');
      expect(stepStatuses(run)).toEqual({
        token: 'passed',
        auth_check: 'passed',
      });
      expect(run.authentication?.tokenRefreshed).toBe(false);
      expect(
        simulator.control
          .requests('linkedin')
          .filter(r => r.path.endsWith('/accessToken')),
      ).toHaveLength(requestsBefore);
    });
  });
});

describe('ConnectionTestService records every run', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let simulator: ProviderSimulator;
  let h: Harness;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
  });
  beforeEach(async () => {
    h = await createHarness({ databases, simulator });
  });
  afterEach(() => simulator.control.reset());
  afterAll(() => simulator.close());

  it('stores each run, updates the health state and broadcasts status changes', async () => {
    const passed = await h.quick('stripe');
    expect(
      await h.store.health.getState('stripe', 'development'),
    ).toMatchObject({
      status: 'healthy',
      lastRunId: passed.id,
      lastSuccessAt: passed.startedAt,
    });
    expect(h.signals.publish).toHaveBeenCalledTimes(1);
    expect(h.signals.publish).toHaveBeenLastCalledWith({
      recipients: { type: 'broadcast' },
      channel: HEALTH_SIGNAL_CHANNEL,
      message: {
        integration: 'stripe',
        environment: 'development',
        status: 'healthy',
        previousStatus: 'unknown',
        checkedAt: passed.startedAt,
      },
    });

    simulator.control.set('stripe', { rejectCredentials: true });
    const failed = await h.quick('stripe');

    const state = await h.store.health.getState('stripe', 'development');
    expect(state).toMatchObject({
      status: 'unhealthy',
      reasons: ['Latest check failed: Credentials refused'],
      lastRunId: failed.id,
      lastCheckedAt: failed.startedAt,
      lastSuccessAt: passed.startedAt,
      failure: { class: 'auth_invalid', httpStatus: 401 },
    });
    expect(state?.failure).toEqual(failed.failure);
    expect(h.signals.publish).toHaveBeenCalledTimes(2);
    expect(h.signals.publish).toHaveBeenLastCalledWith(
      expect.objectContaining({
        channel: 'integrations:health',
        message: expect.objectContaining({
          integration: 'stripe',
          status: 'unhealthy',
          previousStatus: 'healthy',
        }),
      }),
    );

    // The same status again is no change, so nothing is broadcast.
    await h.quick('stripe');
    expect(h.signals.publish).toHaveBeenCalledTimes(2);

    const runs = await h.store.health.listRuns('stripe', 'development', {
      offset: 0,
      limit: 10,
    });
    expect(runs.totalCount).toBe(3);
    expect(runs.items.map(r => r.id)).toContain(failed.id);
    expect(runs.items.find(r => r.id === failed.id)).toEqual(failed);
    expect(runs.items.find(r => r.id === passed.id)).toEqual(passed);

    const events = await h.store.health.listEvents('development', 10);
    expect(events.map(e => [e.previousStatus, e.status])).toEqual([
      ['healthy', 'unhealthy'],
      ['unknown', 'healthy'],
    ]);
  });

  it('records every opening of the credentials in the audit log, naming fields only', async () => {
    await h.quick('stripe');
    await h.tester.test('stripe', 'development', {
      suite: 'health',
      trigger: 'scheduled',
      actor: 'task:integrations-health-check',
    });

    const { items } = await h.store.audit.list({
      integration: 'stripe',
      action: 'credentials_use',
    });
    expect(items).toHaveLength(2);
    expect(items.map(i => [i.userId, i.details.purpose])).toEqual(
      expect.arrayContaining([
        [TESTER, 'quick test'],
        ['task:integrations-health-check', 'health check'],
      ]),
    );
    for (const item of items) {
      expect(item).toMatchObject({
        environment: 'development',
        category: 'credentials',
        outcome: 'success',
        details: { fields: ['secretKey', 'webhookSigningSecret'] },
      });
    }
    const audit = JSON.stringify(items);
    for (const secret of demoSecrets('stripe')) {
      expect(audit).not.toContain(secret);
    }
  });

  it("counts a task's uses of the credentials per hour, and keeps each of a person's uses", async () => {
    const scheduled = {
      suite: 'health' as const,
      trigger: 'scheduled' as const,
      actor: 'task:integrations-health-check',
    };
    await h.tester.test('brevo', 'development', scheduled);
    await h.tester.test('brevo', 'development', scheduled);
    await h.quick('brevo');
    await h.quick('brevo');

    const { items } = await h.store.audit.list({
      integration: 'brevo',
      action: 'credentials_use',
    });
    const byTester = items.filter(i => i.userId === TESTER);
    expect(byTester).toHaveLength(2);
    expect(byTester.map(i => i.count)).toEqual([undefined, undefined]);
    const byTask = items.filter(i => i.userId === scheduled.actor);
    // Two rows only when the two checks fell either side of an hour.
    expect(byTask.reduce((sum, i) => sum + (i.count ?? 0), 0)).toBe(2);
    expect(byTask.length).toBeLessThanOrEqual(2);
  });

  it('keeps a failed run with the failure as the state of the integration until it passes again', async () => {
    simulator.control.set('brevo', { status: 503 });
    const failed = await h.quick('brevo');
    expect(failed.failure?.class).toBe('provider_error');
    expect(await h.store.health.getState('brevo', 'development')).toMatchObject(
      {
        status: 'unhealthy',
        failure: { class: 'provider_error', httpStatus: 503 },
      },
    );

    simulator.control.reset('brevo');
    await h.quick('brevo');

    const state = await h.store.health.getState('brevo', 'development');
    // One failure of the last two checks is still over Brevo's error-rate threshold.
    expect(state?.status).toBe('degraded');
    expect(state?.failure).toBeUndefined();
    expect(state?.reasons[0]).toMatch(/^1 of the last 2 checks failed/);
  });
});
