import { useSimulator } from '../testUtils';

const API_KEY = { 'api-key': 'xkeysib-3f9a1c7e5b2d8f4a-Qx7Lm2Pk9Rt4Vw1Y' };

describe('brevo', () => {
  const simulator = useSimulator();

  it('answers the account with its plan and SMTP relay', async () => {
    const response = await simulator.request('/brevo/v3/account', {
      headers: API_KEY,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: expect.any(String),
      firstName: expect.any(String),
      lastName: expect.any(String),
      companyName: expect.any(String),
      address: expect.any(Object),
      plan: [{ type: 'free', credits: 300, creditsType: 'sendLimit' }],
      relay: {
        enabled: true,
        data: {
          userName: expect.any(String),
          relay: 'smtp-relay.brevo.com',
          port: 587,
        },
      },
    });
  });

  it('lists senders and reports its rate limit', async () => {
    const response = await simulator.request('/brevo/v3/senders', {
      headers: API_KEY,
    });

    expect((await response.json()).senders).toEqual([
      expect.objectContaining({ active: true, email: expect.any(String) }),
    ]);
    expect(response.headers.get('x-sib-ratelimit-limit')).toBe('400');
    expect(
      Number(response.headers.get('x-sib-ratelimit-remaining')),
    ).toBeLessThan(400);
    expect(
      Number(response.headers.get('x-sib-ratelimit-reset')),
    ).toBeGreaterThanOrEqual(0);
  });

  it('refuses a missing or malformed key', async () => {
    const headerSets: Record<string, string>[] = [
      {},
      { 'api-key': 'sk_test_wrongProvider' },
    ];
    for (const headers of headerSets) {
      const response = await simulator.request('/brevo/v3/account', {
        headers,
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: 'unauthorized',
        message: 'Key not found',
      });
    }
  });
});

describe('brevo under a tighter rate limit', () => {
  const simulator = useSimulator();

  it('counts in the window the rateLimit knob sets, in its own headers, and refuses once spent', async () => {
    simulator.control.set('brevo', {
      rateLimit: { limit: 2, windowSeconds: 60 },
    });
    const first = await simulator.request('/brevo/v3/account', {
      headers: API_KEY,
    });
    expect(first.headers.get('x-sib-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-sib-ratelimit-remaining')).toBe('1');
    await simulator.request('/brevo/v3/account', { headers: API_KEY });
    const refused = await simulator.request('/brevo/v3/account', {
      headers: API_KEY,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-sib-ratelimit-remaining')).toBe('0');

    simulator.control.set('brevo', { rateLimit: null });
    const restored = await simulator.request('/brevo/v3/account', {
      headers: API_KEY,
    });
    expect(restored.headers.get('x-sib-ratelimit-limit')).toBe('400');
  });

  it('sends transactional email', async () => {
    const response = await simulator.request('/brevo/v3/smtp/email', {
      method: 'POST',
      headers: { ...API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        sender: { email: 'no-reply@acme-shop.example' },
        to: [{ email: 'jenny.rosen@example.com' }],
        subject: 'Your receipt',
        htmlContent: '<p>Thanks</p>',
      }),
    });
    expect(response.status).toBe(201);
    expect((await response.json()).messageId).toMatch(/^<.+@.+>$/);
  });
});
