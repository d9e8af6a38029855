import { useSimulator } from '../testUtils';

const TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('telegram', () => {
  const simulator = useSimulator();

  it('answers getMe with the bot of the token', async () => {
    const response = await simulator.request(`/telegram/bot${TOKEN}/getMe`);

    expect(await response.json()).toEqual({
      ok: true,
      result: {
        id: 7012345678,
        is_bot: true,
        first_name: expect.any(String),
        username: expect.any(String),
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      },
    });
  });

  it('answers getWebhookInfo, by POST too', async () => {
    const response = await simulator.request(
      `/telegram/bot${TOKEN}/getWebhookInfo`,
      { method: 'POST' },
    );

    expect(await response.json()).toEqual({
      ok: true,
      result: {
        url: '',
        has_custom_certificate: false,
        pending_update_count: 0,
      },
    });
  });

  it('refuses a malformed token, and keeps tokens out of the request log', async () => {
    const response = await simulator.request('/telegram/bot12345:short/getMe');

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
    expect(simulator.control.requests('telegram')).toEqual([
      expect.objectContaining({ path: '/bot***/getMe', status: 401 }),
    ]);
  });

  it('tells when to retry when rate limited', async () => {
    simulator.control.set('telegram', { retryAfterSeconds: 15 });

    const response = await simulator.request(`/telegram/bot${TOKEN}/getMe`);

    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 15',
      parameters: { retry_after: 15 },
    });
  });

  it('answers 404 for a method it does not know', async () => {
    const response = await simulator.request(
      `/telegram/bot${TOKEN}/sendRocket`,
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 404,
      description: 'Not Found',
    });
  });
});
