import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  IntegrationConfig,
  TestRunResult,
  UsageEvent,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { createStores } from '../__testUtils__/createStores';
import { DatabaseUsageEventStore } from '../usage/UsageEventStore';
import { UsageRollupTask } from '../usage/UsageRollupTask';
import { CredentialService } from '../credentials/CredentialService';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';
import { HealthService } from './HealthService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function run(
  integration: string,
  startedAt: string,
  passed: boolean,
  responseTimeMs = 120,
): TestRunResult {
  return {
    id: randomUUID(),
    integration,
    environment: 'production',
    suite: 'health',
    status: passed ? 'passed' : 'failed',
    trigger: 'scheduled',
    triggeredBy: 'task:integrations-health-check',
    startedAt,
    durationMs: responseTimeMs,
    responseTimeMs,
    steps: [],
    connectivity: {},
    ...(passed
      ? {}
      : {
          failure: {
            class: 'auth_invalid',
            explanation: 'Refused',
            repairSteps: ['Replace the key'],
          },
        }),
  };
}

/** A production configuration of the provider of the same name. */
function productionIntegration(name: string, owner: string) {
  return {
    kind: 'create' as const,
    integration: { name, provider: name, category: 'payment' as const },
    configs: [
      {
        environment: 'production' as const,
        settings: applySettingsPatch(
          defaultSettingsFor(getProvider(name)!, 'production', { owner }),
          { enabled: true },
        ),
      },
    ],
  };
}

async function setUp(
  databaseId: TestDatabaseId,
  options: { now?: () => Date } = {},
) {
  const knex = await databases.init(databaseId);
  const store = await createStores(knex);
  await store.configs.apply(
    [productionIntegration('stripe', 'group:default/payments-team')],
    { actor: 'test', at: new Date(), audit: [] },
  );
  const [config] = await store.configs.getConfigs('stripe', 'production');
  const signals = { publish: jest.fn() };
  const health = new HealthService({
    ...store.healthServiceStores,
    // Stripe's secret key is stored, so it is checked (not "not configured").
    credentials: {
      listStoredFields: async () =>
        new Map([['stripe:production', ['secretKey']]]),
      listExpiringFields: (environment, before) =>
        store.credentials.listExpiringFields(environment, before),
    },
    signals: signals as any,
    logger: mockServices.logger.mock(),
    now: options.now,
  });
  return { knex, store, config: config as IntegrationConfig, health, signals };
}

describe('HealthService', () => {
  it.each(databases.eachSupportedId())(
    'keeps every sample of checks finishing together, in time order, and rolls them up (%p)',
    async databaseId => {
      const { store, config, health, signals } = await setUp(databaseId);
      const hour = new Date();
      hour.setUTCMinutes(0, 0, 0);
      const at = (minute: number) =>
        new Date(hour.getTime() + minute * 60_000).toISOString();

      await health.recordCheck(config, run('stripe', at(1), true, 100));
      await Promise.all([
        health.recordCheck(config, run('stripe', at(3), false)),
        health.recordCheck(config, run('stripe', at(2), true, 300)),
      ]);

      const state = await store.health.getState('stripe', 'production');
      expect(state?.recent.map(s => s.at)).toEqual([at(3), at(2), at(1)]);
      // The failed check is the newest, whichever finished last.
      expect(state).toMatchObject({
        status: 'unhealthy',
        lastCheckedAt: at(3),
        lastSuccessAt: at(2),
        failure: { class: 'auth_invalid' },
      });

      const [rollup] = await store.health.listRollups('production', hour);
      expect(rollup).toMatchObject({
        checks: 3,
        failures: 1,
        responseMsSum: 520,
        responseMsCount: 3,
        responseMsMax: 300,
      });
      const events = await store.health.listEvents('production', 10);
      expect(events.map(e => `${e.previousStatus}→${e.status}`)).toContain(
        'healthy→unhealthy',
      );
      expect(signals.publish).toHaveBeenCalledWith(
        expect.objectContaining({
          channel: 'integrations:health',
          message: expect.objectContaining({
            integration: 'stripe',
            status: 'unhealthy',
          }),
        }),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'names on the status a credential that expires within a week, not one that expires later (%p)',
    async databaseId => {
      const { store, health } = await setUp(databaseId);
      const credentials = new CredentialService({
        configs: store.configs,
        credentials: store.credentials,
        vault: new CredentialVault(
          KeyRing.fromKeys(
            [{ id: 'k1', secret: 'status-test-key-0123456789abcdefghij' }],
            'k1',
          ),
        ),
      });
      const storeSecretKey = (expiresAt: Date) =>
        credentials.update(
          'stripe',
          'production',
          {
            credentials: { secretKey: 'sk_live_0000000000000000000000' },
            expiresAt: { secretKey: expiresAt.toISOString() },
          },
          { userRef: 'user:default/ada.admin' },
        );
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

      await storeSecretKey(inDays(30));
      const [later] = await health.list({ environment: 'production' });
      expect(later.expiringCredentials).toEqual([]);

      const soon = inDays(3);
      await storeSecretKey(soon);
      const [item] = await health.list({ environment: 'production' });
      expect(item.expiringCredentials).toEqual([
        {
          field: 'secretKey',
          label: 'Secret key',
          expiresAt: soon.toISOString(),
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reports uptime and error rate from the rollups (%p)',
    async databaseId => {
      const { config, health } = await setUp(databaseId);
      const now = Date.now();
      for (let i = 0; i < 4; i++) {
        await health.recordCheck(
          config,
          run('stripe', new Date(now - (4 - i) * 1000).toISOString(), i !== 1),
        );
      }

      const [item] = await health.list({ environment: 'production' });
      expect(item).toMatchObject({
        integration: 'stripe',
        status: 'degraded',
        checks: { passed: 3, failed: 1 },
        errorRate: 25,
        uptime: 75,
        uptimeWindows: { last24h: 75, last7d: 75, last30d: 75 },
      });
      expect(item.reasons[0]).toContain('1 of the last 4 checks failed');
    },
  );

  it.each(databases.eachSupportedId())(
    "counts today's reported usage with the health checks on the dashboard, for the integrations the caller reads (%p)",
    async databaseId => {
      const NOW = new Date('2026-11-28T12:00:00Z');
      const { knex, store, config, health } = await setUp(databaseId, {
        now: () => NOW,
      });
      await store.configs.apply(
        [productionIntegration('paypal', 'group:default/growth-team')],
        { actor: 'test', at: new Date(), audit: [] },
      );
      await health.recordCheck(
        config,
        run('stripe', '2026-11-28T10:00:00.000Z', true, 100),
      );
      await health.recordCheck(
        config,
        run('stripe', '2026-11-28T10:05:00.000Z', false, 300),
      );
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const events = await DatabaseUsageEventStore.create({ database });
      const call = (
        id: string,
        occurredAt: string,
        overrides: Partial<UsageEvent> = {},
      ): UsageEvent => ({
        id,
        integration: 'stripe',
        environment: 'production',
        endpoint: '/v1/charges',
        method: 'POST',
        status: 200,
        durationMs: 200,
        occurredAt,
        ...overrides,
      });
      await events.insert(
        [
          call('today-1', '2026-11-28T09:00:00Z'),
          call('today-2', '2026-11-28T11:00:00Z'),
          call('today-3', '2026-11-28T11:30:00Z', {
            status: 503,
            durationMs: 800,
          }),
          // Not today, not this environment, not an integration the caller reads.
          call('yesterday', '2026-11-27T23:59:00Z'),
          call('staging', '2026-11-28T11:00:00Z', { environment: 'staging' }),
          call('paypal', '2026-11-28T11:00:00Z', { integration: 'paypal' }),
        ],
        { source: 'api', receivedAt: NOW },
      );
      await new UsageRollupTask({
        events,
        rollups: store.usageRollups,
        now: () => NOW,
      }).run();

      const paymentsTeam = await health.dashboard('production', {
        permission: {
          property: 'owner',
          values: ['group:default/payments-team'],
        },
      });
      const everyone = await health.dashboard('production', {});

      // 2 checks and 3 calls; 1 failed of each; (100 + 300 + 200 + 200 + 800) / 5 ms.
      expect(paymentsTeam.overviewMetrics).toMatchObject({
        totalIntegrations: 1,
        totalAPICallsToday: 5,
        totalErrorsToday: 2,
        averageResponseTime: 320,
      });
      expect(everyone.overviewMetrics).toMatchObject({
        totalIntegrations: 2,
        totalAPICallsToday: 6,
        totalErrorsToday: 2,
      });
    },
  );
});
