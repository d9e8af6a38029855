import { useSimulator } from '../testUtils';

describe('control API', () => {
  const simulator = useSimulator();

  const put = (path: string, body: unknown) =>
    simulator.request(path, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('merges a change into the behaviour and returns it', async () => {
    await put('/_control/github', { latencyMs: 50 });
    const response = await put('/_control/github', { failureRate: 0.5 });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      latencyMs: 50,
      failureRate: 0.5,
      hang: false,
      rejectCredentials: false,
      scopes: ['repo', 'read:org'],
    });
  });

  it('takes JSON without a JSON content type, as curl -d sends it', async () => {
    const response = await simulator.request('/_control/stripe', {
      method: 'PUT',
      body: '{"status":502}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(await response.json()).toMatchObject({ status: 502 });
  });

  it.each([
    [{ latencyMs: -1 }, 'latencyMs: must be between 0 and 600000'],
    [{ latencyMs: 600_001 }, 'latencyMs: must be between 0 and 600000'],
    [{ failureRate: 1.5 }, 'failureRate: must be between 0 and 1'],
    [{ failureRate: 'often' }, 'failureRate: must be a number'],
    [{ status: 99 }, 'status: must be between 200 and 599'],
    [{ status: 503.5 }, 'status: must be a whole number'],
    [{ retryAfterSeconds: -5 }, 'retryAfterSeconds: must be 0 or more'],
    [{ retryAfterSeconds: 1.5 }, 'retryAfterSeconds: must be a whole number'],
    [{ hang: 'yes' }, 'hang: must be true or false'],
    [{ rejectCredentials: 1 }, 'rejectCredentials: must be true or false'],
    [{ scopes: 'repo' }, 'scopes: must be an array of strings'],
    [{ scopes: ['repo', 2] }, 'scopes: must be an array of strings'],
    [{ slow: true }, 'slow: is not a behaviour setting'],
    [[1, 2], 'body: must be a JSON object'],
  ])('refuses %j with 400', async (body, error) => {
    const response = await put('/_control/github', body);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
    expect(simulator.control.get('github').latencyMs).toBe(0);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await simulator.request('/_control/github', {
      method: 'PUT',
      body: '{latencyMs:',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body: is not valid JSON' });
  });

  it('clears optional knobs with null', async () => {
    await put('/_control/github', { status: 503, scopes: ['gist'] });
    const response = await put('/_control/github', {
      status: null,
      scopes: null,
    });

    const behaviour = await response.json();
    expect(behaviour).not.toHaveProperty('status');
    expect(behaviour.scopes).toEqual(['repo', 'read:org']);
  });

  it('answers 404 for an unknown provider', async () => {
    const response = await put('/_control/myspace', { latencyMs: 1 });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'unknown provider' });
  });

  it('lists every provider and resets one or all', async () => {
    await put('/_control/github', { hang: true });
    await put('/_control/brevo', { hang: true });

    const listed = await (await simulator.request('/_control')).json();
    expect(listed.providers.github.hang).toBe(true);
    expect(Object.keys(listed.providers)).toContain('generic-http');

    await simulator.request('/_control/github', { method: 'DELETE' });
    expect(simulator.control.get('github').hang).toBe(false);
    expect(simulator.control.get('brevo').hang).toBe(true);

    await simulator.request('/_control', { method: 'DELETE' });
    expect(simulator.control.get('brevo').hang).toBe(false);
  });

  it('lists recent requests of a provider', async () => {
    await simulator.request('/generic-http/health', {
      headers: { 'x-api-key': 'k' },
    });
    await simulator.request('/generic-http/health?verbose=1');

    const response = await simulator.request('/_control/generic-http/requests');

    expect(await response.json()).toEqual({
      requests: [
        {
          method: 'GET',
          path: '/health',
          at: expect.any(String),
          status: 200,
        },
        {
          method: 'GET',
          path: '/health',
          at: expect.any(String),
          status: 401,
        },
      ],
    });
  });

  it('revokes a refresh token', async () => {
    const revoked = await simulator.request('/_control/oauth/revoke', {
      method: 'POST',
      body: JSON.stringify({ refreshToken: '1//0revokedByControl' }),
    });
    expect(revoked.status).toBe(204);

    const missing = await simulator.request('/_control/oauth/revoke', {
      method: 'POST',
      body: '{}',
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: 'refreshToken: must be a non-empty string',
    });
  });
});
