import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { createStores } from '../__testUtils__/createStores';
import {
  allowingAllBut,
  asAdmin,
  startIntegrationsBackend,
} from '../__testUtils__/testBackend';
import { IncidentCorrelationTask } from './IncidentCorrelationTask';
import { DatabaseIncidentStore } from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const asService = mockCredentials.service.header();

/** The correlation task over the backend's own database, as its schedule would run it. */
async function correlate(knex: Knex) {
  const stores = await createStores(knex);
  const database = mockServices.database({ knex, migrations: { skip: true } });
  await new IncidentCorrelationTask({
    store: await DatabaseIncidentStore.create({ database }),
    configs: stores.configs,
    audit: stores.audit,
    settings: { windowMinutes: 10, changeLookbackMinutes: 30 },
    retentionDays: 30,
    logger: mockServices.logger.mock(),
  }).run();
}

/**
 * The seeded backend after a change to Stripe's production configuration
 * that makes its calls fail, with the incident it caused correlated.
 */
async function startWithBadConfigPush(features: any[] = []) {
  const knex = await databases.init('SQLITE_3');
  const server = await startIntegrationsBackend({ knex, features });
  const [before] = (
    await request(server)
      .get('/api/integrations/configs/stripe?environment=production')
      .set('Authorization', asAdmin)
  ).body;
  const saved = await request(server)
    .put('/api/integrations/configs/stripe?environment=production')
    .set('Authorization', asAdmin)
    .send({
      version: before.metadata.version,
      connectionConfig: { timeout: 7000 },
    });
  expect(saved.status).toBe(200);
  const posted = await request(server)
    .post('/api/integrations/usage/events')
    .set('Authorization', asService)
    .send({
      events: [
        {
          id: 'bad-push-1',
          integration: 'stripe',
          environment: 'production',
          endpoint: '/v1/charges',
          method: 'POST',
          status: 504,
          durationMs: 7000,
          errorType: 'timeout',
          errorMessage: 'Timed out after 7000 ms',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
  expect(posted.status).toBe(202);
  await correlate(knex);
  return { server, previousVersion: before.metadata.version as number };
}

describe('the incidents API', () => {
  it('lists the incident a configuration change caused, and its rollback target rolls back', async () => {
    const { server, previousVersion } = await startWithBadConfigPush();

    const list = await request(server)
      .get('/api/integrations/incidents?environment=production&status=open')
      .set('Authorization', asAdmin);
    expect(list.status).toBe(200);
    expect(list.body.totalCount).toBe(1);
    const [incident] = list.body.items;
    expect(incident).toMatchObject({
      status: 'open',
      integrations: ['stripe'],
      likelyCause: {
        kind: 'configuration_change',
        integration: 'stripe',
        version: previousVersion + 1,
        rollbackToVersion: previousVersion,
        changedBy: 'user:default/ada.admin',
      },
    });

    const detail = await request(server)
      .get(`/api/integrations/incidents/${incident.id}`)
      .set('Authorization', asAdmin);
    expect(detail.body.patterns).toEqual([
      expect.objectContaining({
        patternId: incident.groupIds[0],
        integration: 'stripe',
      }),
    ]);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'configuration_change',
      'group_first_seen',
      'opened',
    ]);
    const pattern = await request(server)
      .get(`/api/integrations/error-patterns/${incident.groupIds[0]}`)
      .set('Authorization', asAdmin);
    expect(pattern.body.incidentId).toBe(incident.id);

    const rolledBack = await request(server)
      .post('/api/integrations/configs/stripe/rollback?environment=production')
      .set('Authorization', asAdmin)
      .send({ version: incident.likelyCause.rollbackToVersion });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.connectionConfig.timeout).not.toBe(7000);
  });

  it('shows no incident to whom may not read the errors of its integrations', async () => {
    const { server } = await startWithBadConfigPush([
      allowingAllBut('integrations.errors.read'),
    ]);
    const stored = await startWithBadConfigPush();
    const [incident] = (
      await request(stored.server)
        .get('/api/integrations/incidents')
        .set('Authorization', asAdmin)
    ).body.items;

    const list = await request(server)
      .get('/api/integrations/incidents')
      .set('Authorization', asAdmin);
    const one = await request(server)
      .get(`/api/integrations/incidents/${incident.id}`)
      .set('Authorization', asAdmin);

    expect(list.body).toEqual({ items: [], totalCount: 0 });
    expect(one.status).toBe(404);
  });

  it('names each wrong field', async () => {
    const { server } = await startWithBadConfigPush();

    const badQuery = await request(server)
      .get('/api/integrations/incidents?status=closed&limit=0&colour=red')
      .set('Authorization', asAdmin);
    const badId = await request(server)
      .get('/api/integrations/incidents/not-an-id')
      .set('Authorization', asAdmin);
    const badNote = await request(server)
      .post(
        '/api/integrations/incidents/00000000-0000-4000-8000-000000000000/resolve',
      )
      .set('Authorization', asAdmin)
      .send({ note: 5 });

    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.fields.map((f: any) => f.path)).toEqual([
      'query.status',
      'query.limit',
      'query',
    ]);
    expect(badId.body.error.fields).toEqual([
      { path: 'params.id', message: 'An incident id (a UUID)' },
    ]);
    expect(badNote.status).toBe(400);
    expect(badNote.body.error.fields[0].path).toBe('body.note');
  });

  it('resolves only with integrations.errors.resolve on its integrations, and once', async () => {
    const refusing = await startWithBadConfigPush([
      allowingAllBut('integrations.errors.resolve'),
    ]);
    const [shown] = (
      await request(refusing.server)
        .get('/api/integrations/incidents')
        .set('Authorization', asAdmin)
    ).body.items;
    const refused = await request(refusing.server)
      .post(`/api/integrations/incidents/${shown.id}/resolve`)
      .set('Authorization', asAdmin)
      .send({});
    const refusal = await request(refusing.server)
      .get('/api/integrations/audit?action=incident_resolve')
      .set('Authorization', asAdmin);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'integrations.errors.resolve on stripe:production',
    );
    expect(refusal.body.items[0]).toMatchObject({ outcome: 'failure' });

    const { server } = await startWithBadConfigPush();
    const [incident] = (
      await request(server)
        .get('/api/integrations/incidents')
        .set('Authorization', asAdmin)
    ).body.items;
    const resolved = await request(server)
      .post(`/api/integrations/incidents/${incident.id}/resolve`)
      .set('Authorization', asAdmin)
      .send({ note: 'Timeout raised again' });
    const again = await request(server)
      .post(`/api/integrations/incidents/${incident.id}/resolve`)
      .set('Authorization', asAdmin)
      .send({});
    const audit = await request(server)
      .get('/api/integrations/audit?action=incident_resolve')
      .set('Authorization', asAdmin);

    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'user:default/ada.admin',
    });
    expect(resolved.body.timeline.at(-1)).toMatchObject({
      kind: 'resolved',
      description: 'Resolved: Timeout raised again',
    });
    expect(again.status).toBe(409);
    // Newest first: the refused second attempt, then the resolution.
    expect(audit.body.items).toEqual([
      expect.objectContaining({ outcome: 'failure' }),
      expect.objectContaining({
        integration: 'stripe',
        outcome: 'success',
        details: expect.objectContaining({
          incidentId: incident.id,
          note: 'Timeout raised again',
        }),
      }),
    ]);
  });
});
