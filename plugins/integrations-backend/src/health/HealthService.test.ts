import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  IntegrationConfig,
  TestRunResult,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { createStores } from '../__testUtils__/createStores';
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

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await createStores(knex);
  const provider = getProvider('stripe')!;
  await store.configs.apply(
    [
      {
        kind: 'create',
        integration: {
          name: 'stripe',
          provider: 'stripe',
          category: 'payment',
        },
        configs: [
          {
            environment: 'production',
            settings: applySettingsPatch(
              defaultSettingsFor(provider, 'production', {
                owner: 'group:default/payments-team',
              }),
              { enabled: true },
            ),
          },
        ],
      },
    ],
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
    },
    signals: signals as any,
    logger: mockServices.logger.mock(),
  });
  return { store, config: config as IntegrationConfig, health, signals };
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
});
