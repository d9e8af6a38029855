import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { demoCredentialValues } from '../demo/demoIntegrations';
import {
  Harness,
  createHarness,
} from '../connectionTests/__testUtils__/harness';
import { OAuthTokenService, TokenRefreshError } from './OAuthTokenService';

jest.setTimeout(30_000);

const ACTOR = 'user:default/tess.tester';
const HOUR_MS = 3_600_000;

function demoCredentials(name: string): Record<string, string> {
  return demoCredentialValues(name, 'development');
}

describe('OAuthTokenService against the provider simulator', () => {
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

  async function fieldStatus(name: string, field: string) {
    const status = await h.credentials.status(name, 'development');
    return status.fields.find(f => f.field === field)!;
  }

  async function refresh(
    name: string,
    options: { force?: boolean; tokens?: OAuthTokenService } = {},
  ) {
    const config = await h.config(name);
    const opened = await h.credentials.openForUse(name, 'development', {
      actor: ACTOR,
      purpose: 'test',
    });
    return (options.tokens ?? h.tokens).accessToken(config, opened, {
      actor: ACTOR,
      force: options.force ?? true,
    });
  }

  it('stores the new access token encrypted, with its expiry', async () => {
    expect(await fieldStatus('google-analytics', 'accessToken')).toMatchObject({
      set: false,
    });
    const before = Date.now();

    const token = await refresh('google-analytics');

    expect(token).toMatchObject({
      value: expect.stringMatching(/^ya29\./),
      refreshed: true,
      scopes: [
        'https://www.googleapis.com/auth/analytics.readonly',
        'https://www.googleapis.com/auth/calendar',
      ],
    });
    const status = await fieldStatus('google-analytics', 'accessToken');
    expect(status).toMatchObject({
      set: true,
      expired: false,
      last4: token.value.slice(-4),
      updatedBy: ACTOR,
    });
    // Google's tokens live for an hour.
    const expiresIn = Date.parse(status.expiresAt!) - before;
    expect(expiresIn).toBeGreaterThan(HOUR_MS - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(HOUR_MS);
    expect(token.expiresAt).toBe(status.expiresAt);

    const rows = await h.knex('credentials').where({
      integration_name: 'google-analytics',
      environment: 'development',
      field: 'accessToken',
    });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.value);
    const reopened = await h.credentials.openForUse(
      'google-analytics',
      'development',
      { actor: ACTOR, purpose: 'test' },
    );
    expect(reopened.values.accessToken).toBe(token.value);
  });

  it('records the refresh in the audit log, naming the fields only', async () => {
    const token = await refresh('google-analytics');

    const { items } = await h.store.audit.list({
      integration: 'google-analytics',
      action: 'token_refresh',
    });
    expect(items).toEqual([
      expect.objectContaining({
        userId: ACTOR,
        environment: 'development',
        category: 'credentials',
        outcome: 'success',
        details: { changedFields: ['accessToken'] },
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(token.value);
  });

  it('uses the stored token while it is fresh and refreshes it shortly before it expires', async () => {
    const first = await refresh('google-analytics');
    const tokenRequests = () =>
      simulator.control
        .requests('google-oauth')
        .filter(r => r.path === '/token').length;
    expect(tokenRequests()).toBe(1);

    const stored = await refresh('google-analytics', { force: false });
    expect(stored).toEqual({
      value: first.value,
      expiresAt: first.expiresAt,
      refreshed: false,
    });
    expect(tokenRequests()).toBe(1);

    // 56 minutes later the token is inside the 5-minute refresh margin.
    const later = new OAuthTokenService({
      http: h.http,
      credentials: h.credentials,
      now: () => new Date(Date.now() + 56 * 60_000),
    });
    const renewed = await refresh('google-analytics', {
      force: false,
      tokens: later,
    });
    expect(renewed.refreshed).toBe(true);
    expect(renewed.value).not.toBe(first.value);
    expect(tokenRequests()).toBe(2);
  });

  it('stores the refresh token X rotates, and the spent one is refused', async () => {
    const original = demoCredentials('twitter').refreshToken;
    const before = await fieldStatus('twitter', 'refreshToken');

    await refresh('twitter');

    const after = await fieldStatus('twitter', 'refreshToken');
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(after.updatedBy).toBe(ACTOR);
    const { items } = await h.store.audit.list({
      integration: 'twitter',
      action: 'token_refresh',
    });
    expect(items[0].details.changedFields).toEqual([
      'accessToken',
      'refreshToken',
    ]);

    // The simulator no longer takes the token the demo data started with...
    const config = await h.config('twitter');
    const { clientId, clientSecret } = demoCredentials('twitter');
    const spent = await fetch(
      `${config.connectionConfig.baseUrl}/oauth2/token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(
            `${clientId}:${clientSecret}`,
          ).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: original,
        }),
      },
    );
    expect(spent.status).toBe(400);

    // ...but the stored one works, and rotates again.
    const again = await refresh('twitter');
    expect(again.refreshed).toBe(true);
    expect((await fieldStatus('twitter', 'refreshToken')).fingerprint).not.toBe(
      after.fingerprint,
    );
  });

  it('lets two backend replicas refreshing X at once spend its one-time refresh token only once', async () => {
    // Two services on one database, as two replicas would be.
    const replica = new OAuthTokenService({
      http: h.http,
      credentials: h.credentials,
      leases: h.store.tokenLeases,
    });
    const tokenRequests = () =>
      simulator.control
        .requests('twitter')
        .filter(r => r.path.endsWith('/oauth2/token')).length;

    const [first, second] = await Promise.all([
      refresh('twitter'),
      refresh('twitter', { tokens: replica }),
    ]);

    expect(tokenRequests()).toBe(1);
    expect(second.value).toBe(first.value);
    // The stored refresh token is the rotated one, and it still works.
    expect((await refresh('twitter')).refreshed).toBe(true);
    expect(tokenRequests()).toBe(2);
  });

  it('keeps LinkedIn’s refresh token, with the expiry LinkedIn gives it', async () => {
    const before = await fieldStatus('linkedin', 'refreshToken');

    await refresh('linkedin');

    const after = await fieldStatus('linkedin', 'refreshToken');
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(before.expiresAt).toBeUndefined();
    // A year, as LinkedIn's refresh_token_expires_in says.
    expect(Date.parse(after.expiresAt!) - Date.now()).toBeGreaterThan(
      364 * 24 * HOUR_MS,
    );
  });

  it('gets a PayPal token with the client credentials alone', async () => {
    const token = await refresh('paypal');

    expect(token.refreshed).toBe(true);
    // PayPal's catalog credentials schema has no accessToken field, so the
    // status does not list the stored token; the store has it.
    const stored = await h.store.credentials.list('paypal', 'development');
    expect(stored.map(c => c.field)).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
    ]);
    expect(stored[0].expiresAt).toBe(token.expiresAt);
    const requests = simulator.control.requests('paypal');
    expect(requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v1/oauth2/token' }),
    ]);
  });

  it('throws a classified failure for a revoked refresh token and keeps no new token', async () => {
    simulator.control.revokeRefreshToken(
      demoCredentials('google-analytics').refreshToken,
    );

    const error = await refresh('google-analytics').catch(e => e);

    expect(error).toBeInstanceOf(TokenRefreshError);
    expect((error as TokenRefreshError).failure).toMatchObject({
      class: 'auth_expired',
      httpStatus: 400,
    });
    expect(await fieldStatus('google-analytics', 'accessToken')).toMatchObject({
      set: false,
    });
  });

  it('does not call the token endpoint without a refresh token', async () => {
    await h.credentials.update(
      'linkedin',
      'development',
      { credentials: { refreshToken: null } },
      { userRef: 'user:default/ada.admin' },
    );

    const error = await refresh('linkedin').catch(e => e);

    expect((error as TokenRefreshError).failure).toMatchObject({
      class: 'auth_invalid',
      providerMessage:
        'No refreshToken is stored, so no access token can be issued',
    });
    expect(simulator.control.requests('linkedin')).toEqual([]);
  });
});
