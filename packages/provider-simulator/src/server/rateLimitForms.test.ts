import { bearer, jsonPost, useSimulator } from '../testUtils';

const STRIPE_KEY = 'sk_test_51HqLyjWDarjtT1zdp7dc4eC3';

/** Each provider reports its rate limit in its own wire format. */
describe('rate-limit wire formats', () => {
  const simulator = useSimulator();

  it("sends X's 24-hour app cap beside the 15-minute endpoint window", async () => {
    const response = await simulator.request('/twitter/2/users/me', {
      headers: bearer('stored-x-access-token'),
    });

    expect(response.headers.get('x-rate-limit-limit')).toBe('900');
    expect(response.headers.get('x-app-limit-24hour-limit')).toBe('10000');
    expect(response.headers.get('x-app-limit-24hour-remaining')).toBe('9999');
    expect(
      Number(response.headers.get('x-app-limit-24hour-reset')),
    ).toBeGreaterThan(Number(response.headers.get('x-rate-limit-reset')) - 1);
  });

  it('sends the IETF structured fields and the older triple from scoopp', async () => {
    const response = await simulator.request('/scoopp/v1/me');

    expect(response.headers.get('ratelimit-policy')).toBe(
      '"default";q=1000;w=60',
    );
    expect(response.headers.get('ratelimit')).toMatch(
      /^"default";r=\d+;t=\d+$/,
    );
  });

  it('puts an integration under pressure through the control API', async () => {
    await fetch(`${simulator.url}/_control/stripe`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitRemaining: 1 }),
    });

    const last = await simulator.request('/stripe/v1/balance', {
      headers: bearer(STRIPE_KEY),
    });
    const refused = await simulator.request('/stripe/v1/balance', {
      headers: bearer(STRIPE_KEY),
    });

    expect(last.status).toBe(200);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('stripe-rate-limited-reason')).toBe(
      'global-rate',
    );
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sends Retry-After as an HTTP date when told to', async () => {
    simulator.control.set('telegram', {
      retryAfterSeconds: 30,
      retryAfterFormat: 'http-date',
    });

    const response = await simulator.request('/telegram/botX/getMe');
    const retryAfter = response.headers.get('retry-after')!;

    expect(response.status).toBe(429);
    expect(retryAfter).toMatch(/GMT$/);
    expect(Date.parse(retryAfter) - Date.now()).toBeGreaterThan(25_000);
    expect(await response.json()).toMatchObject({
      error_code: 429,
      parameters: { retry_after: 30 },
    });
  });

  it("reports GA4's propertyQuota when the report asks for it", async () => {
    const report = (returnPropertyQuota: boolean) =>
      simulator.request(
        '/google-analytics/v1beta/properties/123456789:runReport',
        {
          ...jsonPost({
            metrics: [{ name: 'activeUsers' }],
            returnPropertyQuota,
          }),
          headers: {
            ...bearer('ya29.storedAnalyticsToken'),
            'content-type': 'application/json',
          },
        },
      );

    expect(await (await report(false)).json()).not.toHaveProperty(
      'propertyQuota',
    );
    const { propertyQuota } = await (await report(true)).json();
    expect(propertyQuota).toMatchObject({
      tokensPerDay: { consumed: 20, remaining: 199_980 },
      tokensPerHour: { consumed: 20, remaining: 39_980 },
      concurrentRequests: { consumed: 0, remaining: 10 },
    });
  });
});
