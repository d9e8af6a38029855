import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { integrationsPlugin } from '../plugin';

const seededConfig = mockServices.rootConfig.factory({
  data: { integrations: { demo: { seed: true } } },
});

describe('GET /api/integrations/configs', () => {
  it('lists the integrations in the database to a permitted user', async () => {
    const { server } = await startTestBackend({
      features: [integrationsPlugin, seededConfig],
    });

    const response = await request(server)
      .get('/api/integrations/configs?environment=production')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    expect(response.body.totalCount).toBe(response.body.items.length);
    const names = response.body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['stripe', 'github']));
    expect(
      response.body.items.every((c: any) => c.environment === 'production'),
    ).toBe(true);
    const twitter = response.body.items.find((c: any) => c.name === 'twitter');
    expect(twitter.enabled).toBe(false);
  });

  it('rejects a request without credentials with 401', async () => {
    const { server } = await startTestBackend({
      features: [integrationsPlugin, seededConfig],
    });

    const response = await request(server)
      .get('/api/integrations/configs')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });

  it('answers 403 when the read permission is denied', async () => {
    const { server } = await startTestBackend({
      features: [
        integrationsPlugin,
        seededConfig,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });

    const response = await request(server)
      .get('/api/integrations/configs')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(403);
    expect(response.body.items).toBeUndefined();
  });

  it('answers 400 naming the field when a filter is invalid', async () => {
    const { server } = await startTestBackend({
      features: [integrationsPlugin, seededConfig],
    });

    const response = await request(server)
      .get('/api/integrations/configs?environment=qa')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('query.environment');
  });

  it('seeds nothing when demo seeding is off', async () => {
    const { server } = await startTestBackend({
      features: [integrationsPlugin],
    });

    const response = await request(server)
      .get('/api/integrations/configs')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], totalCount: 0 });
  });
});
