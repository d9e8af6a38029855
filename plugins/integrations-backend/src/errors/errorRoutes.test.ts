import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import {
  allowingAllBut,
  integrationsTestConfig,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const config = integrationsTestConfig();

const asService = mockCredentials.service.header();
const asUser = mockCredentials.user.header('user:default/ada.admin');

function failedCall(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 402,
    durationMs: 100,
    errorType: 'bad_response',
    errorCode: 'card_declined',
    errorMessage: 'Your card was declined.',
    component: 'component:default/checkout',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

async function startWithErrors(features: any[] = []) {
  const { server } = await startTestBackend({
    features: [integrationsPlugin, config, ...features],
  });
  const posted = await request(server)
    .post('/api/integrations/usage/events')
    .set('Authorization', asService)
    .send({
      events: [
        failedCall('d-1'),
        failedCall('d-2'),
        failedCall('g-1', {
          integration: 'github',
          endpoint: '/repos/{owner}/{repo}',
          method: 'GET',
          status: 404,
          errorType: 'bad_response',
          errorCode: 'Not Found',
          errorMessage: 'Not Found',
          component: undefined,
        }),
      ],
    });
  expect(posted.status).toBe(202);
  return server;
}

describe('the errors API', () => {
  it('lists groups with their fix, their events and a summary', async () => {
    const server = await startWithErrors();

    const patterns = await request(server)
      .get('/api/integrations/error-patterns?integration=stripe')
      .set('Authorization', asUser);
    expect(patterns.status).toBe(200);
    expect(patterns.body.totalCount).toBe(1);
    const [pattern] = patterns.body.items;
    expect(pattern).toMatchObject({
      integration: 'stripe',
      environment: 'production',
      occurrences: 2,
      status: 'open',
      affectedComponents: ['component:default/checkout'],
      documentationUrl: 'https://docs.stripe.com/declines',
    });

    const detail = await request(server)
      .get(`/api/integrations/error-patterns/${pattern.patternId}`)
      .set('Authorization', asUser);
    expect(detail.body.recentErrors).toHaveLength(2);
    expect(detail.body.history[0]).toMatchObject({ action: 'created' });

    const dashboard = await request(server)
      .get('/api/integrations/status?environment=production')
      .set('Authorization', asUser);
    // The dashboard lists one line per cause, not one per failure.
    expect(dashboard.body.recentActivity.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: pattern.patternId,
          integration: 'stripe',
          errorType: 'bad_response',
          status: 'open',
          errorDetails: expect.objectContaining({
            message: 'Your card was declined.',
            httpStatus: 402,
          }),
        }),
      ]),
    );
    expect(dashboard.body.recentActivity.errors).toHaveLength(2);

    const summary = await request(server)
      .get('/api/integrations/errors/summary?environment=production')
      .set('Authorization', asUser);
    expect(summary.body).toMatchObject({
      totalErrors: 3,
      uniqueErrors: 2,
      openErrors: 2,
    });
    expect(
      summary.body.errorTrends.reduce(
        (sum: number, point: { errors: number }) => sum + point.errors,
        0,
      ),
    ).toBe(3);
  });

  it('resolves a group through one of its errors, and records who did', async () => {
    const server = await startWithErrors();
    const errors = await request(server)
      .get('/api/integrations/errors?integration=stripe')
      .set('Authorization', asUser);

    const resolved = await request(server)
      .post(
        `/api/integrations/errors/${encodeURIComponent(
          errors.body.items[0].id,
        )}/resolve`,
      )
      .set('Authorization', asUser)
      .send({ text: 'Customer used another card' });
    const audit = await request(server)
      .get('/api/integrations/audit?action=error_triage')
      .set('Authorization', asUser);

    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: {
        status: 'resolved',
        resolvedBy: 'user:default/ada.admin',
        resolution: 'Customer used another card',
      },
    });
    expect(audit.body.items[0]).toMatchObject({
      action: 'error_triage',
      integration: 'stripe',
      outcome: 'success',
    });
  });

  it('names each wrong field and changes nothing', async () => {
    const server = await startWithErrors();
    const list = await request(server)
      .get('/api/integrations/error-patterns')
      .set('Authorization', asUser);
    const stripe = list.body.items.find(
      (p: { integration: string }) => p.integration === 'stripe',
    );
    const github = list.body.items.find(
      (p: { integration: string }) => p.integration === 'github',
    );

    const noText = await request(server)
      .post(`/api/integrations/errors/${stripe.patternId}/resolve`)
      .set('Authorization', asUser)
      .send({ text: '' });
    const noWake = await request(server)
      .post(`/api/integrations/error-patterns/${stripe.patternId}/snooze`)
      .set('Authorization', asUser)
      .send({});
    const acrossIntegrations = await request(server)
      .post(`/api/integrations/error-patterns/${stripe.patternId}/merge`)
      .set('Authorization', asUser)
      .send({ patternIds: [github.patternId] });
    const badFilter = await request(server)
      .get('/api/integrations/errors?severity=urgent&limit=5000')
      .set('Authorization', asUser);

    expect(noText.status).toBe(400);
    expect(noText.body.error.fields).toEqual([
      { path: 'body.text', message: 'Say what fixed it' },
    ]);
    expect(noWake.body.error.fields[0].path).toBe('body.until');
    expect(acrossIntegrations.status).toBe(400);
    expect(acrossIntegrations.body.error.fields[0]).toMatchObject({
      path: 'patternIds.0',
    });
    expect(badFilter.body.error.fields.map((f: any) => f.path)).toEqual([
      'query.severity',
      'query.limit',
    ]);
    const after = await request(server)
      .get(`/api/integrations/error-patterns/${stripe.patternId}`)
      .set('Authorization', asUser);
    expect(after.body).toMatchObject({ status: 'open', mergedPatterns: [] });
  });

  it('refuses triage without integrations.errors.resolve and records the refusal', async () => {
    const server = await startWithErrors([
      allowingAllBut('integrations.errors.resolve'),
    ]);
    const list = await request(server)
      .get('/api/integrations/error-patterns?integration=stripe')
      .set('Authorization', asUser);

    const refused = await request(server)
      .post(
        `/api/integrations/error-patterns/${list.body.items[0].patternId}/status`,
      )
      .set('Authorization', asUser)
      .send({ status: 'investigating' });
    const audit = await request(server)
      .get('/api/integrations/audit?action=error_triage')
      .set('Authorization', asUser);

    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('integrations.errors.resolve');
    expect(audit.body.items[0]).toMatchObject({ outcome: 'failure' });
  });

  it('runs an automated fix through the service that owns the change, only with its permission', async () => {
    const server = await startWithErrors();
    const posted = await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', asService)
      .send({
        events: [
          failedCall('r-1', {
            status: 429,
            errorType: 'rate_limited',
            errorCode: undefined,
            errorMessage: 'Too many requests',
          }),
        ],
      });
    expect(posted.status).toBe(202);
    const list = await request(server)
      .get(
        '/api/integrations/error-patterns?integration=stripe&type=rate_limited',
      )
      .set('Authorization', asUser);
    const [pattern] = list.body.items;
    expect(pattern.automatedResponse).toMatchObject({
      enabled: false,
      actions: ['raise_rate_limit_buffer'],
    });
    const before = await request(server)
      .get('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asUser);

    const on = await request(server)
      .post(
        `/api/integrations/error-patterns/${pattern.patternId}/automated-fix`,
      )
      .set('Authorization', asUser)
      .send({ enabled: true });
    const ran = await request(server)
      .post(
        `/api/integrations/error-patterns/${pattern.patternId}/automated-fix/run`,
      )
      .set('Authorization', asUser);
    const after = await request(server)
      .get('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asUser);

    expect(on.body.automatedResponse.enabled).toBe(true);
    expect(ran.status).toBe(200);
    expect(ran.body.automatedResponse.lastRunAt).toEqual(expect.any(String));
    const detail = await request(server)
      .get(`/api/integrations/error-patterns/${pattern.patternId}`)
      .set('Authorization', asUser);
    expect(detail.body.history[0].details).toMatch(
      /^Raise the rate-limit buffer by 10 points: from \d+ % to \d+ %$/,
    );
    const buffer = (body: any) => body[0].connectionConfig.rateLimitBuffer;
    expect(buffer(after.body)).toBeCloseTo(buffer(before.body) + 0.1);
    expect(after.body[0].metadata.version).toBe(
      before.body[0].metadata.version + 1,
    );

    // A declined card has no fix: turning one on is refused.
    const declined = list.body.items.length
      ? (
          await request(server)
            .get(
              '/api/integrations/error-patterns?integration=stripe&type=bad_response',
            )
            .set('Authorization', asUser)
        ).body.items[0]
      : undefined;
    const refused = await request(server)
      .post(
        `/api/integrations/error-patterns/${declined.patternId}/automated-fix`,
      )
      .set('Authorization', asUser)
      .send({ enabled: true });
    expect(refused.status).toBe(409);
  });

  it("links the team's runbook from the integration's settings, and refuses one that is no web address", async () => {
    const server = await startWithErrors();
    const stored = await request(server)
      .get('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asUser);
    const version = stored.body[0].metadata.version;

    const bad = await request(server)
      .put('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asUser)
      .send({
        version,
        monitoringConfig: { runbookUrl: 'ftp://wiki.acme.example/stripe' },
      });
    const saved = await request(server)
      .put('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asUser)
      .send({
        version,
        monitoringConfig: {
          runbookUrl: 'https://wiki.acme.example/runbooks/stripe',
        },
      });
    const list = await request(server)
      .get('/api/integrations/error-patterns?integration=stripe')
      .set('Authorization', asUser);

    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe(
      'body.monitoringConfig.runbookUrl',
    );
    expect(saved.status).toBe(200);
    expect(list.body.items[0].runbookUrl).toBe(
      'https://wiki.acme.example/runbooks/stripe',
    );
  });

  it('refuses automated fixes without integrations.errors.fixes.manage', async () => {
    const server = await startWithErrors([
      allowingAllBut('integrations.errors.fixes.manage'),
    ]);
    const list = await request(server)
      .get('/api/integrations/error-patterns?integration=stripe')
      .set('Authorization', asUser);

    const refused = await request(server)
      .post(
        `/api/integrations/error-patterns/${list.body.items[0].patternId}/automated-fix/run`,
      )
      .set('Authorization', asUser);

    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'integrations.errors.fixes.manage',
    );
  });

  it('shows nothing of integrations whose errors the caller may not read', async () => {
    const server = await startWithErrors([
      allowingAllBut('integrations.errors.read'),
    ]);

    const patterns = await request(server)
      .get('/api/integrations/error-patterns')
      .set('Authorization', asUser);
    const errors = await request(server)
      .get('/api/integrations/errors')
      .set('Authorization', asUser);
    const summary = await request(server)
      .get('/api/integrations/errors/summary')
      .set('Authorization', asUser);

    expect(patterns.body).toEqual({ items: [], totalCount: 0 });
    expect(errors.body).toEqual({ items: [], totalCount: 0 });
    expect(summary.body.totalErrors).toBe(0);
  });
});
