import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { settingsOf } from '@internal/plugin-integrations-common';
import { demoCredentialValues } from '../demo/demoIntegrations';
import {
  Harness,
  createHarness,
} from '../connectionTests/__testUtils__/harness';
import { TOKEN_REFRESH_ACTOR, TokenRefreshTask } from './TokenRefreshTask';

jest.setTimeout(30_000);

const HOUR_MS = 3_600_000;

function demoCredentials(name: string): Record<string, string> {
  return demoCredentialValues(name, 'development');
}

describe('TokenRefreshTask against the provider simulator', () => {
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

  function taskAt(now?: Date) {
    return new TokenRefreshTask({
      configs: h.store.configs,
      credentialStore: h.store.credentials,
      credentials: h.credentials,
      tokens: h.tokens,
      health: h.health,
      logger: h.logger,
      ...(now ? { now: () => now } : {}),
    });
  }

  async function fieldStatus(name: string, field: string) {
    const status = await h.credentials.status(name, 'development');
    return status.fields.find(f => f.field === field)!;
  }

  it('refreshes every enabled OAuth integration with a refresh token, storing the new tokens', async () => {
    const before = Date.now();

    const result = await taskAt().refreshDue();

    expect(result.refreshed).toEqual(
      expect.arrayContaining([
        'google-analytics:development',
        'google-calendar:development',
        'linkedin:development',
        'stripe-connect:development',
        'twitter:development',
      ]),
    );
    // PayPal uses client credentials, and switched-off configurations are left alone.
    expect(result.refreshed.filter(l => l.startsWith('paypal:'))).toEqual([]);
    expect(result.refreshed).not.toContain('twitter:production');
    expect(result.refreshed).not.toContain('stripe-connect:staging');

    const accessToken = await fieldStatus('google-analytics', 'accessToken');
    expect(accessToken).toMatchObject({
      set: true,
      expired: false,
      updatedBy: TOKEN_REFRESH_ACTOR,
    });
    const expiresIn = Date.parse(accessToken.expiresAt!) - before;
    expect(expiresIn).toBeGreaterThan(HOUR_MS - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(HOUR_MS);

    const { items } = await h.store.audit.list({
      integration: 'google-analytics',
      action: 'token_refresh',
    });
    expect(items.find(i => i.environment === 'development')).toMatchObject({
      userId: TOKEN_REFRESH_ACTOR,
      category: 'credentials',
      details: { changedFields: ['accessToken'] },
    });
    const uses = await h.store.audit.list({
      integration: 'google-analytics',
      action: 'credentials_use',
    });
    expect(uses.items[0]).toMatchObject({
      userId: TOKEN_REFRESH_ACTOR,
      details: {
        purpose: 'token refresh',
        fields: ['clientId', 'clientSecret', 'refreshToken'],
      },
    });
    const audit = JSON.stringify([items, uses.items]);
    for (const value of Object.values(demoCredentials('google-analytics'))) {
      expect(audit).not.toContain(value);
    }
  });

  it('stores the refresh token X rotates; the spent one is refused by the simulator', async () => {
    const before = await fieldStatus('twitter', 'refreshToken');

    const result = await taskAt().refreshDue();

    expect(result.refreshed).toContain('twitter:development');
    const after = await fieldStatus('twitter', 'refreshToken');
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.updatedBy).toBe(TOKEN_REFRESH_ACTOR);
    // Each environment has its own grant, so spending one refresh token
    // leaves the others usable.
    expect(result.failed).toEqual([]);
    expect(result.refreshed).toContain('twitter:staging');

    // A second refresh uses the stored rotated token; the spent one is refused.
    simulator.control.reset('twitter');
    const spent = await fetch(`${simulator.url}/twitter/2/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('client:secret').toString(
          'base64',
        )}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: demoCredentials('twitter').refreshToken,
      }).toString(),
    });
    expect(spent.status).toBe(400);
  });

  it('leaves fresh tokens alone, but refreshes one idle for more than 20 hours', async () => {
    const first = await taskAt().refreshDue();
    expect(first.refreshed).toContain('linkedin:development');
    const refreshedAt = Date.now();
    const linkedinToken = await fieldStatus('linkedin', 'accessToken');

    // An hour on, Google's one-hour tokens are due; LinkedIn's 60-day one is not.
    const hourLater = await taskAt(
      new Date(refreshedAt + HOUR_MS),
    ).refreshDue();
    expect(hourLater.refreshed).toContain('google-analytics:development');
    expect(hourLater.refreshed).not.toContain('linkedin:development');
    expect(await fieldStatus('linkedin', 'accessToken')).toEqual(linkedinToken);

    // After 21 hours the refresh token must be used to keep it alive, though
    // the access token is still valid for weeks.
    const dayLater = await taskAt(
      new Date(refreshedAt + 21 * HOUR_MS),
    ).refreshDue();
    expect(dayLater.refreshed).toContain('linkedin:development');
    const renewed = await fieldStatus('linkedin', 'accessToken');
    expect(renewed.fingerprint).not.toBe(linkedinToken.fingerprint);
    expect(Date.parse(renewed.expiresAt!)).toBeGreaterThan(
      refreshedAt + 50 * 24 * HOUR_MS,
    );
  });

  it('records a revoked refresh token as a failed check instead of throwing', async () => {
    simulator.control.revokeRefreshToken(
      demoCredentials('google-analytics').refreshToken,
    );

    const result = await taskAt().refreshDue();

    expect(result.failed).toEqual(
      expect.arrayContaining([
        'google-analytics:development',
        'google-calendar:development',
      ]),
    );
    expect(result.refreshed).toContain('linkedin:development');
    const state = await h.store.health.getState(
      'google-analytics',
      'development',
    );
    expect(state).toMatchObject({
      status: 'unhealthy',
      reasons: ['Latest check failed: Credentials expired'],
      failure: {
        class: 'auth_expired',
        httpStatus: 400,
        providerMessage: 'Token has been expired or revoked.',
      },
    });
    const { items: runs } = await h.store.health.listRuns(
      'google-analytics',
      'development',
      { offset: 0, limit: 5 },
    );
    expect(runs).toEqual([
      expect.objectContaining({
        id: state?.lastRunId,
        suite: 'auth',
        status: 'failed',
        trigger: 'scheduled',
        triggeredBy: TOKEN_REFRESH_ACTOR,
        steps: [
          expect.objectContaining({
            id: 'token',
            status: 'failed',
            failure: expect.objectContaining({ class: 'auth_expired' }),
          }),
        ],
      }),
    ]);
    expect(h.signals.publish).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: 'integrations:health',
        message: expect.objectContaining({
          integration: 'google-analytics',
          environment: 'development',
          status: 'unhealthy',
        }),
      }),
    );
    expect(h.logger.warn).toHaveBeenCalledWith(
      'Token refresh of google-analytics:development failed: Credentials expired',
    );
    expect(await fieldStatus('google-analytics', 'accessToken')).toMatchObject({
      set: false,
    });
  });

  it('skips configurations whose token refresh is switched off', async () => {
    const [config] = await h.store.configs.getConfigs(
      'linkedin',
      'development',
    );
    await h.store.configs.apply(
      [
        {
          kind: 'save',
          name: 'linkedin',
          environment: 'development',
          expectedVersion: config.metadata.version,
          settings: {
            ...settingsOf(config),
            authConfig: {
              ...config.authConfig,
              tokenRefreshSettings: {
                enabled: false,
                refreshBeforeExpirySeconds: 300,
              },
            },
          },
          changeType: 'update',
          changedFields: ['authConfig.tokenRefreshSettings.enabled'],
        },
      ],
      { actor: 'user:default/ada.admin', at: new Date(), audit: [] },
    );

    const result = await taskAt().refreshDue();

    expect(result.refreshed).not.toContain('linkedin:development');
    expect(result.refreshed).toContain('linkedin:staging');
    expect(simulator.control.requests('linkedin')).toHaveLength(2);
  });
});
