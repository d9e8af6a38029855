import { basicAuth, bearer, formPost, useSimulator } from '../testUtils';

const KEY = 'sk_test_51HqLyjWDarjtT1zdp7dc4eC3';

describe('stripe', () => {
  const simulator = useSimulator();

  it('answers the balance with a request id', async () => {
    const response = await simulator.request('/stripe/v1/balance', {
      headers: bearer(KEY),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_\w+$/);
    expect(await response.json()).toEqual({
      object: 'balance',
      available: [
        {
          amount: expect.any(Number),
          currency: 'usd',
          source_types: { card: expect.any(Number) },
        },
      ],
      pending: [expect.objectContaining({ currency: 'usd' })],
      connect_reserved: expect.any(Array),
      livemode: false,
    });
  });

  it('takes the key as the user name of HTTP Basic, as curl -u does', async () => {
    const response = await simulator.request('/stripe/v1/customers?limit=1', {
      headers: { authorization: basicAuth('rk_live_restrictedKey123', '') },
    });

    expect(await response.json()).toEqual({
      object: 'list',
      data: [
        expect.objectContaining({
          id: expect.stringMatching(/^cus_/),
          object: 'customer',
          livemode: true,
        }),
      ],
      has_more: false,
      url: '/v1/customers',
    });
  });

  it('refuses a bad key without echoing it', async () => {
    const response = await simulator.request('/stripe/v1/balance', {
      headers: bearer('sk_test_not-a-key-9876'),
    });

    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        message: 'Invalid API Key provided: sk_test_****9876',
        type: 'invalid_request_error',
      },
    });
    expect(JSON.stringify(body)).not.toContain('not-a-key');
  });

  it('says when no key was given', async () => {
    const response = await simulator.request('/stripe/v1/balance');

    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(
      /^You did not provide an API key/,
    );
  });

  it('answers unknown paths with its 404', async () => {
    const response = await simulator.request('/stripe/v1/accounts', {
      headers: bearer(KEY),
    });

    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({
      message: expect.stringContaining(
        'Unrecognized request URL (GET: /v1/accounts)',
      ),
      type: 'invalid_request_error',
    });
  });
});

describe('stripe-connect', () => {
  const simulator = useSimulator();

  const refresh = (refreshToken: string, clientSecret = KEY) =>
    simulator.request(
      '/stripe-connect/oauth/token',
      formPost({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_secret: clientSecret,
      }),
    );

  it('lists connected accounts and shares the account API', async () => {
    const accounts = await simulator.request(
      '/stripe-connect/v1/accounts?limit=1',
      {
        headers: bearer(KEY),
      },
    );
    expect(await accounts.json()).toEqual({
      object: 'list',
      data: [
        expect.objectContaining({
          id: expect.stringMatching(/^acct_/),
          object: 'account',
        }),
      ],
      has_more: false,
      url: '/v1/accounts',
    });

    const balance = await simulator.request('/stripe-connect/v1/balance', {
      headers: bearer(KEY),
    });
    expect(balance.status).toBe(200);

    const anonymous = await simulator.request('/stripe-connect/v1/accounts');
    expect(anonymous.status).toBe(401);
  });

  it('refreshes an access token', async () => {
    const response = await refresh('rt_HkQ9xT4vB8nR3pL6wY1zC5');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      access_token: expect.stringMatching(/^sk_test_/),
      livemode: false,
      refresh_token: 'rt_HkQ9xT4vB8nR3pL6wY1zC5',
      token_type: 'bearer',
      stripe_publishable_key: expect.stringMatching(/^pk_test_/),
      stripe_user_id: expect.stringMatching(/^acct_/),
      scope: 'read_write',
    });
  });

  it('refuses a revoked refresh token with invalid_grant', async () => {
    simulator.control.revokeRefreshToken('rt_RevokedToken123');

    const response = await refresh('rt_RevokedToken123');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Refresh token rt_*** does not exist',
    });
  });

  it('refuses a client secret that is not a platform secret key', async () => {
    const response = await refresh('rt_HkQ9xT4vB8nR3pL6wY1zC5', 'nope');

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});
