import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { errorResolvePermission } from '@internal/plugin-integrations-common';
import { Server } from 'node:http';
import request from 'supertest';
import { createStores, TestStores } from '../__testUtils__/createStores';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';
import {
  createIntegrationConditionalDecision,
  integrationConditions,
} from '../permissions/rules';
import { AlertCondition } from './AlertStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/**
 * Reads production only, as a policy by environment has it; may resolve
 * errors (and so acknowledge alerts) of the integrations `mayResolve` names.
 */
function productionReader(mayResolve: string[]) {
  return mockServices.permissions.mock({
    authorizeConditional: async requests =>
      requests.map(({ permission }) =>
        createIntegrationConditionalDecision(
          permission as ResourcePermission<'integration'>,
          integrationConditions.isInEnvironment({
            environments: ['production'],
          }),
        ),
      ) as any,
    authorize: async requests =>
      requests.map(item => ({
        result:
          item.permission.name === errorResolvePermission.name &&
          'resourceRef' in item &&
          mayResolve.includes(String(item.resourceRef))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  }).factory;
}

function condition(
  integration: string,
  environment: AlertCondition['environment'],
  severity: AlertCondition['severity'],
): AlertCondition {
  return {
    integration,
    environment,
    type: severity === 'critical' ? 'health' : 'error_rate',
    severity,
    title: `${integration} (${environment}) is in trouble`,
    message: 'Something failed.',
    dedupeKey: `test:${integration}:${environment}`,
  };
}

describe.each(databases.eachSupportedId())('alert routes on %p', databaseId => {
  let server: Server;
  let stores: TestStores;
  let ids: Record<string, string>;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    server = await startIntegrationsBackend({
      knex,
      features: [productionReader(['stripe:production', 'paypal:production'])],
    });
    stores = await createStores(knex);
    const raised = await stores.alerts.raise(
      [
        condition('stripe', 'production', 'critical'),
        condition('paypal', 'production', 'warning'),
        condition('github', 'production', 'warning'),
        condition('stripe', 'staging', 'critical'),
      ],
      new Date(),
    );
    ids = Object.fromEntries(
      raised.map(a => [`${a.integration}:${a.environment}`, a.id]),
    );
    await stores.alerts.resolve(ids['github:production'], new Date());
  });

  it('lists the alerts of the configurations the caller may read, filtered and paged', async () => {
    const all = await request(server)
      .get('/api/integrations/alerts')
      .set('Authorization', asAdmin);
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(3);
    expect(
      all.body.items
        .map((a: any) => `${a.integration}:${a.environment}`)
        .sort(),
    ).toEqual(['github:production', 'paypal:production', 'stripe:production']);

    const active = await request(server)
      .get('/api/integrations/alerts?status=active&severity=warning&limit=1')
      .set('Authorization', asAdmin);
    expect(active.body).toEqual({
      totalCount: 1,
      items: [
        expect.objectContaining({
          id: ids['paypal:production'],
          integration: 'paypal',
          status: 'open',
          acknowledged: false,
          severity: 'warning',
          autoResolve: true,
          escalationLevel: 0,
          notified: false,
        }),
      ],
    });

    const staging = await request(server)
      .get('/api/integrations/alerts?environment=staging')
      .set('Authorization', asAdmin);
    expect(staging.body).toEqual({ items: [], totalCount: 0 });
  });

  it('refuses bad filters with 400 naming the field', async () => {
    const response = await request(server)
      .get('/api/integrations/alerts?status=closed&limit=0')
      .set('Authorization', asAdmin);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('query.status');
    expect(JSON.stringify(response.body)).toContain('query.limit');
  });

  it('acknowledges with the permission to resolve the integration’s errors, and audits it', async () => {
    const response = await request(server)
      .post(`/api/integrations/alerts/${ids['stripe:production']}/acknowledge`)
      .set('Authorization', asAdmin);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: ids['stripe:production'],
      status: 'acknowledged',
      acknowledged: true,
      acknowledgedBy: 'user:default/ada.admin',
    });

    const dashboard = await request(server)
      .get('/api/integrations/status?environment=production')
      .set('Authorization', asAdmin);
    expect(
      dashboard.body.alerts.critical.map((a: any) => [a.integration, a.status]),
    ).toEqual([['stripe', 'acknowledged']]);
    expect(
      dashboard.body.alerts.warnings.map((a: any) => [a.integration, a.status]),
    ).toEqual([['paypal', 'open']]);

    const audit = await stores.audit.list({ action: 'alert_acknowledge' });
    expect(audit.items).toEqual([
      expect.objectContaining({
        integration: 'stripe',
        environment: 'production',
        userId: 'user:default/ada.admin',
        outcome: 'success',
      }),
    ]);
  });

  it('refuses to acknowledge without that permission, changes nothing and audits the refusal', async () => {
    const active = await stores.alerts.raise(
      [
        {
          ...condition('github', 'production', 'warning'),
          dedupeKey: 'test:github:again',
        },
      ],
      new Date(),
    );
    const response = await request(server)
      .post(`/api/integrations/alerts/${active[0].id}/acknowledge`)
      .set('Authorization', asAdmin);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      'integrations.errors.resolve on github:production',
    );
    expect((await stores.alerts.get(active[0].id))?.status).toBe('open');
    const audit = await stores.audit.list({
      action: 'alert_acknowledge',
      integration: 'github',
    });
    expect(audit.items.map(e => e.outcome)).toEqual(['failure']);
  });

  it('answers 404 for an unknown alert and 400 for a malformed id', async () => {
    const unknown = await request(server)
      .post(
        '/api/integrations/alerts/00000000-0000-4000-8000-000000000000/acknowledge',
      )
      .set('Authorization', asAdmin);
    expect(unknown.status).toBe(404);
    const malformed = await request(server)
      .post('/api/integrations/alerts/not-an-id/acknowledge')
      .set('Authorization', asAdmin);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('params.id');
  });
});
