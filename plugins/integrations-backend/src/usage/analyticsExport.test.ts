import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import { integrationsTestConfig } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const config = integrationsTestConfig({
  usage: {
    currency: 'USD',
    pricing: [
      { provider: 'stripe', operations: [{ endpoint: '*', perCall: 0.25 }] },
    ],
  },
});

const asService = mockCredentials.service.header();
const asUser = mockCredentials.user.header('user:default/ada.admin');

const HOUR = 3_600_000;
/** The period every export here asks for: the last three whole hours and this one. */
const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
const from = new Date(to.getTime() - 4 * HOUR);
const period = `from=${from.toISOString()}&to=${to.toISOString()}`;
const day = (at: Date) => at.toISOString().slice(0, 10);

function call(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 200,
    durationMs: 100,
    requestBytes: 200,
    responseBytes: 800,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

describe('GET /analytics/usage/export', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(): any;
    triggerTask(id: string): Promise<void>;
  };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [integrationsPlugin, config, scheduler.factory()],
    }));
    const posted = await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', asService)
      .send({
        events: [
          ...Array.from({ length: 8 }, (_, i) => call(`ok-${i}`)),
          call('fail-1', { status: 503, durationMs: 900 }),
          call('fail-2', { status: 429, durationMs: 100 }),
          call('gh-1', {
            integration: 'github',
            endpoint: '/repos/{owner}/{repo}',
            method: 'GET',
          }),
        ],
      });
    if (posted.body.accepted !== 11) {
      throw new Error(`Usage not taken: ${JSON.stringify(posted.body)}`);
    }
    await scheduler.triggerTask('integrations-usage-rollup');
  });

  const exportUsage = (query: string, authorization = asUser) =>
    request(server)
      .get(`/api/integrations/analytics/usage/export?${query}`)
      .set('Authorization', authorization);

  it('downloads one CSV row per integration with the figures finance and operations read', async () => {
    const response = await exportUsage(
      `format=csv&environment=production&${period}`,
    );

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="integration-usage-production-${day(from)}--${day(
        to,
      )}.csv"`,
    );
    const [header, ...rows] = response.text.trim().split('\n');
    expect(header).toBe(
      'integration,displayName,owner,environment,periodStart,periodEnd,' +
        'totalCalls,successfulCalls,failedCalls,errorRatePercent,' +
        'p50Ms,p95Ms,p99Ms,averageMs,totalBytes,averageRequestBytes,' +
        'averageResponseBytes,cost,currency,priced,previousPeriodCalls,' +
        'previousPeriodCost',
    );
    const stripe = rows.find(row => row.startsWith('stripe,'))!.split(',');
    // 10 calls at 0.25 USD each; 2 failed; 10 × 1,000 bytes.
    expect(stripe).toEqual([
      'stripe',
      'Stripe',
      'group:default/payments-team',
      'production',
      from.toISOString(),
      to.toISOString(),
      '10',
      '8',
      '2',
      '20',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      '180',
      '10000',
      '200',
      '800',
      '2.5',
      'USD',
      'true',
      '0',
      '0',
    ]);
    // Percentiles come from latency sketches, within 2 % of the true value.
    const [p50, p95, p99] = stripe.slice(10, 13).map(Number);
    expect(Math.abs(p50 - 100)).toBeLessThanOrEqual(2);
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
    // Every readable production integration has its row, in name order.
    const names = rows.map(row => row.split(',')[0]);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['github', 'stripe']));
    expect(rows.find(row => row.startsWith('github,'))).toContain(',1,1,0,0,');
  });

  it('keeps what people typed as text: quoted, and never a formula', async () => {
    const [github] = (
      await request(server)
        .get('/api/integrations/configs/github?environment=production')
        .set('Authorization', asUser)
    ).body;
    const renamed = await request(server)
      .put('/api/integrations/configs/github?environment=production')
      .set('Authorization', asUser)
      .send({
        version: github.metadata.version,
        displayName: '=HYPERLINK("https://evil.example","Open, now")',
      });
    expect(renamed.status).toBe(200);

    const response = await exportUsage(
      `format=csv&integration=github&environment=production&${period}`,
    );

    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="integration-usage-production-github-${day(
        from,
      )}--${day(to)}.csv"`,
    );
    const rows = response.text.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(
      /^github,"'=HYPERLINK\(""https:\/\/evil\.example"",""Open, now""\)",group:default\/platform-team,production,/,
    );
  });

  it('downloads the analytics answer itself as JSON', async () => {
    const query = `environment=production&integration=stripe&${period}`;
    const [file, page] = await Promise.all([
      exportUsage(`format=json&${query}`),
      request(server)
        .get(`/api/integrations/analytics/usage?${query}`)
        .set('Authorization', asUser),
    ]);

    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="integration-usage-production-stripe-${day(
        from,
      )}--${day(to)}.json"`,
    );
    // Rate-limit forecasts run from the moment of each request.
    expect(file.body).toEqual({
      ...page.body,
      rateLimitingStatus: expect.any(Object),
    });
    expect(file.body.usageMetrics.stripe.apiCallMetrics.totalCalls).toBe(10);
  });

  it('records each export in the audit log: who, which format, period and integrations', async () => {
    await exportUsage(`format=json&environment=staging&${period}`);

    const audit = await request(server)
      .get('/api/integrations/audit?action=usage_export&limit=1')
      .set('Authorization', asUser);

    expect(audit.body.items[0]).toMatchObject({
      userId: 'user:default/ada.admin',
      integration: '*',
      environment: 'staging',
      action: 'usage_export',
      category: 'access',
      outcome: 'success',
      details: {
        format: 'json',
        period: { start: from.toISOString(), end: to.toISOString() },
        integrations: expect.arrayContaining(['stripe', 'github']),
      },
    });
  });

  it('answers 400 naming a missing or unknown format', async () => {
    const missing = await exportUsage('environment=production');
    const unknown = await exportUsage('format=xlsx');

    expect([missing.status, unknown.status]).toEqual([400, 400]);
    expect(missing.body.error.fields).toEqual([
      { path: 'query.format', message: 'csv or json' },
    ]);
    expect(unknown.body.error.fields).toEqual([
      { path: 'query.format', message: 'csv or json' },
    ]);
  });
});

describe('GET /analytics/usage/export without the export permission', () => {
  it('answers 403 and records the refusal, while the page still reads usage', async () => {
    const readOnly = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name === 'integrations.analytics.export'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    });
    const { server } = await startTestBackend({
      features: [integrationsPlugin, config, readOnly.factory],
    });

    const refused = await request(server)
      .get('/api/integrations/analytics/usage/export?format=csv')
      .set('Authorization', asUser);
    const page = await request(server)
      .get('/api/integrations/analytics/usage')
      .set('Authorization', asUser);
    const audit = await request(server)
      .get('/api/integrations/audit?action=usage_export')
      .set('Authorization', asUser);

    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'integrations.analytics.export',
    );
    expect(refused.text).not.toContain('stripe');
    expect(page.status).toBe(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        userId: 'user:default/ada.admin',
        action: 'usage_export',
        category: 'access',
        outcome: 'failure',
      }),
    ]);
  });
});
