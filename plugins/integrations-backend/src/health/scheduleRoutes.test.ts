import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { integrationUpdatePermission } from '@internal/plugin-integrations-common';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/rules';

jest.setTimeout(60_000);

const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

const seededConfig = mockServices.rootConfig.factory({
  data: {
    integrations: {
      demo: { seed: true },
      encryption: {
        primaryKeyId: 'test-2026',
        keys: [
          {
            id: 'test-2026',
            secret: 'schedule-test-key-0123456789-abcdefghijklmnop',
          },
        ],
      },
      health: { schedule: quietSchedule },
      tokenRefresh: { schedule: quietSchedule },
    },
  },
});

const asUser = mockCredentials.user.header('user:default/ada.admin');

async function startBackend(features: any[] = []) {
  const { server } = await startTestBackend({
    features: [integrationsPlugin, seededConfig, ...features],
  });
  return server;
}

/** Reads staging only; may do anything else the test says. */
function stagingReader(allow: (permission: string) => boolean) {
  return mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(({ permission }) =>
        createIntegrationConditionalDecision(
          permission as ResourcePermission<'integration'>,
          integrationConditions.isInEnvironment({ environments: ['staging'] }),
        ),
      ) as any,
    authorize: async requests =>
      requests.map(item => ({
        result: allow(item.permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  }).factory;
}

describe('health schedule routes', () => {
  it('lists the schedule, pauses and resumes checks, and audits both', async () => {
    const server = await startBackend();

    const list = await request(server)
      .get('/api/integrations/health/schedule?environment=production')
      .set('Authorization', asUser);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(13);
    const stripe = list.body.items.find((i: any) => i.integration === 'stripe');
    expect(stripe).toMatchObject({
      environment: 'production',
      displayName: expect.any(String),
      provider: 'stripe',
      paused: false,
      intervalSeconds: expect.any(Number),
      nextCheckAt: expect.any(String),
    });

    const paused = await request(server)
      .post(
        '/api/integrations/health/schedule/stripe/pause?environment=production',
      )
      .set('Authorization', asUser);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      integration: 'stripe',
      environment: 'production',
      paused: true,
      pausedBy: 'user:default/ada.admin',
    });
    expect(paused.body.nextCheckAt).toBeUndefined();

    const resumed = await request(server)
      .post(
        '/api/integrations/health/schedule/stripe/resume?environment=production',
      )
      .set('Authorization', asUser);
    expect(resumed.status).toBe(200);
    expect(resumed.body.paused).toBe(false);
    expect(resumed.body.nextCheckAt).toEqual(expect.any(String));

    const audit = await request(server)
      .get('/api/integrations/audit?integration=stripe&category=operations')
      .set('Authorization', asUser);
    expect(audit.body.items.map((e: any) => [e.action, e.outcome])).toEqual([
      ['health_checks_resumed', 'success'],
      ['health_checks_paused', 'success'],
    ]);
  });

  it('answers 400 naming the field, and 404 for an unknown integration', async () => {
    const server = await startBackend();

    const noEnvironment = await request(server)
      .post('/api/integrations/health/schedule/stripe/pause')
      .set('Authorization', asUser);
    expect(noEnvironment.status).toBe(400);
    expect(noEnvironment.body.error.message).toContain('query.environment');

    const badEnvironment = await request(server)
      .get('/api/integrations/health/schedule?environment=moon')
      .set('Authorization', asUser);
    expect(badEnvironment.status).toBe(400);
    expect(badEnvironment.body.error.message).toContain('query.environment');

    const unknown = await request(server)
      .post(
        '/api/integrations/health/schedule/no-such-thing/pause?environment=staging',
      )
      .set('Authorization', asUser);
    expect(unknown.status).toBe(404);
  });

  it('shows a reader only what they may read, and refuses a pause without the update permission', async () => {
    const server = await startBackend([
      stagingReader(
        permission => permission !== integrationUpdatePermission.name,
      ),
    ]);

    const list = await request(server)
      .get('/api/integrations/health/schedule')
      .set('Authorization', asUser);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(13);
    expect(new Set(list.body.items.map((i: any) => i.environment))).toEqual(
      new Set(['staging']),
    );

    const pause = await request(server)
      .post(
        '/api/integrations/health/schedule/stripe/pause?environment=staging',
      )
      .set('Authorization', asUser);
    expect(pause.status).toBe(403);
    expect(pause.body.error.message).toContain(
      integrationUpdatePermission.name,
    );

    const after = await request(server)
      .get('/api/integrations/health/schedule?environment=staging')
      .set('Authorization', asUser);
    expect(
      after.body.items.find((i: any) => i.integration === 'stripe').paused,
    ).toBe(false);

    const audit = await request(server)
      .get('/api/integrations/audit?action=health_checks_paused')
      .set('Authorization', asUser);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        integration: 'stripe',
        environment: 'staging',
        category: 'operations',
        outcome: 'failure',
      }),
    ]);
  });
});
