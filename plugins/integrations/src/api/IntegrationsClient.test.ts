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

describe('IntegrationsClient usage export', () => {
  function clientSending(headers: Record<string, string>) {
    const fetch = jest.fn(
      async (_url: string) =>
        new Response('integration,totalCalls\nstripe,10\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', ...headers },
        }),
    );
    const client = new IntegrationsClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backend/api/integrations',
      },
      fetchApi: { fetch } as any,
    });
    return { client, fetch };
  }
  const query = {
    format: 'csv' as const,
    environment: 'staging' as const,
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-08T06:30:00Z',
  };

  it('asks for the file through the fetch API (the user token) and keeps the name the backend gives', async () => {
    const { client, fetch } = clientSending({
      'Content-Disposition':
        'attachment; filename="integration-usage-staging-2026-11-01--2026-11-08.csv"',
    });

    const file = await client.exportUsageAnalytics(query);

    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/integrations/analytics/usage/export?format=csv&environment=staging&from=2026-11-01T00%3A00%3A00Z&to=2026-11-08T06%3A30%3A00Z',
    );
    expect(file.fileName).toBe(
      'integration-usage-staging-2026-11-01--2026-11-08.csv',
    );
    expect(await file.content.text()).toBe(
      'integration,totalCalls\nstripe,10\n',
    );
  });

  it('makes the same name itself when the browser hides the header from another origin', async () => {
    const { client } = clientSending({});

    const file = await client.exportUsageAnalytics({
      ...query,
      integration: 'stripe',
    });

    expect(file.fileName).toBe(
      'integration-usage-staging-stripe-2026-11-01--2026-11-08.csv',
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

describe('IntegrationsClient error tracking', () => {
  it('reads the summary, groups and events with their filters', async () => {
    const { client, call } = clientAnswering({ items: [], totalCount: 0 });

    await client.getErrorSummary({
      environment: 'staging',
      integration: 'stripe',
      from: '2027-01-01T00:00:00Z',
      to: '2027-01-02T00:00:00Z',
    });
    await client.listErrorPatterns({
      integration: 'stripe',
      environment: 'production',
      status: 'open',
      severity: 'critical',
      type: 'rate_limited',
      includeSnoozed: 'true',
      limit: 25,
      offset: 50,
    });
    await client.listErrorPatterns();
    await client.getErrorPattern('p-1');
    await client.listErrors({ pattern: 'p-1', limit: 10 });
    await client.getError('e 1');

    expect(call(0)).toEqual({
      url: '/errors/summary?environment=staging&integration=stripe&from=2027-01-01T00%3A00%3A00Z&to=2027-01-02T00%3A00%3A00Z',
      method: 'GET',
      body: undefined,
    });
    expect(call(1).url).toBe(
      '/error-patterns?integration=stripe&environment=production&status=open&severity=critical&type=rate_limited&includeSnoozed=true&limit=25&offset=50',
    );
    expect(call(2).url).toBe('/error-patterns');
    expect(call(3).url).toBe('/error-patterns/p-1');
    expect(call(4).url).toBe('/errors?pattern=p-1&limit=10');
    expect(call(5).url).toBe('/errors/e%201');
  });

  it('sends each triage action to its route with its body', async () => {
    const { client, call } = clientAnswering();

    await client.resolveError('e-1', {
      resolution: 'workaround_applied',
      text: 'Rolled the key',
      preventionMeasures: ['Expiry reminder'],
    });
    await client.setErrorPatternStatus('p-1', 'false_positive');
    await client.snoozeErrorPattern('p-1', { untilRatePerHour: 50 });
    await client.wakeErrorPattern('p-1');
    await client.setErrorPatternSeverity('p-1', null);
    await client.mergeErrorPatterns('p-1', ['p-2', 'p-3']);
    await client.unmergeErrorPattern('p-1', 'p-2');

    expect(call(0)).toEqual({
      url: '/errors/e-1/resolve',
      method: 'POST',
      body: {
        resolution: 'workaround_applied',
        text: 'Rolled the key',
        preventionMeasures: ['Expiry reminder'],
      },
    });
    expect(call(1)).toEqual({
      url: '/error-patterns/p-1/status',
      method: 'POST',
      body: { status: 'false_positive' },
    });
    expect(call(2)).toEqual({
      url: '/error-patterns/p-1/snooze',
      method: 'POST',
      body: { untilRatePerHour: 50 },
    });
    expect(call(3)).toEqual({
      url: '/error-patterns/p-1/snooze',
      method: 'DELETE',
      body: undefined,
    });
    expect(call(4)).toEqual({
      url: '/error-patterns/p-1/severity',
      method: 'POST',
      body: { severity: null },
    });
    expect(call(5)).toEqual({
      url: '/error-patterns/p-1/merge',
      method: 'POST',
      body: { patternIds: ['p-2', 'p-3'] },
    });
    expect(call(6)).toEqual({
      url: '/error-patterns/p-1/unmerge',
      method: 'POST',
      body: { patternId: 'p-2' },
    });
  });
});

describe('IntegrationsClient alerts', () => {
  it('lists the active alerts of an environment and acknowledges one', async () => {
    const { client, call } = clientAnswering({ items: [], totalCount: 0 });

    await client.listAlerts({
      environment: 'staging',
      status: 'active',
      limit: 50,
    });
    await client.acknowledgeAlert('6f1f4a8e-3c2b-4d7e-9a10-0b1c2d3e4f50');

    expect(call(0)).toEqual({
      url: '/alerts?environment=staging&status=active&limit=50',
      method: 'GET',
      body: undefined,
    });
    expect(call(1)).toEqual({
      url: '/alerts/6f1f4a8e-3c2b-4d7e-9a10-0b1c2d3e4f50/acknowledge',
      method: 'POST',
      body: undefined,
    });
  });
});

describe('IntegrationsClient incidents', () => {
  it('lists, reads and resolves incidents on their routes', async () => {
    const { client, call } = clientAnswering({ items: [], totalCount: 0 });
    const id = '0c9d4a1e-2b3f-4c5d-8e6f-7a8b9c0d1e2f';

    await client.listIncidents({ environment: 'staging', status: 'open' });
    await client.getIncident(id);
    await client.resolveIncident(id, { note: 'Provider recovered' });

    expect(call(0)).toEqual({
      url: '/incidents?environment=staging&status=open',
      method: 'GET',
      body: undefined,
    });
    expect(call(1).url).toBe(`/incidents/${id}`);
    expect(call(2)).toEqual({
      url: `/incidents/${id}/resolve`,
      method: 'POST',
      body: { note: 'Provider recovered' },
    });
  });
});

describe('IntegrationsClient impact', () => {
  it('asks what depends on an integration, in the environment named', async () => {
    const { client, call } = clientAnswering({ summary: '' });

    await client.getImpact('stripe');
    await client.getImpact('stripe-eu', 'staging');

    expect(call(0)).toEqual({
      url: '/stripe/impact',
      method: 'GET',
      body: undefined,
    });
    expect(call(1).url).toBe('/stripe-eu/impact?environment=staging');
  });
});
