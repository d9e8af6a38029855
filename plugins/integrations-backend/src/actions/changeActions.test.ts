import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { ProviderSimulator } from '@internal/provider-simulator';
import { Server } from 'node:http';
import request from 'supertest';
import { startActionsBackend } from '../__testUtils__/actionsBackend';
import { TestStores } from '../__testUtils__/createStores';
import { PERSONAS, as } from '../__testUtils__/personas';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'actions that change something, on %p',
  databaseId => {
    const auditor = mockServices.auditor.mock();
    let server: Server;
    let simulator: ProviderSimulator;
    let stores: TestStores;
    let invoke: Awaited<ReturnType<typeof startActionsBackend>>['invoke'];

    beforeAll(async () => {
      ({ server, simulator, stores, invoke } = await startActionsBackend(
        await databases.init(databaseId),
        { features: [auditor.factory] },
      ));
    });
    afterAll(() => simulator.close());

    /** The audit log's rows of one action, oldest first. */
    async function auditRows(action: string, integration: string) {
      const page = await request(server)
        .get(
          `/api/integrations/audit?action=${action}&integration=${integration}`,
        )
        .set('Authorization', as('admin'));
      return [...page.body.items].reverse();
    }

    /** The auditor events of one event id, with how each ended. */
    async function auditorEvents(eventId: string) {
      const calls = auditor.createEvent.mock.calls;
      return Promise.all(
        calls.flatMap(([options], index) =>
          options.eventId === eventId
            ? [
                (async () => {
                  const event = await auditor.createEvent.mock.results[index]
                    .value;
                  return {
                    options,
                    succeeded: event.success.mock.calls.length === 1,
                    failed: event.fail.mock.calls.length === 1,
                  };
                })(),
              ]
            : [],
        ),
      );
    }

    it('runs a connection test for those who may test the integration, with the steps and fixes of a failure', async () => {
      simulator.control.set('stripe', { rejectCredentials: true });
      const byAdmin = await invoke('admin', 'run-connection-test', {
        integration: 'stripe',
        environment: 'staging',
      });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.output).toMatchObject({
        integration: 'stripe',
        environment: 'staging',
        suite: 'quick',
        status: 'failed',
        failure: { class: 'auth_invalid', httpStatus: 401 },
      });
      expect(byAdmin.body.output.suggestedFixes.length).toBeGreaterThan(0);
      expect(byAdmin.body.output.suggestedFixes).toEqual(
        byAdmin.body.output.failure.repairSteps,
      );
      expect(byAdmin.body.output.steps.map((s: any) => s.status)).toContain(
        'failed',
      );
      simulator.control.reset('stripe');

      // The payments team owns Stripe, not GitHub.
      const byOwner = await invoke('member', 'run-connection-test', {
        integration: 'stripe',
        environment: 'staging',
      });
      expect(byOwner.body.output.status).toBe('passed');
      for (const [persona, integration] of [
        ['member', 'github'],
        ['viewer', 'stripe'],
        ['newcomer', 'stripe'],
      ] as const) {
        const refused = await invoke(persona, 'run-connection-test', {
          integration,
          environment: 'staging',
        });
        expect(refused.status).toBe(403);
        expect(refused.body.error).toEqual({
          name: 'NotAllowedError',
          message: `You lack the permission integrations.test.run on ${integration}:staging`,
        });
      }

      const history = await request(server)
        .get('/api/integrations/stripe/tests?environment=staging')
        .set('Authorization', as('viewer'));
      expect(history.body.items.map((run: any) => run.triggeredBy)).toEqual([
        PERSONAS.member,
        PERSONAS.admin,
      ]);

      const bySoftware = await request(server)
        .post(
          `/api/integrations/.backstage/actions/v1/actions/${encodeURIComponent(
            'integrations:run-connection-test',
          )}/invoke`,
        )
        .set('Authorization', mockCredentials.service.header())
        .send({ integration: 'stripe' });
      expect(bySoftware.status).toBe(403);
      expect(bySoftware.body.error.message).toBe(
        'Only a signed-in user may do this, under their own permissions',
      );
    });

    it('acknowledges an alert for its owners and admins, again without harm, and audits it as the route does', async () => {
      const [alert] = await stores.alerts.raise(
        [
          {
            integration: 'stripe',
            environment: 'production',
            type: 'health',
            severity: 'critical',
            title: 'Stripe is down',
            message: 'Every check failed for 10 minutes.',
            dedupeKey: 'test:stripe:down',
          },
        ],
        new Date(),
      );
      for (const persona of ['viewer', 'newcomer'] as const) {
        const refused = await invoke(persona, 'acknowledge-alert', {
          alertId: alert.id,
        });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toBe(
          'You lack the permission integrations.errors.resolve on stripe:production',
        );
      }

      const byOwner = await invoke('member', 'acknowledge-alert', {
        alertId: alert.id,
      });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.output).toMatchObject({
        id: alert.id,
        integration: 'stripe',
        status: 'acknowledged',
        acknowledgedBy: PERSONAS.member,
      });
      const again = await invoke('admin', 'acknowledge-alert', {
        alertId: alert.id,
      });
      expect(again.status).toBe(200);
      expect(again.body.output.status).toBe('acknowledged');

      const rows = await auditRows('alert_acknowledge', 'stripe');
      expect(
        rows.map(row => [row.userId, row.outcome, row.details.alertId]),
      ).toEqual([
        [PERSONAS.viewer, 'failure', undefined],
        [PERSONAS.newcomer, 'failure', undefined],
        [PERSONAS.member, 'success', alert.id],
        [PERSONAS.admin, 'success', alert.id],
      ]);
      const events = await auditorEvents('integration-alert-acknowledge');
      expect(events.map(e => [e.options.meta?.actor, e.succeeded])).toEqual([
        [PERSONAS.viewer, false],
        [PERSONAS.newcomer, false],
        [PERSONAS.member, true],
        [PERSONAS.admin, true],
      ]);
      expect(events[2].options).toMatchObject({
        severityLevel: 'low',
        meta: {
          integrations: ['stripe'],
          environment: 'production',
          actionName: 'acknowledge-alert',
        },
      });

      const unknown = await invoke('admin', 'acknowledge-alert', {
        alertId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.status).toBe(404);
      const notAnId = await invoke('admin', 'acknowledge-alert', {
        alertId: 'stripe-down',
      });
      expect(notAnId.status).toBe(400);
      expect(notAnId.body.error.fields).toEqual([
        { path: 'input.alertId', message: 'An alert id (a UUID)' },
      ]);
    });

    it('creates an integration from its template for admins only, without credentials, audited as the route does', async () => {
      const input = {
        template: 'brevo',
        name: 'brevo-marketing',
        displayName: 'Brevo (marketing)',
        owner: 'group:default/growth-team',
        environments: ['staging', 'production'],
      };
      for (const persona of ['viewer', 'newcomer'] as const) {
        const refused = await invoke(persona, 'create-integration', input);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toBe(
          'You lack the permission integrations.integration.create',
        );
      }

      const created = await invoke('admin', 'create-integration', input);
      expect(created.status).toBe(200);
      expect(created.body.output).toEqual({
        name: 'brevo-marketing',
        displayName: 'Brevo (marketing)',
        provider: 'brevo',
        owner: 'group:default/growth-team',
        environments: [
          { environment: 'staging', enabled: false, version: 1 },
          { environment: 'production', enabled: false, version: 1 },
        ],
        credentialFields: ['apiKey'],
        configurationUrl:
          '/integrations/config?integration=brevo-marketing&environment=production&section=credentials',
      });
      const status = await invoke('viewer', 'get-integration-status', {
        integration: 'brevo-marketing',
      });
      expect(status.body.output.status).toBe('disabled');

      const twice = await invoke('admin', 'create-integration', input);
      expect(twice.status).toBe(409);
      const badName = await invoke('admin', 'create-integration', {
        ...input,
        name: 'Brevo Marketing',
      });
      expect(badName.status).toBe(400);
      expect(badName.body.error.fields[0].path).toBe('input.name');

      // The same creation through the HTTP route leaves the same records.
      await request(server)
        .post('/api/integrations/configs')
        .set('Authorization', as('admin'))
        .send({ ...input, name: 'brevo-transactional' })
        .expect(201);
      const shape = (row: any) => ({
        userId: row.userId,
        environment: row.environment,
        category: row.category,
        outcome: row.outcome,
        details: { ...row.details, after: undefined },
      });
      const byAction = await auditRows('create', 'brevo-marketing');
      const byRoute = await auditRows('create', 'brevo-transactional');
      expect(
        byAction.filter(row => row.outcome === 'success').map(shape),
      ).toEqual(byRoute.map(shape));
      expect(byAction.map(row => [row.userId, row.outcome])).toEqual([
        [PERSONAS.viewer, 'failure'],
        [PERSONAS.newcomer, 'failure'],
        [PERSONAS.admin, 'success'],
        [PERSONAS.admin, 'success'],
        [PERSONAS.admin, 'failure'],
      ]);
      const events = await auditorEvents('integration-create');
      expect(
        events.map(e => [e.options.meta?.actor ?? 'request', e.succeeded]),
      ).toEqual([
        [PERSONAS.viewer, false],
        [PERSONAS.newcomer, false],
        [PERSONAS.admin, true],
        // The second creation: refused as a conflict. The bad name never
        // reached the change, as with the route.
        [PERSONAS.admin, false],
        ['request', true],
      ]);
    });
  },
);
