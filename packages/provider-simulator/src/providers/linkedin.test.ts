import { bearer, formPost, useSimulator } from '../testUtils';

const ACCESS_TOKEN = bearer('AQVstoredLinkedInAccessToken');

describe('linkedin', () => {
  const simulator = useSimulator();

  const refresh = (refreshToken: string) =>
    simulator.request(
      '/linkedin/oauth/v2/accessToken',
      formPost({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: '86abcdefghijkl',
        client_secret: 'linkedin-client-secret',
      }),
    );

  it('answers OpenID userinfo and the legacy profile', async () => {
    const userinfo = await simulator.request('/linkedin/v2/userinfo', {
      headers: ACCESS_TOKEN,
    });
    expect(await userinfo.json()).toEqual({
      sub: expect.any(String),
      name: expect.any(String),
      given_name: expect.any(String),
      family_name: expect.any(String),
      email: expect.any(String),
      email_verified: true,
      locale: expect.anything(),
    });

    const me = await simulator.request('/linkedin/v2/me', {
      headers: ACCESS_TOKEN,
    });
    expect(await me.json()).toEqual({
      id: expect.any(String),
      localizedFirstName: expect.any(String),
      localizedLastName: expect.any(String),
    });
  });

  it('refuses a missing token in its error shape', async () => {
    const response = await simulator.request('/linkedin/v2/userinfo');

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      serviceErrorCode: 65600,
      message: 'Invalid access token',
      status: 401,
    });
  });

  it('refreshes with the scopes joined by commas', async () => {
    simulator.control.set('linkedin', {
      scopes: ['openid', 'w_member_social'],
    });

    const response = await refresh('AQXlinkedInRefreshToken');

    expect(await response.json()).toEqual({
      access_token: expect.any(String),
      expires_in: 5184000,
      refresh_token: 'AQXlinkedInRefreshToken',
      refresh_token_expires_in: 31536000,
      scope: 'openid,w_member_social',
    });
  });

  it('refuses a revoked refresh token', async () => {
    simulator.control.revokeRefreshToken('AQXrevokedRefreshToken');

    const response = await refresh('AQXrevokedRefreshToken');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description:
        'The provided authorization grant or refresh token is invalid, expired or revoked',
    });
  });
});
