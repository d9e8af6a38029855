import {
  bearer,
  fakeClock,
  formPost,
  jsonPost,
  useSimulator,
} from '../testUtils';

const CLIENT = {
  client_id: '1234-abc.apps.googleusercontent.com',
  client_secret: 'GOCSPX-secret',
};
const REFRESH_TOKEN = '1//0gXq3Zk9mPv2LCgYIARAAGBASNwF-L9IrT4';

describe('google-oauth', () => {
  const clock = fakeClock();
  const simulator = useSimulator({ clock: clock.now });

  const refresh = (fields: Record<string, string> = {}) =>
    simulator.request(
      '/google-oauth/token',
      formPost({
        grant_type: 'refresh_token',
        refresh_token: REFRESH_TOKEN,
        ...CLIENT,
        ...fields,
      }),
    );

  it('refreshes an access token that tokeninfo describes with the scopes set', async () => {
    simulator.control.set('google-oauth', {
      scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
    });

    const response = await refresh();
    const token = await response.json();
    expect(token).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/calendar.readonly',
      token_type: 'Bearer',
    });

    const info = await simulator.request(
      `/google-oauth/tokeninfo?access_token=${token.access_token}`,
    );
    expect(await info.json()).toEqual({
      azp: CLIENT.client_id,
      aud: CLIENT.client_id,
      scope: 'https://www.googleapis.com/auth/calendar.readonly',
      exp: String(clock.now() / 1000 + 3599),
      expires_in: '3599',
      access_type: 'offline',
    });
  });

  it('describes a token it did not issue with the default scopes, also by POST', async () => {
    const info = await simulator.request(
      '/google-oauth/tokeninfo',
      formPost({ access_token: 'ya29.storedDemoToken' }),
    );

    expect((await info.json()).scope).toBe(
      'https://www.googleapis.com/auth/analytics.readonly https://www.googleapis.com/auth/calendar',
    );
  });

  it.each([
    [
      'a revoked refresh token',
      () => simulator.control.revokeRefreshToken(REFRESH_TOKEN),
    ],
    [
      'rejected credentials',
      () => simulator.control.set('google-oauth', { rejectCredentials: true }),
    ],
  ])('refuses %s with invalid_grant', async (_case, arrange) => {
    arrange();

    const response = await refresh();

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
  });

  it('refuses a refresh token of an unknown format with invalid_grant', async () => {
    const response = await refresh({ refresh_token: 'rt_not_google' });

    expect((await response.json()).error).toBe('invalid_grant');
  });

  it('refuses an unknown client with invalid_client', async () => {
    const response = await refresh({ client_id: 'not-a-google-client' });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'The OAuth client was not found.',
    });
  });

  it('refuses tokeninfo for a malformed or expired token', async () => {
    const malformed = await simulator.request(
      '/google-oauth/tokeninfo?access_token=not%20a%20token',
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid Value',
    });

    const { access_token } = await (await refresh()).json();
    clock.advance(3_600_000);
    const expired = await simulator.request(
      `/google-oauth/tokeninfo?access_token=${access_token}`,
    );
    expect(expired.status).toBe(400);
  });
});

describe('google-analytics', () => {
  const clock = fakeClock();
  const simulator = useSimulator({ clock: clock.now });
  const token = bearer('ya29.storedAnalyticsToken');

  it('answers the metadata of a property', async () => {
    const response = await simulator.request(
      '/google-analytics/v1beta/properties/123456789/metadata',
      { headers: token },
    );

    const metadata = await response.json();
    expect(metadata.name).toBe('properties/123456789/metadata');
    expect(metadata.dimensions).toContainEqual({
      apiName: 'date',
      uiName: 'Date',
    });
    expect(metadata.metrics).toContainEqual(
      expect.objectContaining({
        apiName: 'activeUsers',
        uiName: 'Active users',
      }),
    );
  });

  it('runs a report with the requested dimensions and metrics', async () => {
    const response = await simulator.request(
      '/google-analytics/v1beta/properties/123456789:runReport',
      {
        ...jsonPost({
          dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }],
          dimensions: [{ name: 'date' }],
          metrics: [{ name: 'activeUsers' }],
        }),
        headers: { ...token, 'content-type': 'application/json' },
      },
    );

    expect(await response.json()).toEqual({
      dimensionHeaders: [{ name: 'date' }],
      metricHeaders: [{ name: 'activeUsers', type: 'TYPE_INTEGER' }],
      rows: expect.arrayContaining([
        {
          dimensionValues: [{ value: expect.stringMatching(/^\d{8}$/) }],
          metricValues: [{ value: expect.stringMatching(/^\d+$/) }],
        },
      ]),
      rowCount: 3,
      metadata: { currencyCode: 'USD', timeZone: 'UTC' },
      kind: 'analyticsData#runReport',
    });
  });

  it('refuses a missing token as UNAUTHENTICATED', async () => {
    const response = await simulator.request(
      '/google-analytics/v1beta/properties/123456789/metadata',
    );

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: expect.any(String),
        status: 'UNAUTHENTICATED',
      },
    });
  });

  it('refuses an access token from google-oauth once it has expired', async () => {
    const { access_token } = await (
      await simulator.request(
        '/google-oauth/token',
        formPost({
          grant_type: 'refresh_token',
          refresh_token: REFRESH_TOKEN,
          ...CLIENT,
        }),
      )
    ).json();
    const metadata = () =>
      simulator.request('/google-analytics/v1beta/properties/1/metadata', {
        headers: bearer(access_token),
      });

    expect((await metadata()).status).toBe(200);
    clock.advance(3_600_000);
    expect((await metadata()).status).toBe(401);
  });

  it.each([
    [403, 'PERMISSION_DENIED'],
    [429, 'RESOURCE_EXHAUSTED'],
    [503, 'UNAVAILABLE'],
  ])('answers a forced %i as %s', async (status, name) => {
    simulator.control.set('google-analytics', { status });

    const response = await simulator.request(
      '/google-analytics/v1beta/properties/1/metadata',
      { headers: token },
    );

    expect(response.status).toBe(status);
    expect((await response.json()).error).toEqual({
      code: status,
      message: expect.any(String),
      status: name,
    });
  });

  it('answers unknown paths as NOT_FOUND', async () => {
    const response = await simulator.request(
      '/google-analytics/v1beta/nothing',
      {
        headers: token,
      },
    );

    expect(response.status).toBe(404);
    expect((await response.json()).error.status).toBe('NOT_FOUND');
  });
});

describe('google-calendar', () => {
  const simulator = useSimulator();
  const token = bearer('ya29.storedCalendarToken');

  it('lists calendars and events', async () => {
    const list = await simulator.request(
      '/google-calendar/calendar/v3/users/me/calendarList',
      { headers: token },
    );
    expect(await list.json()).toEqual({
      kind: 'calendar#calendarList',
      items: [
        expect.objectContaining({
          id: 'primary',
          summary: expect.any(String),
          accessRole: 'owner',
        }),
      ],
    });

    const events = await simulator.request(
      '/google-calendar/calendar/v3/calendars/primary/events',
      { headers: token },
    );
    expect(await events.json()).toEqual(
      expect.objectContaining({
        kind: 'calendar#events',
        summary: expect.any(String),
        timeZone: 'UTC',
        items: [],
      }),
    );
  });

  it('refuses a missing token as UNAUTHENTICATED', async () => {
    const response = await simulator.request(
      '/google-calendar/calendar/v3/users/me/calendarList',
    );

    expect(response.status).toBe(401);
    expect((await response.json()).error.status).toBe('UNAUTHENTICATED');
  });
});
