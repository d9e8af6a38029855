import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
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

const asUser = mockCredentials.user.header('user:default/ada.admin');

/** Reads staging only, and may run tests anywhere. */
const stagingReader = mockServices.permissions.mock({
  authorizeConditional: async requests =>
    requests.map(({ permission }) =>
      createIntegrationConditionalDecision(
        permission as ResourcePermission<'integration'>,
        integrationConditions.isInEnvironment({ environments: ['staging'] }),
      ),
    ) as any,
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
}).factory;

describe('GET /tests', () => {
  let simulator: ProviderSimulator;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());

  async function startBackend(features: any[] = []) {
    const { server } = await startTestBackend({
      features: [
        integrationsPlugin,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              demo: { seed: true, simulator: { url: simulator.url } },
              network: { allowedCidrs: ['127.0.0.0/8'] },
              encryption: {
                primaryKeyId: 'test-2026',
                keys: [
                  {
                    id: 'test-2026',
                    secret: 'history-test-key-0123456789-abcdefghijklmnop',
                  },
                ],
              },
              health: { schedule: quietSchedule },
              tokenRefresh: { schedule: quietSchedule },
            },
          },
        }),
        ...features,
      ],
    });
    return server;
  }

  async function diagnose(
    server: Awaited<ReturnType<typeof startBackend>>,
    name: string,
    environment: string,
    testSuite: string,
  ) {
    const response = await request(server)
      .post(`/api/integrations/${name}/diagnostics?environment=${environment}`)
      .set('Authorization', asUser)
      .send({ testSuite });
    expect(response.status).toBe(200);
    return response.body;
  }

  it('lists the runs of every integration, newest first, filtered and paged', async () => {
    const server = await startBackend();
    const github = await diagnose(server, 'github', 'development', 'quick');
    const brevo = await diagnose(server, 'brevo', 'development', 'auth');
    const staging = await diagnose(server, 'github', 'staging', 'quick');

    const all = await request(server)
      .get('/api/integrations/tests')
      .set('Authorization', asUser);
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(3);
    expect(all.body.items.map((r: any) => r.id)).toEqual([
      staging.id,
      brevo.id,
      github.id,
    ]);
    expect(all.body.items[1].steps.length).toBeGreaterThan(0);

    const filtered = await request(server)
      .get(
        '/api/integrations/tests?environment=development&suite=auth&trigger=manual',
      )
      .set('Authorization', asUser);
    expect(filtered.body.items.map((r: any) => r.id)).toEqual([brevo.id]);

    const paged = await request(server)
      .get('/api/integrations/tests?integration=github&offset=1&limit=1')
      .set('Authorization', asUser);
    expect(paged.body).toMatchObject({ totalCount: 2 });
    expect(paged.body.items.map((r: any) => r.id)).toEqual([github.id]);
  });

  it('answers 400 naming the field', async () => {
    const server = await startBackend();

    const response = await request(server)
      .get('/api/integrations/tests?status=great&limit=0')
      .set('Authorization', asUser);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('query.status');
    expect(response.body.error.message).toContain('query.limit');
  });

  it('shows a reader only the runs of configurations they may read', async () => {
    const server = await startBackend([stagingReader]);
    await diagnose(server, 'github', 'development', 'quick');
    const readable = await diagnose(server, 'github', 'staging', 'quick');

    const response = await request(server)
      .get('/api/integrations/tests')
      .set('Authorization', asUser);
    expect(response.status).toBe(200);
    expect(response.body.items.map((r: any) => r.id)).toEqual([readable.id]);
    expect(response.body.totalCount).toBe(1);
  });
});
