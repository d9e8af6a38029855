import { TestDatabases } from '@backstage/backend-test-utils';
import {
  AlertKind,
  Environment,
  IntegrationHealthStatus,
  RateLimitsResponse,
} from '@internal/plugin-integrations-common';
import { createAlerting } from '../__testUtils__/alerting';
import {
  createConfigurationServices,
  createStores,
} from '../__testUtils__/createStores';
import { CheckSample, HealthState } from '../health/HealthStore';
import { LatencyHistogram, addToHistogram } from '../usage/latencyHistogram';
import { StoredRollup } from '../usage/UsageRollupStore';
import { AlertEvaluationTask } from './AlertEvaluationTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const NOW = new Date('2026-12-07T10:00:00Z');

function latency(count: number, ms: number): LatencyHistogram {
  const histogram: LatencyHistogram = {};
  addToHistogram(histogram, ms, count);
  return histogram;
}

/**
 * One configuration, `stripe` in production, with the given alert kinds
 * enabled; the readings of its last minutes and day are what the test says.
 */
async function setUp(enabledAlerts: AlertKind[]) {
  const stores = await createStores(await databases.init('SQLITE_3'));
  await createConfigurationServices(stores).configurations.create(
    {
      template: 'stripe',
      name: 'stripe',
      owner: 'group:default/payments-team',
      environments: ['production'],
      settings: {
        enabled: true,
        monitoringConfig: {
          alertThresholds: { errorRate: 5, responseTime: 1000, uptime: 99 },
          enabledAlerts,
        },
      },
    },
    { userRef: 'user:default/ada.admin' },
  );
  const readings = {
    usage: [] as Array<Partial<StoredRollup>>,
    checks: [] as CheckSample[],
    health: {
      status: 'healthy',
      uptime: 100,
      checks: { passed: 288, failed: 0 },
      reasons: ['All recent checks passed'],
    } as Partial<IntegrationHealthStatus>,
    rateLimits: {} as RateLimitsResponse,
  };
  const task = new AlertEvaluationTask({
    configs: stores.configs,
    health: {
      list: async () => [
        {
          integration: 'stripe',
          environment: 'production',
          ...readings.health,
        } as IntegrationHealthStatus,
      ],
    },
    healthStore: {
      listStates: async (environment?: Environment) => [
        {
          integration: 'stripe',
          environment,
          recent: readings.checks,
        } as HealthState,
      ],
    },
    usageRollups: {
      list: async () =>
        readings.usage.map(
          rollup =>
            ({
              integration: 'stripe',
              environment: 'production',
              latency: {},
              ...rollup,
            } as StoredRollup),
        ),
    },
    rateLimits: { status: async () => readings.rateLimits },
    alerts: createAlerting(stores, { now: () => NOW }).service,
    now: () => NOW,
  });
  const active = async () =>
    (await stores.alerts.list({ status: 'active' })).items.map(a => [
      a.type,
      a.severity,
      a.title,
    ]);
  return { stores, task, readings, active };
}

describe('AlertEvaluationTask', () => {
  it('raises one alert per condition however often it fires, and resolves it after three clear evaluations', async () => {
    const { stores, task, readings, active } = await setUp(['error_rate']);
    readings.usage = [
      { calls: 60, failed: 20 },
      { calls: 40, failed: 14 },
    ];

    for (let i = 0; i < 3; i++) {
      await task.evaluate();
    }
    expect(await active()).toEqual([
      ['error_rate', 'warning', 'Error rate of Stripe (production) is 34 %'],
    ]);
    const [alert] = (await stores.alerts.list({})).items;
    expect(alert).toMatchObject({
      value: '34 %',
      rule: 'error rate above 5 % over 15 minutes, at least 20 calls',
      message:
        '34 of 100 calls failed in the last 15 minutes, above the 5 % threshold.',
    });

    readings.usage = [{ calls: 100, failed: 1 }];
    await task.evaluate();
    await task.evaluate();
    expect((await stores.alerts.get(alert.id))?.status).toBe('open');
    await task.evaluate();
    expect(await stores.alerts.get(alert.id)).toMatchObject({
      status: 'resolved',
      resolvedAt: NOW.toISOString(),
    });
    expect((await stores.alerts.list({})).totalCount).toBe(1);
  });

  it('pages nobody for one failure of two calls, and counts health checks as calls', async () => {
    const { task, readings, active } = await setUp(['error_rate']);
    readings.usage = [{ calls: 2, failed: 1 }];
    await task.evaluate();
    expect(await active()).toEqual([]);

    // 18 more calls, the health checks of the window, most of them failed.
    readings.checks = Array.from({ length: 18 }, (_, i) => ({
      at: new Date(NOW.getTime() - i * 30_000).toISOString(),
      passed: i % 3 === 0,
    }));
    await task.evaluate();
    expect(await active()).toEqual([
      ['error_rate', 'warning', 'Error rate of Stripe (production) is 65 %'],
    ]);
  });

  it('raises only the kinds the configuration enables', async () => {
    const { task, readings, active } = await setUp(['response_time']);
    readings.usage = [
      { calls: 30, failed: 30, latency: latency(28, 4000) },
      { calls: 5, failed: 0, latency: latency(5, 100) },
    ];
    readings.health = {
      status: 'unhealthy',
      uptime: 50,
      checks: { passed: 50, failed: 50 },
      reasons: ['Latest check failed: Timeout'],
    };
    await task.evaluate();
    expect(await active()).toEqual([
      [
        'response_time',
        'warning',
        expect.stringMatching(
          /^Response time of Stripe \(production\) is \d+ ms at p95$/,
        ),
      ],
    ]);
  });

  it('alerts when the integration is down and when its uptime is below the threshold', async () => {
    const { task, readings, active } = await setUp(['uptime']);
    readings.health = {
      status: 'unhealthy',
      uptime: 97.5,
      checks: { passed: 39, failed: 1 },
      reasons: ['Latest check failed: Timeout'],
    };
    await task.evaluate();
    expect((await active()).sort()).toEqual([
      ['health', 'critical', 'Stripe (production) is unhealthy'],
      [
        'uptime',
        'warning',
        'Uptime of Stripe (production) is 97.5 % over 24 hours',
      ],
    ]);
  });

  it('alerts when a rate limit runs out before it resets', async () => {
    const { task, readings, active } = await setUp(['rate_limit']);
    readings.rateLimits = {
      stripe: {
        integration: 'stripe',
        environment: 'production',
        rateLimits: {
          read: {
            limit: 100,
            remaining: 10,
            source: 'header',
            field: 'x-ratelimit-remaining',
            forecast: {
              status: 'critical',
              callsPerMinute: 5,
              message: 'Spent in 2 minutes, 40 minutes before it resets',
            },
          },
          write: {
            limit: 100,
            remaining: 90,
            source: 'header',
            field: 'x-ratelimit-remaining',
            forecast: {
              status: 'ok',
              callsPerMinute: 1,
              message: 'Lasts',
            },
          },
        },
      } as unknown as RateLimitsResponse[string],
    };
    await task.evaluate();
    expect(await active()).toEqual([
      [
        'rate_limit',
        'warning',
        'Rate limit read of Stripe (production) runs out before it resets',
      ],
    ]);
  });
});
