import { basicAuth, bearer, formPost, useSimulator } from '../testUtils';

const CLIENT = { authorization: basicAuth('x-client-id', 'x-client-secret') };

describe('twitter', () => {
  const simulator = useSimulator();

  const refresh = (refreshToken: string) =>
    simulator.request(
      '/twitter/2/oauth2/token',
      formPost(
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        CLIENT,
      ),
    );

  it('answers the authenticated user with its rate-limit headers', async () => {
    const first = await simulator.request('/twitter/2/users/me', {
      headers: bearer('stored-x-access-token'),
    });
    const second = await simulator.request('/twitter/2/users/me', {
      headers: bearer('stored-x-access-token'),
    });

    expect(await first.json()).toEqual({
      data: {
        id: expect.any(String),
        name: expect.any(String),
        username: expect.any(String),
      },
    });
    expect(first.headers.get('x-rate-limit-limit')).toBe('900');
    expect(Number(second.headers.get('x-rate-limit-remaining'))).toBe(
      Number(first.headers.get('x-rate-limit-remaining')) - 1,
    );
    expect(Number(first.headers.get('x-rate-limit-reset'))).toBeGreaterThan(
      Date.now() / 1000,
    );
  });

  it('answers the usage of the project', async () => {
    const response = await simulator.request('/twitter/2/usage/tweets', {
      headers: bearer('stored-x-app-token'),
    });

    expect((await response.json()).data).toEqual(
      expect.objectContaining({
        project_usage: expect.any(String),
        project_cap: expect.any(String),
        cap_reset_day: expect.any(Number),
      }),
    );
  });

  it('refuses a missing token as a problem document', async () => {
    const response = await simulator.request('/twitter/2/users/me');

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  it('rotates refresh tokens: the one used is refused afterwards', async () => {
    const first = await refresh('bWRWa3gzdnk3WHRGU1o0bmRRcTJ5');
    const tokens = await first.json();
    expect(tokens).toEqual({
      token_type: 'bearer',
      expires_in: 7200,
      access_token: expect.any(String),
      scope: 'tweet.read tweet.write users.read offline.access',
      refresh_token: expect.any(String),
    });
    expect(tokens.refresh_token).not.toBe('bWRWa3gzdnk3WHRGU1o0bmRRcTJ5');

    const reused = await refresh('bWRWa3gzdnk3WHRGU1o0bmRRcTJ5');
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });

    const rotated = await refresh(tokens.refresh_token);
    expect(rotated.status).toBe(200);
  });

  it('refuses a token request without client authentication', async () => {
    const response = await simulator.request(
      '/twitter/2/oauth2/token',
      formPost({
        grant_type: 'refresh_token',
        refresh_token: 'whatever-token',
      }),
    );

    expect(response.status).toBe(401);
  });
});
