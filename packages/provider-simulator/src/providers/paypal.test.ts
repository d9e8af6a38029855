import {
  basicAuth,
  bearer,
  fakeClock,
  formPost,
  useSimulator,
} from '../testUtils';

describe('paypal', () => {
  const clock = fakeClock();
  const simulator = useSimulator({ clock: clock.now });

  const getToken = (authorization = basicAuth('AcmeClientId', 'AcmeSecret')) =>
    simulator.request(
      '/paypal/v1/oauth2/token',
      formPost({ grant_type: 'client_credentials' }, { authorization }),
    );

  it('issues an access token for client credentials and accepts it', async () => {
    const response = await getToken();

    expect(response.status).toBe(200);
    const token = await response.json();
    expect(token).toEqual({
      scope:
        'https://uri.paypal.com/services/invoicing https://uri.paypal.com/services/payments/payment/authcapture https://uri.paypal.com/services/payments/refund',
      access_token: expect.stringMatching(/^A21AA/),
      token_type: 'Bearer',
      app_id: expect.stringMatching(/^APP-/),
      expires_in: 32400,
      nonce: expect.any(String),
    });

    const webhooks = await simulator.request(
      '/paypal/v1/notifications/webhooks',
      {
        headers: bearer(token.access_token),
      },
    );
    expect(webhooks.status).toBe(200);
    expect(await webhooks.json()).toEqual({
      webhooks: [expect.objectContaining({ id: expect.any(String) })],
    });
  });

  it('refuses bad client credentials', async () => {
    simulator.control.set('paypal', { rejectCredentials: true });

    const response = await getToken();

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Client Authentication failed',
    });
  });

  it('lists event types and refuses requests without a token', async () => {
    const eventTypes = await simulator.request(
      '/paypal/v1/notifications/webhooks-event-types',
      { headers: bearer('A21AAsomeStoredAccessToken') },
    );
    expect((await eventTypes.json()).event_types).toContainEqual({
      name: 'PAYMENT.CAPTURE.COMPLETED',
      description: expect.any(String),
      status: 'ENABLED',
    });

    const anonymous = await simulator.request(
      '/paypal/v1/notifications/webhooks',
    );
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Token signature verification failed',
    });
  });

  it('refuses an issued token once it has expired', async () => {
    const { access_token } = await (await getToken()).json();

    clock.advance(32_400_000);
    const response = await simulator.request(
      '/paypal/v1/notifications/webhooks',
      {
        headers: bearer(access_token),
      },
    );

    expect(response.status).toBe(401);
  });

  it('answers failures in its error shape', async () => {
    simulator.control.set('paypal', { status: 500 });

    const response = await simulator.request(
      '/paypal/v1/notifications/webhooks',
    );

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      name: 'INTERNAL_SERVICE_ERROR',
      message: expect.any(String),
      debug_id: expect.any(String),
    });
  });
});
