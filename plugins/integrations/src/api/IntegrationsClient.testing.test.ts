import { IntegrationsClient } from './IntegrationsClient';

function clientAnswering(body: unknown = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new IntegrationsClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/integrations',
    },
    fetchApi: { fetch } as any,
  });
  const call = (index = 0) => {
    const [url, init] = fetch.mock.calls[index];
    return {
      url: url.replace('http://backend/api/integrations', ''),
      method: init?.method,
    };
  };
  return { client, call };
}

describe('IntegrationsClient test history and health-check schedule', () => {
  it('reads the test history with its filters and page', async () => {
    const { client, call } = clientAnswering({ items: [], totalCount: 0 });

    await client.listTestHistory();
    await client.listTestHistory({
      environment: 'staging',
      integration: 'stripe',
      suite: 'full',
      status: 'failed',
      trigger: 'manual',
      offset: 20,
      limit: 10,
    });

    expect(call(0)).toEqual({ url: '/tests', method: 'GET' });
    expect(call(1).url).toBe(
      '/tests?environment=staging&integration=stripe&suite=full&status=failed&trigger=manual&offset=20&limit=10',
    );
  });

  it('reads the schedule and pauses and resumes checks', async () => {
    const { client, call } = clientAnswering({ items: [] });

    await client.getHealthSchedule();
    await client.getHealthSchedule('production');
    await client.pauseHealthChecks('stripe-eu', 'production');
    await client.resumeHealthChecks('stripe-eu', 'staging');

    expect(call(0)).toEqual({ url: '/health/schedule', method: 'GET' });
    expect(call(1).url).toBe('/health/schedule?environment=production');
    expect(call(2)).toEqual({
      url: '/health/schedule/stripe-eu/pause?environment=production',
      method: 'POST',
    });
    expect(call(3)).toEqual({
      url: '/health/schedule/stripe-eu/resume?environment=staging',
      method: 'POST',
    });
  });
});
