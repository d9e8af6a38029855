import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { integrationReadPermission } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { spiedCatalog, stripeCatalog } from '../__testUtils__/catalogEntities';
import {
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Reads every integration but the named `name:environment` refs. */
function readingAllBut(...denied: string[]) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(item => ({
        result:
          item.permission.name === integrationReadPermission.name &&
          'resourceRef' in item &&
          denied.includes(String(item.resourceRef))
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  }).factory;
}

describe('GET /:name/impact', () => {
  let knex: Knex;
  let server: Server;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    server = await startIntegrationsBackend({
      knex,
      features: [
        readingAllBut('stripe:staging'),
        catalogServiceMock.factory({ entities: stripeCatalog() }),
      ],
    });
  });

  const impactOf = (path: string) =>
    request(server)
      .get(`/api/integrations/${path}`)
      .set('Authorization', asAdmin);

  it('tells what depends on the integration and who owns it', async () => {
    const response = await impactOf('stripe/impact');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      integration: 'stripe',
      entityRef: 'resource:default/stripe',
      inCatalog: true,
      owners: ['group:default/payments-team', 'group:default/web-team'],
      summary:
        'checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) depend on Stripe.',
    });
    expect(
      response.body.components.map((c: any) => [c.name, c.direct, c.via]),
    ).toEqual([
      ['checkout-service', true, []],
      ['invoicing', true, []],
      ['billing-portal', false, ['component:default/checkout-service']],
    ]);
    expect(response.body.systems.map((s: any) => s.entityRef)).toEqual([
      'system:default/payments',
    ]);
  });

  it('says so when the catalog has no Resource for the integration', async () => {
    const response = await impactOf('paypal/impact');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      inCatalog: false,
      components: [],
      systems: [],
      others: [],
      owners: ['group:default/payments-team'],
      summary:
        'PayPal is not in the catalog yet, so what depends on it is unknown.',
    });
  });

  it('needs the permission to read the configuration in the environment asked about', async () => {
    const staging = await impactOf('stripe/impact?environment=staging');
    expect(staging.status).toBe(403);
    expect(staging.body.error.message).toContain(
      'integrations.integration.read on stripe:staging',
    );
    const development = await impactOf('stripe/impact?environment=development');
    expect(development.status).toBe(200);
  });

  it('refuses a malformed name or environment with 400 naming the field, and an unknown integration with 404', async () => {
    const name = await impactOf('Not_A_Name/impact');
    expect(name.status).toBe(400);
    expect(JSON.stringify(name.body)).toContain('params.name');

    const environment = await impactOf('stripe/impact?environment=moon');
    expect(environment.status).toBe(400);
    expect(JSON.stringify(environment.body)).toContain('query.environment');

    const unknown = await impactOf('nobody-uses-this/impact');
    expect(unknown.status).toBe(404);
  });

  it('reads the catalog on behalf of the caller, so the catalog’s permissions apply', async () => {
    const catalog = spiedCatalog(stripeCatalog());
    const spied = await startIntegrationsBackend({
      knex: await databases.init('SQLITE_3'),
      features: [catalog.factory],
    });
    const response = await request(spied)
      .get('/api/integrations/stripe/impact')
      .set('Authorization', asAdmin);
    expect(response.status).toBe(200);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/stripe',
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: 'user:default/ada.admin',
          }),
        }),
      },
    );
  });

  it('answers 503, not 500, when the catalog cannot be reached', async () => {
    const down = await startIntegrationsBackend({
      knex: await databases.init('SQLITE_3'),
      features: [
        catalogServiceMock.mock({
          getEntityByRef: async () => {
            throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
          },
        }).factory,
      ],
    });
    const response = await request(down)
      .get('/api/integrations/stripe/impact')
      .set('Authorization', asAdmin);
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'The catalog could not be read to find what depends on stripe: connect ECONNREFUSED 127.0.0.1:7007',
    });
  });
});
