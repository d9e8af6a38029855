import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { providerCatalog } from '@internal/plugin-integrations-common';
import { ProviderSimulator } from '@internal/provider-simulator';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import {
  ACTIONS_PATH,
  startActionsBackend,
} from '../__testUtils__/actionsBackend';
import { as } from '../__testUtils__/personas';
import { TestStores } from '../__testUtils__/createStores';
import {
  demoCredentialValues,
  demoIntegrations,
} from '../demo/demoIntegrations';
import { IncidentCorrelationTask } from '../incidents/IncidentCorrelationTask';
import { DatabaseIncidentStore } from '../incidents/IncidentStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Every credential value the demo stores, none of which may be shown. */
const DEMO_SECRETS = demoIntegrations.flatMap(integration =>
  Object.values(demoCredentialValues(integration.name, 'production')),
);

describe.each(databases.eachSupportedId())('read actions on %p', databaseId => {
  let server: Server;
  let simulator: ProviderSimulator;
  let stores: TestStores;
  let invoke: Awaited<ReturnType<typeof startActionsBackend>>['invoke'];
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server, simulator, stores, invoke } = await startActionsBackend(knex));
  });
  afterAll(() => simulator.close());

  it('lists the six actions with their schemas and whether they change anything', async () => {
    const listed = await request(server)
      .get(ACTIONS_PATH)
      .set('Authorization', as('viewer'));
    expect(listed.status).toBe(200);
    const byId = Object.fromEntries(
      listed.body.actions.map((action: any) => [action.id, action]),
    );
    const attributes = (readOnly: boolean, idempotent: boolean) => ({
      readOnly,
      idempotent,
      destructive: false,
    });
    expect(
      Object.fromEntries(
        Object.entries(byId).map(([id, action]: [string, any]) => [
          id,
          action.attributes,
        ]),
      ),
    ).toEqual({
      'integrations:get-integration-status': attributes(true, true),
      'integrations:list-integrations-with-problems': attributes(true, true),
      'integrations:get-quota-headroom': attributes(true, true),
      'integrations:run-connection-test': attributes(false, false),
      'integrations:acknowledge-alert': attributes(false, true),
      'integrations:create-integration': attributes(false, false),
    });
    for (const action of Object.values(byId) as any[]) {
      expect(action.title).toBeTruthy();
      expect(action.description.length).toBeGreaterThan(100);
      expect(action.schema.output.type).toBe('object');
    }

    const create = byId['integrations:create-integration'].schema.input;
    expect(create.required).toEqual(['template', 'name', 'owner']);
    expect(create.properties.template.enum).toEqual(
      providerCatalog.map(provider => provider.id),
    );
    expect(Object.keys(create.properties)).not.toContain('credentials');
    expect(
      byId['integrations:get-quota-headroom'].schema.input.properties
        .plannedCalls.type,
    ).toBe('integer');
  });

  it('tells anyone signed in the live status of an integration, and nobody that of an unknown one', async () => {
    const tested = await invoke('admin', 'run-connection-test', {
      integration: 'github',
    });
    expect(tested.body.output.status).toBe('passed');

    for (const persona of ['admin', 'viewer', 'newcomer'] as const) {
      const status = await invoke(persona, 'get-integration-status', {
        integration: 'github',
      });
      expect(status.status).toBe(200);
      expect(status.body.output).toMatchObject({
        integration: 'github',
        environment: 'production',
        provider: 'github',
        owner: 'group:default/platform-team',
        status: 'healthy',
        lastCheckedAt: tested.body.output.startedAt,
        uptimePercent: { last24h: 100 },
        errorRatePercent: 0,
        openAlerts: { total: 0, critical: 0, warning: 0, info: 0 },
        openIncidents: 0,
        openErrorPatterns: { open: 0, critical: 0 },
        links: {
          configuration:
            '/integrations/config?integration=github&environment=production',
        },
      });
      expect(status.body.output.responseTimeMs).toEqual(expect.any(Number));
      expect(status.body.output.rateLimit).toMatchObject({ limit: 5000 });
    }

    const unknown = await invoke('viewer', 'get-integration-status', {
      integration: 'no-such-service',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'There is no production configuration of an integration named no-such-service that you may read',
    );

    const badEnvironment = await invoke('viewer', 'get-integration-status', {
      integration: 'github',
      environment: 'qa',
    });
    expect(badEnvironment.status).toBe(400);
  });

  it('lists the integrations with problems per environment, worst first, with their alerts', async () => {
    simulator.control.set('brevo', { rejectCredentials: true });
    const failed = await invoke('admin', 'run-connection-test', {
      integration: 'brevo',
    });
    expect(failed.body.output.status).toBe('failed');
    simulator.control.reset('brevo');
    const [warning] = await stores.alerts.raise(
      [
        {
          integration: 'paypal',
          environment: 'production',
          type: 'error_rate',
          severity: 'warning',
          title: 'PayPal fails often',
          message: 'Over 5 % of calls failed in 15 minutes.',
          dedupeKey: 'test:paypal',
        },
      ],
      new Date(),
    );

    const listed = await invoke('newcomer', 'list-integrations-with-problems', {
      environment: 'production',
    });
    expect(listed.status).toBe(200);
    const [production] = listed.body.output.environments;
    expect(production.environment).toBe('production');
    const names = production.integrations.map((i: any) => i.integration);
    expect(names.indexOf('brevo')).toBe(0);
    expect(names.indexOf('paypal')).toBeGreaterThan(0);
    expect(names).not.toContain('github');
    expect(production.integrations[0]).toMatchObject({
      status: 'unhealthy',
      configurationUrl:
        '/integrations/config?integration=brevo&environment=production',
    });
    const paypal = production.integrations.find(
      (i: any) => i.integration === 'paypal',
    );
    expect(paypal.openAlerts).toEqual({
      total: 1,
      critical: 0,
      warning: 1,
      info: 0,
    });
    expect(paypal.alerts).toEqual([
      expect.objectContaining({ id: warning.id, title: 'PayPal fails often' }),
    ]);

    const everywhere = await invoke(
      'viewer',
      'list-integrations-with-problems',
    );
    expect(
      everywhere.body.output.environments.map((e: any) => e.environment),
    ).toEqual(['production', 'staging', 'development']);
  });

  it('says before a bulk job how much of a rate limit is left, and whether the job fits', async () => {
    simulator.control.set('github', {
      rateLimit: { limit: 100, windowSeconds: 3600 },
    });
    await invoke('admin', 'run-connection-test', { integration: 'github' });
    simulator.control.reset('github');

    const headroom = await invoke('viewer', 'get-quota-headroom', {
      integration: 'github',
      plannedCalls: 50,
    });
    expect(headroom.status).toBe(200);
    const { output } = headroom.body;
    const core = output.limits.find((limit: any) => limit.key === 'core');
    expect(core).toMatchObject({ limit: 100, source: 'header' });
    expect(core.available).toBe(core.remaining - core.reserved);
    expect(output).toMatchObject({ fits: true, plannedCalls: 50 });

    const tooMany = await invoke('viewer', 'get-quota-headroom', {
      integration: 'github',
      plannedCalls: 99,
    });
    expect(tooMany.body.output.fits).toBe(false);
    expect(tooMany.body.output.advice).toContain('99 calls do not fit in core');

    const unknown = await invoke('viewer', 'get-quota-headroom', {
      integration: 'no-such-service',
    });
    expect(unknown.status).toBe(404);
  });

  it('shows no stored credential in any answer', async () => {
    const answers = await Promise.all([
      invoke('admin', 'run-connection-test', { integration: 'stripe' }),
      invoke('admin', 'get-integration-status', { integration: 'stripe' }),
      invoke('admin', 'list-integrations-with-problems'),
      invoke('admin', 'get-quota-headroom', { integration: 'stripe' }),
    ]);
    const shown = JSON.stringify(answers.map(answer => answer.body));
    expect(answers.map(answer => answer.status)).toEqual([200, 200, 200, 200]);
    for (const secret of DEMO_SECRETS) {
      expect(shown).not.toContain(secret);
    }
  });

  it('counts an incident spanning several integrations for each of them', async () => {
    // Stripe Connect depends on Stripe: failing together, they are one incident.
    const failure = (integration: string) => ({
      id: `incident-${integration}`,
      integration,
      environment: 'production',
      endpoint: '/v1/anything',
      method: 'GET',
      status: 503,
      durationMs: 40,
      errorType: 'provider_error',
      errorMessage: 'Service unavailable',
      occurredAt: new Date().toISOString(),
    });
    await request(server)
      .post('/api/integrations/usage/events')
      .set('Authorization', mockCredentials.service.header())
      .send({ events: [failure('stripe'), failure('stripe-connect')] })
      .expect(202);
    const database = mockServices.database({
      knex,
      migrations: { skip: true },
    });
    await new IncidentCorrelationTask({
      store: await DatabaseIncidentStore.create({ database }),
      configs: stores.configs,
      audit: stores.audit,
      settings: { windowMinutes: 10, changeLookbackMinutes: 30 },
      retentionDays: 30,
      logger: mockServices.logger.mock(),
    }).run();

    const status = await invoke('viewer', 'get-integration-status', {
      integration: 'stripe',
    });
    expect(status.body.output.openIncidents).toBe(1);
    const listed = await invoke('viewer', 'list-integrations-with-problems', {
      environment: 'production',
    });
    const [production] = listed.body.output.environments;
    expect(
      Object.fromEntries(
        production.integrations.map((i: any) => [
          i.integration,
          i.openIncidents,
        ]),
      ),
    ).toMatchObject({ stripe: 1, 'stripe-connect': 1 });
  });
});
