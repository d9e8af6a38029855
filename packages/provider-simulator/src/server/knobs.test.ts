import { bearer, useSimulator } from '../testUtils';

const GITHUB_TOKEN = bearer('ghp_knobsTestToken0123456789');
const STRIPE_KEY = bearer('sk_test_knobsTestKey0123456789');

describe('behaviour knobs', () => {
  const simulator = useSimulator();

  it('delays answers by latencyMs', async () => {
    simulator.control.set('stripe', { latencyMs: 300 });

    const started = Date.now();
    const response = await simulator.request('/stripe/v1/balance', {
      headers: STRIPE_KEY,
    });

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('never answers while hanging, and logs the request as unanswered', async () => {
    simulator.control.set('github', { hang: true });

    await expect(
      simulator.request('/github/user', {
        headers: GITHUB_TOKEN,
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();

    expect(simulator.control.requests('github')).toEqual([
      expect.objectContaining({ method: 'GET', path: '/user', status: null }),
    ]);
  });

  it('answers a forced status in the provider shape', async () => {
    simulator.control.set('stripe', { status: 503 });

    const response = await simulator.request('/stripe/v1/balance', {
      headers: STRIPE_KEY,
    });

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'api_error' },
    });
  });

  it('answers a forced 429 with Retry-After and an empty rate limit', async () => {
    simulator.control.set('twitter', { status: 429, retryAfterSeconds: 42 });

    const response = await simulator.request('/twitter/2/users/me', {
      headers: bearer('twitter-access-token-1234'),
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(await response.json()).toEqual({
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    });
  });

  it('rate limits when only retryAfterSeconds is set, defaulting Retry-After to 1 for a bare 429', async () => {
    simulator.control.set('brevo', { retryAfterSeconds: 7 });
    const withDelay = await simulator.request('/brevo/v3/account');
    expect(withDelay.status).toBe(429);
    expect(withDelay.headers.get('retry-after')).toBe('7');
    expect(withDelay.headers.get('x-sib-ratelimit-remaining')).toBe('0');
    expect(await withDelay.json()).toMatchObject({ code: 'too_many_requests' });

    simulator.control.set('brevo', { retryAfterSeconds: null, status: 429 });
    const bare = await simulator.request('/brevo/v3/account');
    expect(bare.headers.get('retry-after')).toBe('1');
  });

  it('fails every request at failureRate 1 and none at 0', async () => {
    const statuses = async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          simulator.request('/stripe/v1/balance', { headers: STRIPE_KEY }),
        ),
      );
      return responses.map(response => response.status);
    };

    simulator.control.set('stripe', { failureRate: 1 });
    expect(new Set(await statuses())).toEqual(new Set([503]));

    simulator.control.set('stripe', { failureRate: 0 });
    expect(new Set(await statuses())).toEqual(new Set([200]));
  });

  it('refuses valid credentials with rejectCredentials', async () => {
    simulator.control.set('github', { rejectCredentials: true });

    const response = await simulator.request('/github/user', {
      headers: GITHUB_TOKEN,
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  });

  it('leaves other providers alone', async () => {
    simulator.control.set('github', { status: 500 });

    const response = await simulator.request('/stripe/v1/balance', {
      headers: STRIPE_KEY,
    });

    expect(response.status).toBe(200);
  });
});
