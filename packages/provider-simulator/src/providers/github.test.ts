import { fakeClock, useSimulator } from '../testUtils';

const TOKEN = {
  authorization: 'Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a',
};

describe('github', () => {
  const clock = fakeClock();
  const simulator = useSimulator({ clock: clock.now });

  it('answers the user with the token scopes and rate limit', async () => {
    const response = await simulator.request('/github/user', {
      headers: TOKEN,
    });

    expect(await response.json()).toEqual(
      expect.objectContaining({
        login: expect.any(String),
        id: 1,
        type: 'User',
        name: expect.any(String),
      }),
    );
    expect(Object.fromEntries(response.headers)).toEqual(
      expect.objectContaining({
        'x-oauth-scopes': 'repo, read:org',
        'x-accepted-oauth-scopes': '',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-used': '1',
        'x-ratelimit-reset': String((clock.now() + 3_600_000) / 1000),
        'x-ratelimit-resource': 'core',
      }),
    );
  });

  it('reports the scopes the control API gives the token, and takes the token scheme', async () => {
    simulator.control.set('github', { scopes: ['read:user', 'gist'] });

    const response = await simulator.request('/github/user', {
      headers: { authorization: 'token github_pat_11ABCDEFG_xyz' },
    });

    expect(response.headers.get('x-oauth-scopes')).toBe('read:user, gist');
  });

  it('spends the rate limit with every request but /rate_limit', async () => {
    const remaining = async (path: string) =>
      Number(
        (await simulator.request(path, { headers: TOKEN })).headers.get(
          'x-ratelimit-remaining',
        ),
      );

    expect(await remaining('/github/user')).toBe(4999);
    expect(await remaining('/github/user')).toBe(4998);
    expect(await remaining('/github/rate_limit')).toBe(4998);

    const limits = await (
      await simulator.request('/github/rate_limit', { headers: TOKEN })
    ).json();
    expect(limits.resources.core).toEqual({
      limit: 5000,
      remaining: 4998,
      reset: expect.any(Number),
      used: 2,
      resource: 'core',
    });
    expect(limits.resources.search).toEqual(
      expect.objectContaining({ limit: 30 }),
    );
    expect(limits.rate).toEqual(limits.resources.core);

    clock.advance(3_600_000);
    expect(await remaining('/github/user')).toBe(4999);
  });

  it('refuses a rate-limited request with 403 and no remaining requests', async () => {
    simulator.control.set('github', { status: 429 });

    const response = await simulator.request('/github/user', {
      headers: TOKEN,
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toEqual({
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: expect.stringMatching(
        /^https:\/\/docs\.github\.com\//,
      ),
    });

    simulator.control.set('github', { retryAfterSeconds: 60 });
    const withDelay = await simulator.request('/github/user', {
      headers: TOKEN,
    });
    expect(withDelay.headers.get('retry-after')).toBe('60');
  });

  it('refuses a malformed token', async () => {
    const response = await simulator.request('/github/user', {
      headers: { authorization: 'Bearer sk_test_notGithub' },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  });

  it('answers server errors in its shape', async () => {
    simulator.control.set('github', { status: 502 });

    const response = await simulator.request('/github/user', {
      headers: TOKEN,
    });

    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'Server Error' });
  });
});
