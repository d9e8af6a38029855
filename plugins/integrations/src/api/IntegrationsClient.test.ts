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
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
  };
  return { client, call };
}

describe('IntegrationsClient usage analytics', () => {
  it('asks for one environment, integration and period, or the defaults', async () => {
    const { client, call } = clientAnswering();

    await client.getUsageAnalytics();
    await client.getUsageAnalytics({
      environment: 'staging',
      integration: 'stripe',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-08T00:00:00.000Z',
    });

    expect(call(0).url).toBe('/analytics/usage');
    expect(call(1).url).toBe(
      '/analytics/usage?environment=staging&integration=stripe&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-08T00%3A00%3A00.000Z',
    );
  });
});

describe('IntegrationsClient health and tests', () => {
  it('reads the dashboard, health and history of an environment', async () => {
    const { client, call } = clientAnswering();

    await client.getDashboard('staging');
    await client.getHealth({
      environment: 'production',
      integration: 'stripe',
    });
    await client.getHealthHistory({
      environment: 'production',
      range: '7d',
      integrations: ['stripe', 'paypal'],
    });

    expect(call(0)).toEqual({
      url: '/status?environment=staging',
      method: 'GET',
      body: undefined,
    });
    expect(call(1).url).toBe(
      '/health?environment=production&integration=stripe',
    );
    expect(call(2).url).toBe(
      '/health/history?environment=production&range=7d&integrations=stripe%2Cpaypal',
    );
  });

  it('runs tests, diagnostics and bulk tests', async () => {
    const { client, call } = clientAnswering();

    await client.testIntegration('stripe-eu', 'production');
    await client.runDiagnostics('stripe', 'development', 'full');
    await client.bulkTest({
      integrations: ['stripe', 'paypal'],
      environment: 'staging',
      testSuite: 'quick',
    });

    expect(call(0)).toEqual({
      url: '/stripe-eu/test?environment=production',
      method: 'POST',
      body: undefined,
    });
    expect(call(1)).toEqual({
      url: '/stripe/diagnostics?environment=development',
      method: 'POST',
      body: { testSuite: 'full' },
    });
    expect(call(2)).toEqual({
      url: '/bulk-test',
      method: 'POST',
      body: {
        integrations: ['stripe', 'paypal'],
        environment: 'staging',
        testSuite: 'quick',
      },
    });
  });

  it('pages through test runs', async () => {
    const { client, call } = clientAnswering({ items: [], totalCount: 0 });

    await client.listTestRuns('stripe', 'production', {
      offset: 20,
      limit: 10,
    });

    expect(call().url).toBe(
      '/stripe/tests?environment=production&offset=20&limit=10',
    );
  });
});
